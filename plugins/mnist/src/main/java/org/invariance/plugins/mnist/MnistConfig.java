package org.invariance.plugins.mnist;

import org.invariance.config.InvalidConfig;

/**
 * The {@code mnist} source's options.
 *
 * @param name the dataset's name in results ("MNIST" gives MNIST_30, MNIST_mix, ...)
 * @param trainLimit keep only the first N of the 60,000 training images (file order; for quick
 *     runs and tests); absent: all
 * @param testLimit keep only the first N of the 10,000 test images; absent: all
 */
public record MnistConfig(String name, Integer trainLimit, Integer testLimit) {
  public MnistConfig {
    if (name == null) name = "MNIST";
    InvalidConfig.require(!name.isBlank(), "name", "must not be empty");
    InvalidConfig.require(trainLimit == null || trainLimit > 0, "train_limit", "must be a positive integer, got " + trainLimit);
    InvalidConfig.require(testLimit == null || testLimit > 0, "test_limit", "must be a positive integer, got " + testLimit);
  }
}
