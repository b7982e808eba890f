package org.invariance.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import org.invariance.config.InvalidConfig;

/**
 * The {@code sweep:} section: seeds and a grid over any keys of the experiment, in the dotted style
 * of {@code --set}. Every combination of grid values is run with every seed.
 *
 * <pre>{@code
 * sweep:
 *   seeds: [1, 2, 3, 4, 5]
 *   grid:
 *     models.AER-encoder.iterations: [2000, 4000]
 * }</pre>
 *
 * @param seeds the seeds (the experiment's own seed when absent)
 * @param grid dotted key -> the values it takes, in file order
 */
public record SweepSpec(List<Long> seeds, LinkedHashMap<String, List<JsonNode>> grid) {
  public SweepSpec {
    InvalidConfig.require(seeds != null || (grid != null && !grid.isEmpty()), "seeds",
        "a sweep needs seeds (e.g. seeds: [1, 2, 3]) or a grid (e.g. grid: {models.AE.iterations: [100, 200]})");
    if (seeds != null) {
      InvalidConfig.require(!seeds.isEmpty(), "seeds", "names no seed");
      for (int i = 0; i < seeds.size(); i++) {
        InvalidConfig.require(seeds.get(i) != null, "seeds." + i, "expected a whole number");
        InvalidConfig.require(seeds.indexOf(seeds.get(i)) == i, "seeds." + i, "seed " + seeds.get(i) + " is listed twice");
      }
      seeds = List.copyOf(seeds);
    }
    if (grid == null) grid = new LinkedHashMap<>();
    // grid keys contain dots, so their checks name them by pointer in ExperimentLoader (checkGrid)
  }
}
