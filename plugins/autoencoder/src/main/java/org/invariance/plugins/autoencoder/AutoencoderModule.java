package org.invariance.plugins.autoencoder;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code autoencoder} trainer. */
public final class AutoencoderModule extends PluginModule {
  @Override
  protected void configure() {
    trainer("autoencoder").to(AutoencoderTrainer.class);
  }
}
