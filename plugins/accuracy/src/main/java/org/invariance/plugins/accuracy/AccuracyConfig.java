package org.invariance.plugins.accuracy;

import java.util.List;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;
import org.invariance.plugin.ProbeTransform;

/**
 * The {@code accuracy} probe: accuracy on T_a for every amount a (Figure 2) and on T_mix, and per
 * class on the datasets of {@code per_digit} (Figure 3: "0" and "mix").
 *
 * @param amounts the amounts of Figure 2 (default: every amount declared for the probe's transform)
 * @param mix whether to add MNIST_mix to Figure 2
 * @param perDigit datasets for per-class accuracy ("0", "mix", "30", ...; default: the transform's
 *     identity and its mix, Figure 3's "0" and "mix" under rotation)
 * @param claimTie read by the report only: Figure 2's "both classifiers perform nearly equally on
 *     the unrotated set" holds when their accuracies on MNIST_0 differ by at most this (default 0.03)
 * @param claimMargin read by the report only: Figure 2's "AER obviously outperforms AEUR on any
 *     rotated set" holds when AER's accuracy exceeds AEUR's by more than this on every rotated set
 *     and on MNIST_mix (default 0: higher)
 */
public record AccuracyConfig(List<Double> amounts, Boolean mix, List<String> perDigit, Double claimTie, Double claimMargin) {
  public AccuracyConfig {
    if (mix == null) mix = true;
    if (claimTie == null) claimTie = 0.03;
    if (claimMargin == null) claimMargin = 0.0;
    InvalidConfig.require(claimTie >= 0, "claim_tie", "an accuracy difference bound is 0 or more, got " + claimTie);
    InvalidConfig.require(claimMargin > -1 && claimMargin < 1, "claim_margin", "an accuracy margin is in (-1, 1), got " + claimMargin);
    if (amounts != null) amounts = List.copyOf(amounts);
    if (perDigit != null) {
      DatasetSpec.parseAll(perDigit, "per_digit");
      perDigit = List.copyOf(perDigit);
    }
  }

  /** Every amount declared where {@code amounts} is left out; the identity and the mix where {@code per_digit} is. */
  AccuracyConfig withDefaults(ProbeTransform t) {
    return new AccuracyConfig(amounts != null ? amounts : t.amounts(), mix, perDigit != null ? perDigit : List.of(t.identityName("per_digit"), "mix"), claimTie, claimMargin);
  }

  /** Without the report's claim thresholds: the study's. */
  public AccuracyConfig(List<Double> amounts, Boolean mix, List<String> perDigit) {
    this(amounts, mix, perDigit, null, null);
  }
}
