package org.invariance.plugins.fashionmnist;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code fashion-mnist} source. */
public final class FashionMnistModule extends PluginModule {
  @Override
  protected void configure() {
    source("fashion-mnist").to(FashionMnistSource.class);
  }
}
