package org.invariance.plugins.distance;

import java.util.Arrays;
import org.invariance.model.Activations;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Section 4.1 of the study: the Euclidean distance between the activity vectors one image causes
 * in a layer under two transforms, per image; Figure 5b divides it by sqrt(N^layer), the largest
 * possible distance for activities in [0, 1].
 */
public final class Distances {
  private Distances() {}

  /** Row-wise Euclidean distances between two (samples x neurons) matrices of the same images. */
  public static double[] perSample(INDArray a, INDArray b) {
    if (a.rows() != b.rows() || a.columns() != b.columns()) {
      throw new IllegalArgumentException("shapes differ: " + Arrays.toString(a.shape()) + " vs " + Arrays.toString(b.shape()));
    }
    int rows = (int) a.rows();
    int cols = (int) a.columns();
    float[] x = Activations.floats(a);
    float[] y = Activations.floats(b);
    double[] d = new double[rows];
    for (int r = 0; r < rows; r++) {
      double s = 0;
      for (int c = r * cols, end = c + cols; c < end; c++) {
        double t = (double) x[c] - y[c];
        s += t * t;
      }
      d[r] = Math.sqrt(s);
    }
    return d;
  }
}
