package org.invariance.plugins.frozenhead;

import org.invariance.config.InvalidConfig;

/**
 * The {@code heads:} section for {@code frozen-head}. Defaults are the study's (section 2.2):
 * 1000 iterations of batch 128 at a constant learning rate of 0.05, on unrotated training digits.
 */
public record FrozenHeadConfig(Double lr, Integer batch, Integer iterations) {
  public FrozenHeadConfig {
    if (lr == null) lr = 0.05;
    if (batch == null) batch = 128;
    if (iterations == null) iterations = 1000;
    InvalidConfig.require(lr > 0, "lr", "must be positive, got " + lr);
    InvalidConfig.require(batch > 0 && batch <= 65_536, "batch", "a batch is 1 to 65536 images, got " + batch);
    InvalidConfig.require(iterations > 0, "iterations", "must be positive, got " + iterations);
  }
}
