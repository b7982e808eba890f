package org.invariance.plugins.cka;

import java.util.List;
import org.invariance.data.DatasetSpec;
import org.invariance.config.InvalidConfig;

/**
 * The {@code cka} probe.
 *
 * @param reference the dataset every other is compared with (default: the upright "0")
 * @param datasets the transformed datasets (default: -90, -60, -30, 30, 60, 90, mix)
 * @param layers study layers
 */
public record CkaConfig(String reference, List<String> datasets, List<Integer> layers) {
  public CkaConfig {
    if (reference == null) reference = "0";
    if (datasets == null) datasets = List.of("-90", "-60", "-30", "30", "60", "90", "mix");

    try {
      DatasetSpec.parse(reference);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfig("reference", e.getMessage());
    }
    DatasetSpec.parseAll(datasets, "datasets");
  }
}
