package org.invariance.plugins.accuracy;

import java.util.ArrayList;
import java.util.List;
import org.invariance.data.DatasetSpec;
import org.invariance.experiment.InvalidConfig;

/**
 * The {@code accuracy} probe: accuracy on MNIST_a for every amount a (Figure 2) and on MNIST_mix,
 * and per digit on the datasets of {@code per_digit} (Figure 3: "0" and "mix").
 *
 * @param angles the amounts of Figure 2 (default -90..90 step 15)
 * @param mix whether to add MNIST_mix to Figure 2
 * @param perDigit datasets for per-digit accuracy ("0", "mix", "30", ...)
 */
public record AccuracyConfig(List<Double> angles, Boolean mix, List<String> perDigit) {
  public AccuracyConfig {
    if (angles == null) {
      angles = new ArrayList<>();
      for (int a = -90; a <= 90; a += 15) angles.add((double) a);
    }
    if (mix == null) mix = true;
    if (perDigit == null) perDigit = List.of("0", "mix");
    DatasetSpec.parseAll(perDigit, "per_digit");
    angles = List.copyOf(angles);
    perDigit = List.copyOf(perDigit);
  }
}
