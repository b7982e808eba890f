package org.invariance.plugins.invariancescore;

import org.invariance.plugin.PluginModule;

/** Contributes the {@code invariance-score} probe and its figure. */
public final class InvarianceScoreModule extends PluginModule {
  @Override
  protected void configure() {
    probe("invariance-score").to(InvarianceScoreProbe.class);
    figures("invariance-score").to(InvarianceScoreFigures.class);
  }
}
