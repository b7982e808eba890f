package org.invariance.cli;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks the BLAS kernel this process got (OPENBLAS_CORETYPE) against a plain double-precision
 * reference product on small random matrices, in every transpose combination the models use.
 * The launcher runs it once per machine for each candidate kernel, fastest first, and keeps the
 * first that agrees. Exit 0: agrees; 3: disagrees.
 */
public final class KernelCheck {
  private KernelCheck() {}

  public static void main(String[] args) {
    double worst = 0;
    SplittableRandom r = new SplittableRandom(11);
    int[][] shapes = {{97, 83, 65}, {256, 300, 128}, {1000, 784, 64}};
    for (int[] s : shapes) {
      for (boolean ta : new boolean[] {false, true}) {
        for (boolean tb : new boolean[] {false, true}) {
          worst = Math.max(worst, check(r, s[0], s[1], s[2], ta, tb));
        }
      }
    }
    boolean ok = worst < 1e-4;
    System.out.println((ok ? "ok" : "MISMATCH") + " max relative error " + worst);
    System.exit(ok ? 0 : 3);
  }

  /** C (m x n) = 0.5 op(A) op(B) + 2 C, with op(A) m x k and op(B) k x n; returns the max relative error. */
  static double check(SplittableRandom r, int m, int k, int n, boolean ta, boolean tb) {
    float[] a = random(r, m * k);
    float[] b = random(r, k * n);
    float[] c = random(r, m * n);
    INDArray A = Nd4j.create(a, ta ? new long[] {k, m} : new long[] {m, k}, 'c');
    INDArray B = Nd4j.create(b, tb ? new long[] {n, k} : new long[] {k, n}, 'c');
    INDArray C = Nd4j.create(c.clone(), new long[] {m, n}, 'c');
    Nd4j.gemm(A, B, C, ta, tb, 0.5, 2.0);
    double worst = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        double mag = 0;
        for (int p = 0; p < k; p++) {
          double x = ta ? a[p * m + i] : a[i * k + p];
          double y = tb ? b[j * k + p] : b[p * n + j];
          s += x * y;
          mag += Math.abs(x * y);
        }
        double want = 0.5 * s + 2.0 * c[i * n + j];
        double err = Math.abs(C.getDouble(i, j) - want) / (0.5 * mag + 2.0 * Math.abs(c[i * n + j]) + 1e-30);
        worst = Math.max(worst, err);
      }
    }
    return worst;
  }

  private static float[] random(SplittableRandom r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() * 2 - 1);
    return v;
  }
}
