package org.invariance.plugins.imagefolder;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code image-folder} source. */
public final class ImageFolderModule extends PluginModule {
  @Override
  protected void configure() {
    source("image-folder").to(ImageFolderSource.class);
  }
}
