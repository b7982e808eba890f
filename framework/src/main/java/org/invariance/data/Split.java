package org.invariance.data;

/**
 * The training and test digits of an experiment.
 *
 * <p>With one source (npm's 10,000 digits), the split is deterministic and stratified: within each
 * class, in file order, the last {@code round(testFraction * count)} images are test images and
 * the rest train. With separate IDX test files (the full MNIST), those are the test split.
 */
public record Split(Digits train, Digits test) {
  public static Split stratified(Digits all, double testFraction) {
    int[] perClass = new int[10];
    for (byte l : all.labels()) perClass[l]++;
    int[] testCount = new int[10];
    int totalTest = 0;
    for (int c = 0; c < 10; c++) {
      testCount[c] = (int) Math.round(testFraction * perClass[c]);
      totalTest += testCount[c];
    }
    int[] seen = new int[10];
    int[] trainIdx = new int[all.count() - totalTest];
    int[] testIdx = new int[totalTest];
    int tr = 0;
    int te = 0;
    for (int i = 0; i < all.count(); i++) {
      int c = all.labels()[i];
      if (seen[c]++ >= perClass[c] - testCount[c]) testIdx[te++] = i;
      else trainIdx[tr++] = i;
    }
    return new Split(all.select(trainIdx), all.select(testIdx));
  }

  /** SHA-256 of both halves: what provenance records as the data checksum. */
  public String checksum() {
    return train.checksum().substring(0, 32) + test.checksum().substring(0, 32);
  }
}
