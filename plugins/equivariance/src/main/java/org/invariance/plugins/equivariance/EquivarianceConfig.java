package org.invariance.plugins.equivariance;

import java.util.List;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;
import org.invariance.plugin.ProbeTransform;

/**
 * The {@code equivariance} probe.
 *
 * @param reference the amount whose representation phi(x) the maps start from (default: the
 *     transform's identity, "0" for rotation)
 * @param amounts the amounts a of the maps phi(x) -> phi(T_a x) (default: every amount declared for
 *     the probe's transform; the mix is no single transform and has no map)
 * @param layers the layers (1 = the input; default: every layer of each model)
 * @param ridge candidate ridge strengths, relative: lambda = ridge x n x the mean variance of the
 *     reference features over the n training images, so a value means the same whatever the scale
 *     of a layer (ridge r shrinks as much as independent noise of r times the mean feature variance
 *     added to every feature would). Per model, layer and amount the candidate with the least
 *     generalised cross-validation error on the training images is used: GCV approximates
 *     leave-one-out error in closed form, so all n training images fit the map and the test images
 *     play no part in the choice. One value fixes the strength. Default 1e-6, 1e-5, ..., 1e6: from
 *     shrinkage that is negligible but keeps a singular system solvable (neurons outnumbering
 *     images) up to predicting about the mean even for a layer of 10,000 neurons whose variance lies
 *     in one direction; every candidate costs O(min(n, p)) once the fit is set up.
 * @param images fit on at most this many training images and score on at most this many test images
 *     (default: all; the sample of training images has as many as the test split). The fit holds about
 *     six k x k double matrices, k = min(images, neurons): 200 MB at k = 2,000, 5 GB at k = 10,000; and
 *     one symmetric eigendecomposition of size k per layer (analysis.SymmetricEigen, in Java: about
 *     2 s at k = 1,000, 40 s at k = 2,000)
 */
public record EquivarianceConfig(String reference, List<Double> amounts, List<Integer> layers, List<Double> ridge, Integer images) {
  /** Thirteen decades (see {@code ridge}). */
  static final List<Double> RIDGES = List.of(1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6);

  public EquivarianceConfig {
    if (ridge == null) ridge = RIDGES;
    if (reference != null) {
      DatasetSpec ref;
      try {
        ref = DatasetSpec.parse(reference);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfig("reference", e.getMessage());
      }
      InvalidConfig.require(!ref.isMix(), "reference", "the maps start from one amount's images, not the mix");
    }
    if (amounts != null) {
      InvalidConfig.require(!amounts.isEmpty(), "amounts", "name at least one amount, or leave it out for every declared amount");
      for (int i = 0; i < amounts.size(); i++) {
        InvalidConfig.require(amounts.get(i) != null && Double.isFinite(amounts.get(i)), "amounts." + i, "an amount is a finite number");
      }
      amounts = List.copyOf(amounts);
    }
    if (layers != null) {
      InvalidConfig.require(!layers.isEmpty(), "layers", "name at least one layer, or leave it out for every layer");
      for (int i = 0; i < layers.size(); i++) {
        InvalidConfig.require(layers.get(i) != null && layers.get(i) >= 1, "layers." + i, "layers are numbered from 1 (the input)");
      }
      layers = List.copyOf(layers);
    }
    InvalidConfig.require(!ridge.isEmpty(), "ridge", "name at least one ridge strength");
    for (int i = 0; i < ridge.size(); i++) {
      Double r = ridge.get(i);
      InvalidConfig.require(r != null && r > 0 && Double.isFinite(r), "ridge." + i, "a ridge strength is a positive number (relative to the mean feature variance), got " + r);
    }
    ridge = List.copyOf(ridge);
    InvalidConfig.require(images == null || images >= 3, "images", "at least 3 images to fit a map with an intercept, got " + images);
  }

  /** The identity where {@code reference} is left out; every declared amount where {@code amounts} is. */
  EquivarianceConfig withDefaults(ProbeTransform t) {
    return new EquivarianceConfig(reference != null ? reference : t.identityName("reference"), amounts != null ? amounts : t.amounts(), layers, ridge, images);
  }

  /** The reference amount's dataset. */
  DatasetSpec referenceSpec() {
    return DatasetSpec.parse(reference);
  }
}
