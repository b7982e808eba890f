package org.invariance.plugins.cka;

import org.invariance.model.Activations;
import org.invariance.nn.Gemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A representation held as its n x n Gram matrix K = X X' of the centred features, in double
 * precision, on the heap (32 MB at n = 2,000): for layers with more features than images, where
 * X'X would be larger. K is accumulated over blocks of columns, so no double copy of a wide layer
 * is ever made whole; a re-paired cross term is a plain loop over K and the permuted L.
 */
final class GramSpace extends Representation {
  /** Double values of one block of centred columns: 32 MB. */
  private static final long BLOCK_VALUES = 4L << 20;

  private final double[] k;

  private GramSpace(int n, double[] k) {
    super(n, diagonal(k, n), squaredSum(k));
    this.k = k;
  }

  static GramSpace of(INDArray x) {
    long n = x.rows();
    long need = 8 * n * n;
    if (need > Runtime.getRuntime().maxMemory() / 4) {
      throw new IllegalStateException("cka: the " + n + " x " + n + " Gram matrix of a layer of " + x.columns() + " features needs "
          + (need >> 20) + " MiB of heap, more than a quarter of the " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MiB there is; use fewer test images or leave such layers out (layers:)");
    }
    INDArray g = Nd4j.zeros(DataType.DOUBLE, n, n);
    long block = Math.max(1, BLOCK_VALUES / Math.max(1, n));
    for (long from = 0; from < x.columns(); from += block) {
      INDArray c = Centering.columns(x, from, Math.min(x.columns(), from + block));
      Gemm.gemm(c, c, g, false, true, 1, 1);
      Activations.free(c);
    }
    double[] k = g.data().asDouble();
    Activations.free(g);
    return new GramSpace((int) n, k);
  }

  @Override
  double cross(Representation other, int[] perm) {
    double[] l = ((GramSpace) other).k;
    double s = 0;
    for (int i = 0; i < n; i++) {
      int ki = i * n;
      int li = (perm == null ? i : perm[i]) * n;
      double row = 0;
      if (perm == null) {
        for (int j = 0; j < n; j++) row += k[ki + j] * l[li + j];
      } else {
        for (int j = 0; j < n; j++) row += k[ki + j] * l[li + perm[j]];
      }
      s += row;
    }
    return s;
  }

  private static double[] diagonal(double[] k, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) d[i] = k[i * n + i];
    return d;
  }

  private static double squaredSum(double[] k) {
    double s = 0;
    for (double v : k) s += v * v;
    return s;
  }
}
