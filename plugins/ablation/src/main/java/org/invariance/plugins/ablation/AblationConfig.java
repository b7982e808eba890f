package org.invariance.plugins.ablation;

import java.util.List;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;
import org.invariance.plugin.ProbeTransform;

/**
 * The {@code ablation} probe (Figure 10).
 *
 * @param digit the digit whose subsets define the types (the study: 1)
 * @param fraction the "most active" share for p10
 * @param datasets the set D: types are found on MNIST^digit_d and accuracy is measured on MNIST^i_d
 *     (default: the transform's identity, its mix and up to six of its declared amounts, evenly
 *     spaced, the extremes among them)
 * @param activity the dataset of the mean activity per type and digit (default: the transform's
 *     identity; the study: MNIST_0)
 * @param claimDigitRank read by the report only: Figure 10's claim holds when, with type A
 *     switched off, digit 1's mean relative loss ranks at most this among all digits (default 1:
 *     "for digit 1 performance decreases drastically", the most)
 * @param claimNextRank read by the report only: ... and digits 7 and 9 each rank at most this
 *     among the other digits (default 4: above the median of the 9 others, the study's "the
 *     decrease in performance is also strong for the digits 7 and 9")
 */
public record AblationConfig(Integer digit, Double fraction, List<String> datasets, String activity, Integer claimDigitRank, Integer claimNextRank) {
  public AblationConfig {
    if (digit == null) digit = 1;
    if (fraction == null) fraction = 0.1;
    if (claimDigitRank == null) claimDigitRank = 1;
    if (claimNextRank == null) claimNextRank = 4;
    InvalidConfig.require(claimDigitRank >= 1, "claim_digit_rank", "a rank is 1 (the largest loss) or more, got " + claimDigitRank);
    InvalidConfig.require(claimNextRank >= 1, "claim_next_rank", "a rank is 1 (the largest loss) or more, got " + claimNextRank);
    InvalidConfig.require(digit >= 0, "digit", "a class index is 0 or more, got " + digit);
    InvalidConfig.require(fraction > 0 && fraction <= 1, "fraction", "must be in (0, 1], got " + fraction);
    if (datasets != null) {
      InvalidConfig.require(datasets.size() >= 2, "datasets", "the variance over datasets needs at least two");
      DatasetSpec.parseAll(datasets, "datasets");
    }
    if (activity != null) {
      try {
        DatasetSpec.parse(activity);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfig("activity", e.getMessage());
      }
    }
  }

  /** The identity, the mix and the spread of declared amounts where {@code datasets} is left out; the identity where {@code activity} is. */
  AblationConfig withDefaults(ProbeTransform t) {
    return new AblationConfig(digit, fraction, datasets != null ? datasets : t.identityMixAndSpread("datasets"), activity != null ? activity : t.identityName("activity"),
        claimDigitRank, claimNextRank);
  }

  /** Without the report's claim ranks: the study's. */
  public AblationConfig(Integer digit, Double fraction, List<String> datasets, String activity) {
    this(digit, fraction, datasets, activity, null, null);
  }
}
