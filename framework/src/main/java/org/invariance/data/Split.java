package org.invariance.data;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

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
    if (!train.shape().equals(test.shape())) {
      throw new IllegalArgumentException("test images are " + test.shape() + ", training images " + train.shape() + " (channels x height x width)");
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
   * At most {@code trainLimit} training and {@code testLimit} test images (a quick run on part of a
   * large source), each half kept as the source split it and with its class balance: every class
   * keeps its share of the limit (largest remainders round), taking its first images in the
   * source's order, and the images stay in that order. Null, or a limit of at least the count,
   * keeps a half whole.
   */
  public Split limit(Integer trainLimit, Integer testLimit) {
    return new Split(limited(train, trainLimit), limited(test, testLimit));
  }

  /** What {@link #limit} kept, for provenance: "; 100 training images (each class its share)", or "". */
  public static String describeLimits(Integer trainLimit, Integer testLimit) {
    return (trainLimit == null ? "" : "; " + trainLimit + " training images (each class its share)") + (testLimit == null ? "" : "; " + testLimit + " test images (each class its share)");
  }

  private static Images limited(Images images, Integer limit) {
    if (limit == null || limit >= images.count()) return images;
    int classes = images.classes().size();
    int[] perClass = new int[classes];
    for (int i = 0; i < images.count(); i++) perClass[images.label(i)]++;
    // each class's exact share, floored; the images left over go to the largest remainders (ties: lower class first)
    int[] keep = new int[classes];
    double[] remainder = new double[classes];
    int kept = 0;
    for (int c = 0; c < classes; c++) {
      double share = (double) limit * perClass[c] / images.count();
      keep[c] = (int) Math.floor(share);
      remainder[c] = share - keep[c];
      kept += keep[c];
    }
    Integer[] order = IntStream.range(0, classes).boxed().toArray(Integer[]::new);
    Arrays.sort(order, (a, b) -> Double.compare(remainder[b], remainder[a]));
    for (int i = 0; kept < limit; i++, kept++) keep[order[i % classes]]++;
    int[] taken = new int[classes];
    int[] rows = new int[limit];
    int r = 0;
    for (int i = 0; i < images.count() && r < limit; i++) {
      int c = images.label(i);
      if (taken[c] < keep[c]) {
        taken[c]++;
        rows[r++] = i;
      }
    }
    return images.select(rows);
  }

  /** SHA-256 of both halves: what provenance records as the data checksum. */
  public String checksum() {
    return train.checksum().substring(0, 32) + test.checksum().substring(0, 32);
  }
}
