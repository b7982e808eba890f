package org.invariance.plugins.p10;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code p10} probe. */
public final class P10Module extends PluginModule {
  @Override
  protected void configure() {
    probe("p10").to(P10Probe.class);
    figures("p10").to(P10Figures.class);
  }
}
