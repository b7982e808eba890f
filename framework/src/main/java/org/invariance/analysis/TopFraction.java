package org.invariance.analysis;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The study's p10 (section 4.2): p(n|d), the fraction of the samples of a dataset for which neuron
 * n is among the most active {@code fraction} of its layer.
 *
 * <p>Per sample the layer's neurons are ranked by activity, highest first; equal activities are
 * ranked by neuron index (lower first), so exactly {@code k = max(1, round(fraction * N))} neurons
 * are counted per sample and the result does not depend on sort stability.
 */
public final class TopFraction {
  private TopFraction() {}

  /** How many neurons of a layer of {@code neurons} count as its most active {@code fraction}. */
  public static int count(int neurons, double fraction) {
    return Math.max(1, (int) Math.round(fraction * neurons));
  }

  /** p(n|d) for every neuron of a (samples x neurons) activity matrix. */
  public static double[] p(INDArray layer, double fraction) {
    int rows = (int) layer.rows();
    int cols = (int) layer.columns();
    float[] a = org.invariance.model.Activations.floats(layer);
    return p(a, rows, cols, fraction);
  }

  /** The p10 table of one layer over several datasets: table[n][d] = p(n|d). */
  public static double[][] table(java.util.List<org.invariance.model.Activations> datasets, int layer, double fraction) {
    int neurons = (int) datasets.get(0).layer(layer).columns();
    double[][] t = new double[neurons][datasets.size()];
    for (int d = 0; d < datasets.size(); d++) {
      double[] p = p(datasets.get(d).layer(layer), fraction);
      for (int n = 0; n < neurons; n++) t[n][d] = p[n];
    }
    return t;
  }

  /** p(n|d) for a row-major (rows x cols) activity matrix. */
  public static double[] p(float[] a, int rows, int cols, double fraction) {
    int k = count(cols, fraction);
    long[] keys = new long[cols];
    long[] hits = new long[cols];
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) keys[c] = ((long) ~sortable(a[base + c]) << 32) | c;
      Arrays.sort(keys);
      for (int j = 0; j < k; j++) hits[(int) (keys[j] & 0xffffffffL)]++;
    }
    double[] p = new double[cols];
    for (int c = 0; c < cols; c++) p[c] = rows == 0 ? Double.NaN : (double) hits[c] / rows;
    return p;
  }

  /** An int whose signed order is the float's numeric order. */
  static int sortable(float v) {
    int bits = Float.floatToIntBits(v);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }
}
