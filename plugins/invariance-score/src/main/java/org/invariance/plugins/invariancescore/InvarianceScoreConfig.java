package org.invariance.plugins.invariancescore;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;
import org.invariance.plugin.ProbeTransform;

/**
 * The {@code invariance-score} probe (Goodfellow et al. 2009). Rows: see {@link InvarianceScoreProbe}.
 *
 * @param reference the images thresholds and firing sets come from (default: the transform's identity)
 * @param firingRate the global firing rate G each neuron's threshold aims at (default 0.01; in (0, 1))
 * @param amounts the amounts of the probe's transform the local firing rate runs over (default: every
 *     amount declared for it; a subset of them)
 * @param layers study layers (default: every layer of the model, 1 = the input)
 * @param top the share of a layer's scored neurons, highest scores first, whose mean is the layer's
 *     score (default 0.2, the paper's; in (0, 1])
 */
public record InvarianceScoreConfig(String reference, Double firingRate, List<Double> amounts, List<Integer> layers, Double top) {
  public InvarianceScoreConfig {
    if (firingRate == null) firingRate = 0.01;
    if (top == null) top = 0.2;

    if (reference != null) {
      try {
        DatasetSpec.parse(reference);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfig("reference", e.getMessage());
      }
    }
    InvalidConfig.require(firingRate > 0 && firingRate < 1, "firing_rate", "a firing rate is in (0, 1), got " + firingRate);
    InvalidConfig.require(top > 0 && top <= 1, "top", "the share of neurons averaged is in (0, 1], got " + top);
    if (amounts != null) {
      InvalidConfig.require(!amounts.isEmpty(), "amounts", "name at least one amount, or leave the key out for all");
      Set<Double> seen = new HashSet<>();
      for (int i = 0; i < amounts.size(); i++) {
        Double a = amounts.get(i);
        InvalidConfig.require(a != null && Double.isFinite(a), "amounts." + i, "an amount is a number");
        InvalidConfig.require(seen.add(a), "amounts." + i, "amount " + a + " is listed twice");
      }
      amounts = List.copyOf(amounts);
    }
    if (layers != null) {
      for (int i = 0; i < layers.size(); i++) InvalidConfig.require(layers.get(i) != null && layers.get(i) >= 1, "layers." + i, "study layers start at 1 (the input)");
    }
  }

  /** The identity where {@code reference} is left out; every declared amount where {@code amounts} is. */
  InvarianceScoreConfig withDefaults(ProbeTransform t) {
    return new InvarianceScoreConfig(reference != null ? reference : t.identityName("reference"), firingRate, amounts != null ? amounts : t.amounts(), layers, top);
  }
}
