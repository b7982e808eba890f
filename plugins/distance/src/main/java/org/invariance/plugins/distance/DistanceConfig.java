package org.invariance.plugins.distance;

import java.util.ArrayList;
import java.util.List;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;
import org.invariance.plugin.ProbeTransform;

/**
 * The {@code distance} probe (Figure 5).
 *
 * @param pairs dataset pairs (default: the transform's identity against its mix and against each of
 *     up to six declared amounts, evenly spaced, the extremes among them)
 * @param layers study layers
 * @param perSample write every image's distance (for boxplots), not only the summaries
 * @param claimMaxRatio read by the report only: the claim of Figures 5a and 5b (the distances
 *     "decrease as we go further in the network") holds when, for every pair, each layer's mean
 *     distance divided by the previous layer's is below this (default 1: each layer's mean below
 *     the previous layer's)
 */
public record DistanceConfig(List<List<String>> pairs, List<Integer> layers, Boolean perSample, Double claimMaxRatio) {
  public DistanceConfig {
    if (claimMaxRatio == null) claimMaxRatio = 1.0;
    InvalidConfig.require(claimMaxRatio > 0, "claim_max_ratio", "a ratio bound is positive, got " + claimMaxRatio);

    if (perSample == null) perSample = true;
    for (int i = 0; pairs != null && i < pairs.size(); i++) {
      InvalidConfig.require(pairs.get(i) != null && pairs.get(i).size() == 2, "pairs." + i, "a pair is two datasets, e.g. [\"30\", \"-60\"]");
      DatasetSpec.parseAll(pairs.get(i), "pairs." + i);
    }
  }

  /** The identity against the mix and against the spread of declared amounts where {@code pairs} is left out. */
  DistanceConfig withDefaults(ProbeTransform t) {
    if (pairs != null) return this;
    String identity = t.identityName("pairs");
    List<List<String>> p = new ArrayList<>();
    p.add(List.of(identity, "mix"));
    for (String a : t.spread()) p.add(List.of(identity, a));
    return new DistanceConfig(p, layers, perSample, claimMaxRatio);
  }

  /** Without the report's claim threshold: the study's. */
  public DistanceConfig(List<List<String>> pairs, List<Integer> layers, Boolean perSample) {
    this(pairs, layers, perSample, null);
  }
}
