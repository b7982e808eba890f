package org.invariance.plugins.accuracy;

import java.util.List;
import org.invariance.data.DatasetSpec;
import org.invariance.config.InvalidConfig;

/**
 * The {@code accuracy} probe: accuracy on T_a for every amount a (Figure 2) and on T_mix, and per
 * class on the datasets of {@code per_digit} (Figure 3: "0" and "mix").
 *
 * @param amounts the amounts of Figure 2 (default: every amount declared for the probe's transform)
 * @param mix whether to add MNIST_mix to Figure 2
 * @param perDigit datasets for per-digit accuracy ("0", "mix", "30", ...)
 */
public record AccuracyConfig(List<Double> amounts, Boolean mix, List<String> perDigit) {
  public AccuracyConfig {
    if (mix == null) mix = true;
    if (perDigit == null) perDigit = List.of("0", "mix");
    DatasetSpec.parseAll(perDigit, "per_digit");
    if (amounts != null) amounts = List.copyOf(amounts);
    perDigit = List.copyOf(perDigit);
  }
}
