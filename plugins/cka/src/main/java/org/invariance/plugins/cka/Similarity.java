package org.invariance.plugins.cka;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Both CKA estimators between two representations X, Y of the same n images, matched and with Y's
 * rows re-paired by each of a set of permutations (the chance level of the same data).
 *
 * <p>With K = X X', L = Y Y' of the centred features (k_i = K_ii, l_i = L_ii):
 * <ul>
 *   <li>linear (biased; Kornblith et al. 2019): {@code <K, L> / (||K||_F ||L||_F)};
 *   <li>debiased: the same ratio with each inner product replaced by the unbiased HSIC_1 of Song et
 *       al. 2012 (the kernels' diagonals zeroed, normalised by n(n-3)), as in Kornblith et al.'s
 *       code and Nguyen et al. 2021. In terms of the above, n(n-3) HSIC_1(K, L) =
 *       {@code <K, L> - n/(n-2) sum_i k_i l_i + tr K tr L / ((n-1)(n-2))}; the factor cancels in the ratio.
 *       It is near 0 for unrelated representations at any n, where the linear estimator of a few
 *       hundred images with many features is far above 0.
 * </ul>
 *
 * <p>An estimator that is undefined is NaN, with the reason in {@link #linearUndefined()} or
 * {@link #debiasedUndefined()}: a representation that does not vary over the images (0/0), fewer
 * than 2 images (linear) or 4 (debiased: n(n-3) > 0), or a debiased self-similarity that is not
 * positive (a handful of images dominated by one).
 *
 * <p>The chance level of each ({@link Chance}): exact over all re-pairings (permutations
 * {@code null}), or over the given explicit re-pairings, or none (no permutations).
 *
 * @param linearPermuted the linear CKA under each explicit permutation (empty when undefined or none)
 * @param debiasedPermuted the debiased CKA under each explicit permutation (empty when undefined or none)
 * @param linearChance the linear estimator's chance level (null when undefined or not asked for)
 * @param debiasedChance the debiased estimator's chance level (null when undefined or not asked for)
 */
record Similarity(double linear, double debiased, double[] linearPermuted, double[] debiasedPermuted,
    Chance linearChance, Chance debiasedChance, String linearUndefined, String debiasedUndefined) {

  /** A debiased self-similarity this small relative to ||K||^2 is rounding, not signal. */
  private static final double SELF_FLOOR = 1e-12;

  /**
   * Compares through Gram matrices when either has more features than images (see {@link Representation}).
   * {@code perms}: the explicit re-pairings of the chance level, or null for its exact moments.
   */
  static Similarity of(INDArray x, INDArray y, int[][] perms) {
    return of(x, y, perms, Representation.gram(x.rows(), Math.max(x.columns(), y.columns())));
  }

  static Similarity of(INDArray x, INDArray y, int[][] perms, boolean gram) {
    if (x.rows() != y.rows()) throw new IllegalArgumentException("cka compares representations of the same images: " + x.rows() + " vs " + y.rows() + " rows");
    try (Representation rx = Representation.of(x, gram); Representation ry = Representation.of(y, gram)) {
      return of(rx, ry, perms);
    }
  }

  /**
   * Compares a representation held already (the reference, reused for every dataset compared with
   * it) with {@code y}, held the same way.
   */
  static Similarity of(Representation x, INDArray y, int[][] perms) {
    if (x.n != y.rows()) throw new IllegalArgumentException("cka compares representations of the same images: " + x.n + " vs " + y.rows() + " rows");
    try (Representation ry = Representation.of(y, x instanceof GramSpace)) {
      return of(x, ry, perms);
    }
  }

  static Similarity of(Representation x, Representation y, int[][] perms) {
    int n = x.n;
    String linearWhy = n < 2 ? "fewer than 2 images" : constant(x, y);
    String debiasedWhy = n < 4 ? "fewer than 4 images (the debiased estimator divides by n(n-3))" : constant(x, y);
    if (linearWhy == null && !(Double.isFinite(x.self) && Double.isFinite(y.self))) linearWhy = debiasedWhy = "activations are not finite";
    double hx = 0;
    double hy = 0;
    if (debiasedWhy == null) {
      hx = hsic(n, x.self, x.rowDot(x, null), x.sumSq, x.sumSq);
      hy = hsic(n, y.self, y.rowDot(y, null), y.sumSq, y.sumSq);
      if (hx <= SELF_FLOOR * x.self || hy <= SELF_FLOOR * y.self) debiasedWhy = "a debiased self-similarity is not positive (too few distinct images)";
    }
    if (linearWhy != null && debiasedWhy != null) return new Similarity(Double.NaN, Double.NaN, new double[0], new double[0], null, null, linearWhy, debiasedWhy);
    double norm = Math.sqrt(x.self) * Math.sqrt(y.self);
    double debNorm = Math.sqrt(hx) * Math.sqrt(hy);
    int sampled = perms == null ? 0 : perms.length;
    double[] lin = new double[linearWhy == null ? sampled : 0];
    double[] deb = new double[debiasedWhy == null ? sampled : 0];
    for (int p = 0; p < sampled; p++) {
      double cross = x.cross(y, perms[p]);
      if (linearWhy == null) lin[p] = cross / norm;
      if (debiasedWhy == null) deb[p] = hsic(n, cross, x.rowDot(y, perms[p]), x.sumSq, y.sumSq) / debNorm;
    }
    double cross = x.cross(y, null);
    double l = linearWhy == null ? cross / norm : Double.NaN;
    double d = debiasedWhy == null ? hsic(n, cross, x.rowDot(y, null), x.sumSq, y.sumSq) / debNorm : Double.NaN;
    Chance linearChance = Chance.sampled(lin);
    Chance debiasedChance = Chance.sampled(deb);
    if (perms == null && n >= 4) {   // the exact moments need n >= 4: the linear variance divides by n-3
      Chance[] exact = Chance.exact(x, y);
      if (linearWhy == null) linearChance = exact[0];
      if (debiasedWhy == null) debiasedChance = exact[1];
    }
    return new Similarity(l, d, lin, deb, linearChance, debiasedChance, linearWhy, debiasedWhy);
  }

  /** n(n-3) HSIC_1 of two centred linear kernels from {@code <K, P L P'>}, sum_i k_i l_perm(i) and their traces. */
  static double hsic(int n, double cross, double rowDot, double traceK, double traceL) {
    return cross - n / (n - 2.0) * rowDot + traceK * traceL / ((n - 1.0) * (n - 2.0));
  }

  private static String constant(Representation x, Representation y) {
    if (x.self == 0 || y.self == 0) return "a representation does not vary over the images";
    return null;
  }

  /** The mean of a sample; NaN when empty. */
  static double mean(double[] v) {
    if (v.length == 0) return Double.NaN;
    double s = 0;
    for (double x : v) s += x;
    return s / v.length;
  }

  /** The 95th percentile by nearest rank (the ceil(0.95 m)-th smallest of m); NaN when empty. */
  static double p95(double[] v) {
    if (v.length == 0) return Double.NaN;
    double[] s = v.clone();
    Arrays.sort(s);
    return s[(int) Math.ceil(0.95 * s.length) - 1];
  }
}
