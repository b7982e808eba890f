package org.invariance.plugins.autoencoder;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code autoencoder} model plugin. */
public final class AutoencoderModule extends PluginModule {
  @Override
  protected void configure() {
    model("autoencoder").to(AutoencoderTrainer.class);
  }
}
