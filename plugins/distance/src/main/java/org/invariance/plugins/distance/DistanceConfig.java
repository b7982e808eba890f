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
 */
public record DistanceConfig(List<List<String>> pairs, List<Integer> layers, Boolean perSample) {
  public DistanceConfig {
    if (pairs == null) pairs = List.of(List.of("0", "mix"), List.of("30", "-60"), List.of("60", "-30"));

    if (perSample == null) perSample = true;
    for (int i = 0; i < pairs.size(); i++) {
      InvalidConfig.require(pairs.get(i) != null && pairs.get(i).size() == 2, "pairs." + i, "a pair is two datasets, e.g. [\"30\", \"-60\"]");
      DatasetSpec.parseAll(pairs.get(i), "pairs." + i);
    }
  }
}
