package org.invariance.plugins.dropout;

import org.invariance.plugin.PluginModule;
import org.invariance.results.ResultTable;

/** Contributes the {@code dropout} probe. */
public final class DropoutModule extends PluginModule {
  @Override
  protected void configure() {
    probe("dropout").to(DropoutProbe.class);
    figures("dropout").to(DropoutFigures.class);
    headlines("dropout").toInstance(DropoutModule::headlines);
  }

  /**
   * The numbers worth comparing across seeds: per model, dataset and fraction the accuracy after
   * dropping each type (trial empty), and the summary's mean over the trials of random dropout (all
   * of {@code dropout_summary.csv}, by default). The single trials are left out: trial t draws its
   * neurons from the seed, so trial t of one seed and trial t of another are unrelated draws.
   */
  static ResultTable headlines(ResultTable rows) {
    return rows.filter(r -> r.get("trial").isEmpty());
  }
}
