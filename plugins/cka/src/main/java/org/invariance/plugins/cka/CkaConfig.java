package org.invariance.plugins.cka;

import java.util.ArrayList;
import java.util.List;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;
import org.invariance.plugin.ProbeTransform;

/**
 * The {@code cka} probe. Its rows per layer and pair (see {@link CkaProbe}): {@code cka} (linear),
 * {@code cka_debiased}, and the permutation baseline of each, {@code cka_permuted_mean},
 * {@code cka_permuted_p95}, {@code cka_debiased_permuted_mean}, {@code cka_debiased_permuted_p95}.
 *
 * @param reference the dataset every other is compared with (default: the transform's identity)
 * @param datasets the transformed datasets (default: up to six of the transform's declared amounts,
 *     evenly spaced, the extremes among them, and its mix: -90, -60, -30, 30, 60, 90, mix for
 *     rotation by -90, -75, ..., 90)
 * @param layers study layers (default: every layer of the model)
 * @param permutations the chance level's source. Left out (the default): the exact mean and variance
 *     of each estimator over all re-pairings of the images, in closed form at no cost beyond the
 *     comparison, the 95th percentile by normal approximation ({@link Chance}). A count: that many
 *     seeded random re-pairings, each an explicit comparison costing one more (f x f) product of the
 *     layer's features where they are fewer than the images (about 0.4 s for 784 features of 10,000
 *     images on 2 cores), one pass over the two n x n Gram matrices otherwise (milliseconds); 0: no
 *     baseline rows.
 */
public record CkaConfig(String reference, List<String> datasets, List<Integer> layers, Integer permutations) {
  public CkaConfig {
    if (reference != null) {
      try {
        DatasetSpec.parse(reference);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfig("reference", e.getMessage());
      }
    }
    if (datasets != null) DatasetSpec.parseAll(datasets, "datasets");
    if (layers != null) for (int i = 0; i < layers.size(); i++) InvalidConfig.require(layers.get(i) != null && layers.get(i) >= 1, "layers." + i, "study layers start at 1 (the input)");
    InvalidConfig.require(permutations == null || permutations >= 0 && permutations <= 1000, "permutations", "0 (no baseline) to 1000 re-pairings (beyond that the chance level's 95th percentile moves by less than its own spread), got " + permutations);
  }

  /** The identity where {@code reference} is left out; the spread of declared amounts and the mix where {@code datasets} is. */
  CkaConfig withDefaults(ProbeTransform t) {
    List<String> d = datasets;
    if (d == null) {
      d = new ArrayList<>(t.spread());
      d.add("mix");
    }
    return new CkaConfig(reference != null ? reference : t.identityName("reference"), d, layers, permutations);
  }

  /** The three-key form of earlier versions: the default chance level (exact moments). */
  public CkaConfig(String reference, List<String> datasets, List<Integer> layers) {
    this(reference, datasets, layers, null);
  }
}
