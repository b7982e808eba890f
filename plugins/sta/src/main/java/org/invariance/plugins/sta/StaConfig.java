package org.invariance.plugins.sta;

import java.util.ArrayList;
import java.util.List;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;
import org.invariance.plugin.ProbeTransform;

/**
 * The {@code sta} probe (Figure 4).
 *
 * @param datasets default: the transform's identity, up to six of its declared amounts (evenly
 *     spaced, the extremes among them) and its mix
 * @param images at most this many test images per dataset (the study used 5,000)
 */
public record StaConfig(List<String> datasets, Integer images) {
  public StaConfig {
    if (images == null) images = 5000;
    InvalidConfig.require(images > 0, "images", "must be positive, got " + images);
    if (datasets != null) DatasetSpec.parseAll(datasets, "datasets");
  }

  /** The identity, the spread of declared amounts and the mix where {@code datasets} is left out. */
  StaConfig withDefaults(ProbeTransform t) {
    if (datasets != null) return this;
    List<String> d = new ArrayList<>();
    d.add(t.identityName("datasets"));
    d.addAll(t.spread());
    d.add("mix");
    return new StaConfig(d, images);
  }
}
