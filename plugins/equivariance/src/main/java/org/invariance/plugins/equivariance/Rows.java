package org.invariance.plugins.equivariance;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.invariance.model.Activations;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The images a fit uses: all, or (config {@code images}) the first k of the training sample, which
 * is already a seeded shuffle, and a seeded choice of k test images in their order. The same rows
 * of every dataset, so row i is always the same image.
 *
 * @param train training rows, or null for all
 * @param test test rows, or null for all
 */
record Rows(int[] train, int[] test) {
  static Rows of(Integer cap, int trainCount, int testCount, long seed) {
    if (cap == null) return new Rows(null, null);
    int[] train = trainCount > cap ? IntStream.range(0, cap).toArray() : null;
    int[] test = null;
    if (testCount > cap) {
      int[] order = IntStream.range(0, testCount).toArray();
      SplittableRandom rng = new SplittableRandom(seed);
      for (int i = 0; i < cap; i++) {   // the first cap places of a Fisher-Yates shuffle
        int j = i + rng.nextInt(testCount - i);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      test = Arrays.copyOf(order, cap);
      Arrays.sort(test);
    }
    return new Rows(train, test);
  }

  INDArray train(INDArray layer) {
    return train == null ? layer : layer.getRows(train);
  }

  INDArray test(INDArray layer) {
    return test == null ? layer : layer.getRows(test);
  }

  /** Frees a selection, never the lent layer it came from. */
  static void free(INDArray picked, INDArray layer) {
    if (picked != layer) Activations.free(picked);
  }
}
