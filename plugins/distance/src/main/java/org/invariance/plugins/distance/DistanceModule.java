package org.invariance.plugins.distance;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code distance} probe. */
public final class DistanceModule extends PluginModule {
  @Override
  protected void configure() {
    probe("distance").to(DistanceProbe.class);
    figures("distance").to(DistanceFigures.class);
  }
}
