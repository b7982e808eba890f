package org.invariance.plugins.p10;

import java.util.List;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;
import org.invariance.plugin.ProbeTransform;

/**
 * The {@code p10} probe (Figures 6 and 12).
 *
 * @param fraction the "most active" share of a layer (the study's 10%)
 * @param datasets the set D (default: the transform's identity, its mix and up to six of its declared
 *     amounts, evenly spaced, the extremes among them)
 * @param layers study layers (1 = input, 2-4 = the encoder's layers)
 * @param claimMinCorrelation read by the report only: the claim of Figures 6 and 12 ("the
 *     patterns for different datasets show very strong overlap") holds when, in every layer, the
 *     mean Pearson r between p10 on the first dataset and p10 on each other dataset is at least
 *     this (default 0.8)
 */
public record P10Config(Double fraction, List<String> datasets, List<Integer> layers, Double claimMinCorrelation) {
  public P10Config {
    if (fraction == null) fraction = 0.1;
    if (claimMinCorrelation == null) claimMinCorrelation = 0.8;
    InvalidConfig.require(claimMinCorrelation >= -1 && claimMinCorrelation <= 1, "claim_min_correlation", "a correlation is in [-1, 1], got " + claimMinCorrelation);

    InvalidConfig.require(fraction > 0 && fraction <= 1, "fraction", "must be in (0, 1], got " + fraction);
    if (datasets != null) DatasetSpec.parseAll(datasets, "datasets");
    if (layers != null) for (int i = 0; i < layers.size(); i++) InvalidConfig.require(layers.get(i) != null && layers.get(i) >= 1, "layers." + i, "study layers start at 1 (the input)");
  }

  /** The identity, the mix and the spread of declared amounts where {@code datasets} is left out. */
  P10Config withDefaults(ProbeTransform t) {
    return datasets != null ? this : new P10Config(fraction, t.identityMixAndSpread("datasets"), layers, claimMinCorrelation);
  }

  /** Without the report's claim threshold: the study's. */
  public P10Config(Double fraction, List<String> datasets, List<Integer> layers) {
    this(fraction, datasets, layers, null);
  }
}
