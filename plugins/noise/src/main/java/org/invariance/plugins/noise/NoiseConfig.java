package org.invariance.plugins.noise;

import org.invariance.config.InvalidConfig;

/**
 * The {@code noise} transform's config.
 *
 * @param seed mixed into every image's noise: another seed, other noise (default 0)
 * @param min noisy pixels are clipped to at least this (default 0)
 * @param max noisy pixels are clipped to at most this (default 1)
 */
public record NoiseConfig(Long seed, Double min, Double max) {
  public NoiseConfig {
    if (seed == null) seed = 0L;
    if (min == null) min = 0.0;
    if (max == null) max = 1.0;
    InvalidConfig.require(Double.isFinite(min), "min", "must be a finite number, got " + min);
    InvalidConfig.require(Double.isFinite(max), "max", "must be a finite number, got " + max);
    InvalidConfig.require(min < max, "max", "must be greater than min (" + min + "), got " + max);
  }
}
