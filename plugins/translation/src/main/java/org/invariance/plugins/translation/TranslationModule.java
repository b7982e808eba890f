package org.invariance.plugins.translation;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code translation} transform. */
public final class TranslationModule extends PluginModule {
  @Override
  protected void configure() {
    transform("translation").to(TranslationTransform.class);
  }
}
