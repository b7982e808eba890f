package org.invariance.plugins.invariancescore;

import java.util.Arrays;
import org.invariance.study.analysis.TopFraction;
import org.invariance.model.Activations;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One layer's local firing, accumulated one transform amount at a time: for each neuron i, how
 * often it fires on T_a(z) for the images z in Z_i (those that make it fire on the reference),
 * T_a(z) being row z of the dataset transformed by a. Per amount this takes two (images x neurons)
 * indicator arrays, freed at once.
 */
final class LocalFiring {
  private final Thresholds thresholds;
  private final double[] hits;
  private int amounts;

  LocalFiring(Thresholds thresholds) {
    this.thresholds = thresholds;
    this.hits = new double[thresholds.neurons()];
  }

  /** Adds one amount: {@code transformed} holds the same images as {@code reference}, row for row. */
  void add(INDArray reference, INDArray transformed) {
    if (!Arrays.equals(reference.shape(), transformed.shape())) {
      throw new IllegalStateException("invariance-score: a transformed dataset's layer is " + Arrays.toString(transformed.shape())
          + ", its reference's " + Arrays.toString(reference.shape()) + ": the datasets must hold the same images in the same order");
    }
    INDArray t = thresholds.row(reference.dataType());
    INDArray inZ = Transforms.step(reference.subRowVector(t), false);   // [a > t] exactly: IEEE a - t is 0 only where a == t
    INDArray tt = transformed.dataType() == t.dataType() ? t : thresholds.row(transformed.dataType());
    INDArray fires = Transforms.step(transformed.subRowVector(tt), false);
    INDArray both = inZ.muli(fires).sum(0);
    double[] h = both.toDoubleVector();
    for (int i = 0; i < h.length; i++) hits[i] += h[i];
    if (tt != t) Activations.free(tt);
    Activations.free(t);
    Activations.free(inZ);
    Activations.free(fires);
    Activations.free(both);
    amounts++;
  }

  /** The layer's scores after every amount has been added. */
  LayerScores scores(double top) {
    if (amounts == 0) throw new IllegalStateException("invariance-score: no transform amounts to measure local firing on");
    int m = thresholds.neurons();
    int n = thresholds.images;
    int constant = 0;
    int ties = 0;
    int scored = 0;
    double[] score = new double[m];
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      switch (thresholds.status[i]) {
        case CONSTANT -> constant++;
        case TIES -> ties++;
        case SCORED -> {
          score[i] = local(i) / global(i, n);
          order[scored++] = i;
        }
      }
    }
    if (scored == 0) return new LayerScores(m, 0, constant, ties, 0, Double.NaN, Double.NaN, Double.NaN);
    Integer[] ranked = Arrays.copyOf(order, scored);
    Arrays.sort(ranked, (a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b));
    int k = TopFraction.count(scored, top);
    double s = 0;
    double l = 0;
    double g = 0;
    for (int j = 0; j < k; j++) {
      int i = ranked[j];
      s += score[i];
      l += local(i);
      g += global(i, n);
    }
    return new LayerScores(m, scored, constant, ties, k, s / k, l / k, g / k);
  }

  private double local(int i) {
    return hits[i] / ((double) thresholds.fires[i] * amounts);
  }

  private double global(int i, int n) {
    return (double) thresholds.fires[i] / n;
  }
}
