package org.invariance.plugins.neurontypes;

import org.invariance.plugin.PluginModule;
import org.invariance.results.ResultTable;

/** Contributes the {@code neuron-types} probe. */
public final class NeuronTypesModule extends PluginModule {
  @Override
  protected void configure() {
    probe("neuron-types").to(NeuronTypesProbe.class);
    figures("neuron-types").to(NeuronTypesFigures.class);
    headlines("neuron-types").toInstance(NeuronTypesModule::headlines);
  }

  /**
   * The numbers worth comparing across seeds: the summary rows, i.e. each type's {@code count} and
   * {@code fraction} per layer and digit, and the {@code pearson} correlation between two digits'
   * type-A neurons (all of {@code neuron-types_summary.csv}, by default). No per-neuron row
   * ({@code member}, {@code mu10}, {@code sigma10}) is one: neuron n of one network is not neuron n
   * of another.
   */
  static ResultTable headlines(ResultTable rows) {
    return rows.filter(r -> false);
  }
}
