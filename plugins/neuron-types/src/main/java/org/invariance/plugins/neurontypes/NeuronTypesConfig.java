package org.invariance.plugins.neurontypes;

import java.util.List;
import org.invariance.data.DatasetSpec;
import org.invariance.config.InvalidConfig;

/**
 * The {@code neuron-types} probe (Algorithm 1; Figures 7, 8, 9).
 *
 * @param fraction the "most active" share of a layer for p10
 * @param datasets the set D the variance runs over
 * @param layers study layers to classify
 * @param perDigit also classify on every digit subset MNIST^i_d
 * @param correlationLayer the layer whose per-class type-A indicators are correlated (Figure 8; default the top layer)
 */
public record NeuronTypesConfig(Double fraction, List<String> datasets, List<Integer> layers, Boolean perDigit, Integer correlationLayer) {
  public NeuronTypesConfig {
    if (fraction == null) fraction = 0.1;
    if (datasets == null) datasets = List.of("0", "mix", "-60", "-30", "30", "60");

    if (perDigit == null) perDigit = true;

    InvalidConfig.require(fraction > 0 && fraction <= 1, "fraction", "must be in (0, 1], got " + fraction);
    InvalidConfig.require(datasets.size() >= 2, "datasets", "the variance over datasets needs at least two");
    DatasetSpec.parseAll(datasets, "datasets");
  }
}
