package org.invariance.plugins.sta;

import org.invariance.plugin.PluginModule;
import org.invariance.results.ResultTable;

/** Contributes the {@code sta} probe. */
public final class StaModule extends PluginModule {
  @Override
  protected void configure() {
    probe("sta").to(StaProbe.class);
    figures("sta").to(StaFigures.class);
    headlines("sta").toInstance(StaModule::headlines);
  }

  /**
   * The numbers worth comparing across seeds: per model, dataset and softmax neuron (a class, the
   * same in every network) how many images it won ({@code count}); the per-pixel averages are left out.
   */
  static ResultTable headlines(ResultTable rows) {
    return rows.metric("count");
  }
}
