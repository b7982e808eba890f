package org.invariance.plugins.accuracy;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code accuracy} probe. */
public final class AccuracyModule extends PluginModule {
  @Override
  protected void configure() {
    probe("accuracy").to(AccuracyProbe.class);
    figures("accuracy").to(AccuracyFigures.class);
  }
}
