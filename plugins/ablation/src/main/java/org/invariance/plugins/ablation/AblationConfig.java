package org.invariance.plugins.ablation;

import java.util.List;
import org.invariance.data.DatasetSpec;
import org.invariance.config.InvalidConfig;

/**
 * The {@code ablation} probe (Figure 10).
 *
 * @param digit the digit whose subsets define the types (the study: 1)
 * @param fraction the "most active" share for p10
 * @param datasets the set D: types are found on MNIST^digit_d and accuracy is measured on MNIST^i_d
 * @param activity the dataset of the mean activity per type and digit (the study: MNIST_0)
 */
public record AblationConfig(Integer digit, Double fraction, List<String> datasets, String activity) {
  public AblationConfig {
    if (digit == null) digit = 1;
    if (fraction == null) fraction = 0.1;
    if (datasets == null) datasets = List.of("0", "mix", "-60", "-30", "30", "60");
    if (activity == null) activity = "0";
    InvalidConfig.require(digit >= 0, "digit", "a class index is 0 or more, got " + digit);
    InvalidConfig.require(fraction > 0 && fraction <= 1, "fraction", "must be in (0, 1], got " + fraction);
    InvalidConfig.require(datasets.size() >= 2, "datasets", "the variance over datasets needs at least two");
    DatasetSpec.parseAll(datasets, "datasets");
    try {
      DatasetSpec.parse(activity);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfig("activity", e.getMessage());
    }
  }
}
