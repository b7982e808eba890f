package org.invariance.plugins.noise;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code noise} transform. */
public final class NoiseModule extends PluginModule {
  @Override
  protected void configure() {
    transform("noise").to(NoiseTransform.class);
  }
}
