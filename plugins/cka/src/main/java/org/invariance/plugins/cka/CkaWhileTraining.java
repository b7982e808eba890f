package org.invariance.plugins.cka;

import org.invariance.plugin.TrainingProbe;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code watch: {probes: [cka]}}: the linear CKA between a layer's representation of the watch's
 * sample and of its transformed copy, as training goes on (1: the layer sees the transformed
 * images as it sees the originals, up to rotation and scale of its feature space). NaN where it is
 * undefined (a layer that does not vary over the sample).
 */
final class CkaWhileTraining implements TrainingProbe {
  private static final int[][] NO_PERMUTATIONS = new int[0][];

  @Override
  public String metric() {
    return "cka";
  }

  @Override
  public double measure(INDArray original, INDArray transformed) {
    return Similarity.of(original, transformed, NO_PERMUTATIONS).linear();
  }
}
