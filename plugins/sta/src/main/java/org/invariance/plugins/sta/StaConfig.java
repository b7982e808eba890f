package org.invariance.plugins.sta;

import java.util.List;
import org.invariance.data.DatasetSpec;
import org.invariance.config.InvalidConfig;

/**
 * The {@code sta} probe (Figure 4).
 *
 * @param datasets default: 0, 30, 60, 90, mix
 * @param images at most this many test images per dataset (the study used 5,000)
 */
public record StaConfig(List<String> datasets, Integer images) {
  public StaConfig {
    if (datasets == null) datasets = List.of("0", "30", "60", "90", "mix");
    if (images == null) images = 5000;
    InvalidConfig.require(images > 0, "images", "must be positive, got " + images);
    DatasetSpec.parseAll(datasets, "datasets");
  }
}
