package org.invariance.plugins.sta;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code sta} probe. */
public final class StaModule extends PluginModule {
  @Override
  protected void configure() {
    probe("sta").to(StaProbe.class);
    figures("sta").to(StaFigures.class);
  }
}
