package org.invariance.plugins.mnist;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code mnist} source. */
public final class MnistModule extends PluginModule {
  @Override
  protected void configure() {
    source("mnist").to(MnistSource.class);
  }
}
