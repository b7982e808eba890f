package org.invariance.plugins.equivariance;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code equivariance} probe and its figure. */
public final class EquivarianceModule extends PluginModule {
  @Override
  protected void configure() {
    probe("equivariance").to(EquivarianceProbe.class);
    figures("equivariance").to(EquivarianceFigures.class);
  }
}
