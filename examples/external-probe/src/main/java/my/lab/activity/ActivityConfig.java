package my.lab.activity;

import java.util.List;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;

/**
 * The {@code activity} probe's section.
 *
 * @param datasets where activity is measured (default: the upright "0" and "mix")
 * @param threshold a neuron counts as active on an image above this (default 0.5)
 */
public record ActivityConfig(List<String> datasets, Double threshold) {
  public ActivityConfig {
    if (datasets == null) datasets = List.of("0", "mix");
    if (threshold == null) threshold = 0.5;
    DatasetSpec.parseAll(datasets, "datasets");
    InvalidConfig.require(!datasets.isEmpty(), "datasets", "name at least one dataset");
  }
}
