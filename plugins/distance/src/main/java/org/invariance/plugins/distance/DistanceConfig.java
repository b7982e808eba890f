package org.invariance.plugins.distance;

import java.util.List;
import org.invariance.data.DatasetSpec;
import org.invariance.config.InvalidConfig;

/**
 * The {@code distance} probe (Figure 5).
 *
 * @param pairs dataset pairs (default: 0 vs mix, 30 vs -60, 60 vs -30)
 * @param layers study layers
 * @param perSample write every image's distance (for boxplots), not only the summaries
 * @param claimMaxRatio read by the report only: the claim of Figures 5a and 5b (the distances
 *     "decrease as we go further in the network") holds when, for every pair, each layer's mean
 *     distance divided by the previous layer's is below this (default 1: each layer's mean below
 *     the previous layer's)
 */
public record DistanceConfig(List<List<String>> pairs, List<Integer> layers, Boolean perSample, Double claimMaxRatio) {
  public DistanceConfig {
    if (pairs == null) pairs = List.of(List.of("0", "mix"), List.of("30", "-60"), List.of("60", "-30"));
    if (claimMaxRatio == null) claimMaxRatio = 1.0;
    InvalidConfig.require(claimMaxRatio > 0, "claim_max_ratio", "a ratio bound is positive, got " + claimMaxRatio);

    if (perSample == null) perSample = true;
    for (int i = 0; i < pairs.size(); i++) {
      InvalidConfig.require(pairs.get(i) != null && pairs.get(i).size() == 2, "pairs." + i, "a pair is two datasets, e.g. [\"30\", \"-60\"]");
      DatasetSpec.parseAll(pairs.get(i), "pairs." + i);
    }
  }

  /** Without the report's claim threshold: the study's. */
  public DistanceConfig(List<List<String>> pairs, List<Integer> layers, Boolean perSample) {
    this(pairs, layers, perSample, null);
  }
}
