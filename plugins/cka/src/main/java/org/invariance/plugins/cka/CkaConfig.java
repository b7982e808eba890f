package org.invariance.plugins.cka;

import java.util.List;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;

/**
 * The {@code cka} probe. Its rows per layer and pair (see {@link CkaProbe}): {@code cka} (linear),
 * {@code cka_debiased}, and the permutation baseline of each, {@code cka_permuted_mean},
 * {@code cka_permuted_p95}, {@code cka_debiased_permuted_mean}, {@code cka_debiased_permuted_p95}.
 *
 * @param reference the dataset every other is compared with (default: the upright "0")
 * @param datasets the transformed datasets (default: -90, -60, -30, 30, 60, 90, mix)
 * @param layers study layers (default: every layer of the model)
 * @param permutations how many random re-pairings of the images give the chance level (default 20;
 *     0: no baseline rows). Each costs one more (f x f) product of the layer's features where they
 *     are fewer than the images (about 0.4 s for 784 features of 10,000 images on 2 cores), one pass
 *     over the two n x n Gram matrices otherwise (milliseconds).
 */
public record CkaConfig(String reference, List<String> datasets, List<Integer> layers, Integer permutations) {
  public CkaConfig {
    if (reference == null) reference = "0";
    if (datasets == null) datasets = List.of("-90", "-60", "-30", "30", "60", "90", "mix");
    if (permutations == null) permutations = 20;

    try {
      DatasetSpec.parse(reference);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfig("reference", e.getMessage());
    }
    DatasetSpec.parseAll(datasets, "datasets");
    if (layers != null) for (int i = 0; i < layers.size(); i++) InvalidConfig.require(layers.get(i) != null && layers.get(i) >= 1, "layers." + i, "study layers start at 1 (the input)");
    InvalidConfig.require(permutations >= 0, "permutations", "must be 0 (no baseline) or more, got " + permutations);
  }

  /** The three-key form of earlier versions: the default number of permutations. */
  public CkaConfig(String reference, List<String> datasets, List<Integer> layers) {
    this(reference, datasets, layers, null);
  }
}
