package org.invariance.plugins.idx;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.invariance.config.InvalidConfig;

/**
 * The {@code idx} source's options: IDX files on disk in MNIST's layout (an images file of rank 3,
 * count x rows x columns, and a labels file of rank 1; raw or gzip). Paths are relative to the
 * experiment file.
 *
 * @param name the dataset's name in results ("IDX" gives IDX_30, IDX_mix, ...)
 * @param images the (training) images file
 * @param labels the (training) labels file
 * @param testImages a separate test images file (with {@code test_labels}); absent: the test split
 *     is cut from {@code images} by {@code test_fraction}
 * @param testLabels a separate test labels file (with {@code test_images})
 * @param testFraction without test files, the last fraction of each class (in file order) is the
 *     test split; default 0.2
 * @param classes the class names, by label; absent: "0", "1", ... up to the largest label found
 */
public record IdxConfig(
    String name,
    @JsonProperty(required = true) String images,
    @JsonProperty(required = true) String labels,
    String testImages,
    String testLabels,
    Double testFraction,
    List<String> classes) {

  public IdxConfig {
    if (name == null) name = "IDX";
    InvalidConfig.require(!name.isBlank(), "name", "must not be empty");
    InvalidConfig.require(images != null && !images.isBlank(), "images", "required: the IDX images file");
    InvalidConfig.require(labels != null && !labels.isBlank(), "labels", "required: the IDX labels file");
    InvalidConfig.require((testImages == null) == (testLabels == null), testImages == null ? "test_images" : "test_labels",
        "test_images and test_labels go together");
    InvalidConfig.require(testFraction == null || testImages == null, "test_fraction",
        "only without test_images/test_labels (the test files are the test split)");
    if (testFraction == null) testFraction = 0.2;
    InvalidConfig.require(testFraction > 0 && testFraction < 1, "test_fraction", "must be between 0 and 1 (exclusive), got " + testFraction);
    if (classes != null) {
      InvalidConfig.require(!classes.isEmpty() && classes.size() <= 256, "classes", "between 1 and 256 class names (labels are bytes), got " + classes.size());
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < classes.size(); i++) {
        String c = classes.get(i);
        InvalidConfig.require(c != null && !c.isBlank(), "classes." + i, "a class name is a non-empty string");
        InvalidConfig.require(seen.add(c), "classes." + i, "'" + c + "' is named twice");
      }
      classes = List.copyOf(classes);
    }
  }

  /** Whether the test split comes from files of its own. */
  public boolean separateTest() {
    return testImages != null;
  }
}
