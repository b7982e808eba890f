package org.invariance.data;

import java.util.List;

/**
 * The training and test images of an experiment, with the same classes.
 *
 * <p>With one set of images (npm's 10,000 digits), {@link #stratified} splits deterministically:
 * within each class, in file order, the last {@code round(testFraction * count)} images are test
 * images and the rest train. Sources with their own test files (the full MNIST) give those.
 */
public record Split(Images train, Images test) {
  public Split {
    if (!train.classes().equals(test.classes())) throw new IllegalArgumentException("training and test images name different classes: " + train.classes() + " vs " + test.classes());
    if (train.width() != test.width() || train.height() != test.height()) {
      throw new IllegalArgumentException("test images are " + test.width() + "x" + test.height() + ", training images " + train.width() + "x" + train.height());
    }
  }

  public static Split stratified(Images all, double testFraction) {
    int classes = all.classes().size();
    int[] perClass = new int[classes];
    for (int i = 0; i < all.count(); i++) perClass[all.label(i)]++;
    int[] testCount = new int[classes];
    int totalTest = 0;
    for (int c = 0; c < classes; c++) {
      testCount[c] = (int) Math.round(testFraction * perClass[c]);
      totalTest += testCount[c];
    }
    int[] seen = new int[classes];
    int[] trainIdx = new int[all.count() - totalTest];
    int[] testIdx = new int[totalTest];
    int tr = 0;
    int te = 0;
    for (int i = 0; i < all.count(); i++) {
      int c = all.label(i);
      if (seen[c]++ >= perClass[c] - testCount[c]) testIdx[te++] = i;
      else trainIdx[tr++] = i;
    }
    return new Split(all.select(trainIdx), all.select(testIdx));
  }

  /** The class names, by index. */
  public List<String> classes() {
    return train.classes();
  }

  /**
   * The first {@code trainLimit} training and {@code testLimit} test images, in file order (a quick
   * run on part of a large source); null or a limit beyond the count keeps them all.
   */
  public Split first(Integer trainLimit, Integer testLimit) {
    return new Split(first(train, trainLimit), first(test, testLimit));
  }

  /** What {@link #first} kept, for provenance: "; the first 100 training images", or "". */
  public static String describeLimits(Integer trainLimit, Integer testLimit) {
    return (trainLimit == null ? "" : "; the first " + trainLimit + " training images") + (testLimit == null ? "" : "; the first " + testLimit + " test images");
  }

  private static Images first(Images images, Integer limit) {
    if (limit == null || limit >= images.count()) return images;
    return images.select(java.util.stream.IntStream.range(0, limit).toArray());
  }

  /** SHA-256 of both halves: what provenance records as the data checksum. */
  public String checksum() {
    return train.checksum().substring(0, 32) + test.checksum().substring(0, 32);
  }
}
