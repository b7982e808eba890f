package org.invariance.plugins.mnist;

import org.invariance.config.InvalidConfig;

/**
 * The {@code mnist} source's options.
 *
 * @param name the dataset's name in results ("MNIST" gives MNIST_30, MNIST_mix, ...)
 */
public record MnistConfig(String name) {
  public MnistConfig {
    if (name == null) name = "MNIST";
    InvalidConfig.require(!name.isBlank(), "name", "must not be empty");
  }
}
