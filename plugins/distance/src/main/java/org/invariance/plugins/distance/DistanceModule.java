package org.invariance.plugins.distance;

import org.invariance.plugin.PluginModule;
import org.invariance.results.ResultTable;

/** Contributes the {@code distance} probe, and the normalised distance as a training probe ({@code watch:}). */
public final class DistanceModule extends PluginModule {
  @Override
  protected void configure() {
    probe("distance").to(DistanceProbe.class);
    figures("distance").to(DistanceFigures.class);
    trainingProbe("distance").to(DistanceWhileTraining.class);
    headlines("distance").toInstance(DistanceModule::headlines);
  }

  /**
   * The numbers worth comparing across seeds: per model, pair, layer and metric the probe's own
   * summaries over the images ({@code mean_*} and {@code median_*}, in {@code distance_summary.csv},
   * all of them by default). No per-image row is one: image s of one network says nothing about
   * image s of another, and their mean is already there as {@code mean_distance} /
   * {@code mean_normalized_distance}.
   */
  static ResultTable headlines(ResultTable rows) {
    return rows.filter(r -> false);
  }
}
