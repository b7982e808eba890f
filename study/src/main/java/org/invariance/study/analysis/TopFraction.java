package org.invariance.study.analysis;

import java.util.Arrays;
import java.util.List;
import org.invariance.model.Activations;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The study's p10 (section 4.2): p(n|d), the fraction of the samples of a dataset for which neuron
 * n is among the most active {@code fraction} of its layer.
 *
 * <p>Each sample hands out exactly {@code k = max(1, round(fraction * N))} places among the N
 * neurons of the layer. Let v be the k-th largest activity of the sample. Every neuron strictly
 * above v gets a whole place (1); the neurons exactly at v share the remaining places equally, each
 * getting (k - #above v) / #at v. So neurons with equal activity always get equal credit, and
 * credit at the cut is fractional: a pixel that is never lit gets p = 0 whenever each sample has at
 * least k lit pixels, and on a sample with fewer than k lit pixels it shares the leftover places
 * with every other dark pixel. p(n|d) is the mean of these per-sample credits over the samples, so
 * it lies in [0, 1], and the p of a layer's neurons sum to k on every dataset (up to rounding).
 * p(n|d) = 0 means neuron n never reached the k-th largest activity of any sample.
 *
 * <p>Activities are compared as numbers: -0.0 equals 0.0; NaN ranks above every number and NaNs tie
 * with one another. The result is deterministic and does not depend on neuron order: whole places
 * are counted as integers, the fractional shares are summed per neuron in sample order with
 * compensated (Neumaier) summation, so the same input always gives bit-identical output, and
 * neurons tied on the same samples get bit-identical p.
 */
public final class TopFraction {
  private TopFraction() {}

  /** How many places of a layer of {@code neurons} count as its most active {@code fraction}. */
  public static int count(int neurons, double fraction) {
    return Math.max(1, (int) Math.round(fraction * neurons));
  }

  /** p(n|d) for every neuron of a (samples x neurons) activity matrix. */
  public static double[] p(INDArray layer, double fraction) {
    int rows = (int) layer.rows();
    int cols = (int) layer.columns();
    float[] a = Activations.floats(layer);
    return p(a, rows, cols, fraction);
  }

  /** The p10 table of one layer over several datasets: table[n][d] = p(n|d). */
  public static double[][] table(List<Activations> datasets, int layer, double fraction) {
    int neurons = (int) datasets.get(0).layer(layer).columns();
    double[][] t = new double[neurons][datasets.size()];
    for (int d = 0; d < datasets.size(); d++) {
      double[] p = p(datasets.get(d).layer(layer), fraction);
      for (int n = 0; n < neurons; n++) t[n][d] = p[n];
    }
    return t;
  }

  /** p(n|d) for a row-major (rows x cols) activity matrix; NaN for every neuron when there are no rows. */
  public static double[] p(float[] a, int rows, int cols, double fraction) {
    if (rows < 0 || cols < 1 || (long) rows * cols > a.length) {
      throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix needs " + (long) rows * cols + " values, got " + a.length);
    }
    int k = count(cols, fraction);
    if (k > cols) throw new IllegalArgumentException("fraction " + fraction + " asks for " + k + " of " + cols + " neurons");
    int[] keys = new int[cols];
    int[] work = new int[cols];
    long[] whole = new long[cols];   // samples on which the neuron was strictly above the cut (or all of a fully counted tie)
    double[] share = new double[cols];  // the fractional shares of ties at the cut, summed...
    double[] lost = new double[cols];   // ...with the rounding error Neumaier's summation carries
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        int key = sortable(a[base + c]);
        keys[c] = key;
        work[c] = key;
      }
      int cut = select(work, cols, cols - k);   // the k-th largest activity
      int above = 0;
      int tied = 0;
      for (int c = 0; c < cols; c++) {
        int v = keys[c];
        if (v > cut) above++;
        else if (v == cut) tied++;
      }
      int left = k - above;   // 1 <= left <= tied
      if (left == tied) {
        for (int c = 0; c < cols; c++) if (keys[c] >= cut) whole[c]++;
      } else {
        double s = (double) left / tied;
        for (int c = 0; c < cols; c++) {
          int v = keys[c];
          if (v > cut) {
            whole[c]++;
          } else if (v == cut) {
            double sum = share[c];
            double t = sum + s;
            lost[c] += Math.abs(sum) >= s ? (sum - t) + s : (s - t) + sum;
            share[c] = t;
          }
        }
      }
    }
    double[] p = new double[cols];
    for (int c = 0; c < cols; c++) p[c] = rows == 0 ? Double.NaN : (whole[c] + (share[c] + lost[c])) / rows;
    return p;
  }

  /**
   * The value that would sit at {@code index} if {@code x[0..n)} were sorted ascending; reorders x.
   * Quickselect with a median-of-three pivot and three-way partitioning (many equal values, such as
   * a layer's zeros, are settled in one pass), falling back to a sort after too many rounds.
   */
  static int select(int[] x, int n, int index) {
    int lo = 0;
    int hi = n - 1;
    int rounds = 2 * (32 - Integer.numberOfLeadingZeros(n)) + 4;
    while (lo < hi) {
      if (--rounds < 0) {
        Arrays.sort(x, lo, hi + 1);
        return x[index];
      }
      int a = x[lo];
      int b = x[(lo + hi) >>> 1];
      int c = x[hi];
      int pivot = a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
      int lt = lo;
      int i = lo;
      int gt = hi;
      while (i <= gt) {
        int v = x[i];
        if (v < pivot) {
          x[i++] = x[lt];
          x[lt++] = v;
        } else if (v > pivot) {
          x[i] = x[gt];
          x[gt--] = v;
        } else {
          i++;
        }
      }
      if (index < lt) hi = lt - 1;
      else if (index > gt) lo = gt + 1;
      else return pivot;
    }
    return x[index];
  }

  /** An int whose signed order is the float's numeric order; -0.0 and 0.0 give the same int, every NaN the same (largest) one. */
  static int sortable(float v) {
    int bits = Float.floatToIntBits(v + 0f);   // -0.0 + 0.0 is 0.0; floatToIntBits folds every NaN into one
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }
}
