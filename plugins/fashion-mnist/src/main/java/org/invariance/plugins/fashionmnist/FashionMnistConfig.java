package org.invariance.plugins.fashionmnist;

import org.invariance.config.InvalidConfig;

/**
 * The {@code fashion-mnist} source's options.
 *
 * @param name the dataset's name in results ("FashionMNIST" gives FashionMNIST_30, ...)
 * @param dir the directory holding {@code {train,t10k}-{images-idx3,labels-idx1}-ubyte}, each raw
 *     or {@code .gz}; default {@value #DEBIAN_DIR}, where Debian's {@code dataset-fashion-mnist}
 *     installs them. Relative to the experiment file.
 */
public record FashionMnistConfig(String name, String dir) {
  /** Where Debian's {@code dataset-fashion-mnist} puts the gzip IDX files. */
  public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";

  public FashionMnistConfig {
    if (name == null) name = "FashionMNIST";
    if (dir == null) dir = DEBIAN_DIR;
    InvalidConfig.require(!name.isBlank(), "name", "must not be empty");
    InvalidConfig.require(!dir.isBlank(), "dir", "must not be empty");
  }
}
