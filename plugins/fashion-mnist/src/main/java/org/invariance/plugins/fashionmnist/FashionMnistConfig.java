package org.invariance.plugins.fashionmnist;

import org.invariance.config.InvalidConfig;

/**
 * The {@code fashion-mnist} source's options.
 *
 * @param name the dataset's name in results ("FashionMNIST" gives FashionMNIST_30, ...)
 * @param dir the directory holding {@code {train,t10k}-{images-idx3,labels-idx1}-ubyte}, each raw
 *     or {@code .gz}; default {@value #DEBIAN_DIR}, where Debian's {@code dataset-fashion-mnist}
 *     installs them. Relative to the experiment file.
 * @param trainLimit keep only the first N of the 60,000 training images (file order; for quick
 *     runs and tests); absent: all
 * @param testLimit keep only the first N of the 10,000 test images; absent: all
 */
public record FashionMnistConfig(String name, String dir, Integer trainLimit, Integer testLimit) {
  /** Where Debian's {@code dataset-fashion-mnist} puts the gzip IDX files. */
  public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";

  public FashionMnistConfig {
    if (name == null) name = "FashionMNIST";
    if (dir == null) dir = DEBIAN_DIR;
    InvalidConfig.require(!name.isBlank(), "name", "must not be empty");
    InvalidConfig.require(!dir.isBlank(), "dir", "must not be empty");
    InvalidConfig.require(trainLimit == null || trainLimit > 0, "train_limit", "must be a positive integer, got " + trainLimit);
    InvalidConfig.require(testLimit == null || testLimit > 0, "test_limit", "must be a positive integer, got " + testLimit);
  }
}
