package org.invariance.plugins.neurontypes;

import java.util.List;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;
import org.invariance.plugin.ProbeTransform;

/**
 * The {@code neuron-types} probe (Algorithm 1; Figures 7, 8, 9).
 *
 * @param fraction the "most active" share of a layer for p10
 * @param datasets the set D the variance runs over (default: the transform's identity, its mix and up to
 *     six of its declared amounts, evenly spaced, the extremes among them)
 * @param layers study layers to classify
 * @param perDigit also classify on every digit subset MNIST^i_d
 * @param correlationLayer the layer whose per-class type-A indicators are correlated (Figure 8; default the top layer)
 * @param claimMinDigits read by the report only: Figure 9's claim ("for all three types the
 *     absolute numbers decrease as the layer numbers increase") holds when, for every type, the
 *     per-digit count falls from each layer to the next in at least this many digits (default 10:
 *     every digit, as the study states it without exception)
 * @param claimMaxCorrelation read by the report only: Figure 8's claim ("overall low correlation
 *     values") holds when the mean off-diagonal Pearson r between the digits' type-A neurons is
 *     below this (default 0.3)
 */
public record NeuronTypesConfig(Double fraction, List<String> datasets, List<Integer> layers, Boolean perDigit, Integer correlationLayer,
    Integer claimMinDigits, Double claimMaxCorrelation) {
  public NeuronTypesConfig {
    if (fraction == null) fraction = 0.1;

    if (perDigit == null) perDigit = true;
    if (claimMinDigits == null) claimMinDigits = 10;
    if (claimMaxCorrelation == null) claimMaxCorrelation = 0.3;
    InvalidConfig.require(claimMinDigits >= 1, "claim_min_digits", "must be 1 or more, got " + claimMinDigits);
    InvalidConfig.require(claimMaxCorrelation > -1 && claimMaxCorrelation <= 1, "claim_max_correlation", "a correlation bound is in (-1, 1], got " + claimMaxCorrelation);

    InvalidConfig.require(fraction > 0 && fraction <= 1, "fraction", "must be in (0, 1], got " + fraction);
    if (datasets != null) {
      InvalidConfig.require(datasets.size() >= 2, "datasets", "the variance over datasets needs at least two");
      DatasetSpec.parseAll(datasets, "datasets");
    }
  }

  /** The identity, the mix and the spread of declared amounts where {@code datasets} is left out. */
  NeuronTypesConfig withDefaults(ProbeTransform t) {
    return datasets != null ? this : new NeuronTypesConfig(fraction, t.identityMixAndSpread("datasets"), layers, perDigit, correlationLayer, claimMinDigits, claimMaxCorrelation);
  }

  /** Without the report's claim thresholds: the study's. */
  public NeuronTypesConfig(Double fraction, List<String> datasets, List<Integer> layers, Boolean perDigit, Integer correlationLayer) {
    this(fraction, datasets, layers, perDigit, correlationLayer, null, null);
  }
}
