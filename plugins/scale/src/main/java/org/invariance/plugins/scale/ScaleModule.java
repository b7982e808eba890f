package org.invariance.plugins.scale;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code scale} transform. */
public final class ScaleModule extends PluginModule {
  @Override
  protected void configure() {
    transform("scale").to(ScaleTransform.class);
  }
}
