package org.invariance.plugins.cka;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer's representation X of n images, centred, reduced to what both CKA estimators need from
 * it alone, with the linear kernel K = X X': the squared row norms k_i = K_ii, their sum tr K, and
 * ||K||_F^2 = ||X'X||_F^2. Its cross term with another representation of the same images is
 * {@link #cross}. Two ways to hold it, the cheaper for the shape: the n x n Gram matrix when there
 * are more features than images ({@link GramSpace}), the centred features otherwise
 * ({@link FeatureSpace}); both give the same numbers.
 */
abstract class Representation implements AutoCloseable {
  final int n;
  final double[] rowSq;
  final double sumSq;
  final double self;

  Representation(int n, double[] rowSq, double self) {
    this.n = n;
    this.rowSq = rowSq;
    double s = 0;
    for (double v : rowSq) s += v;
    this.sumSq = s;
    this.self = self;
  }

  /** Whether representations of {@code n} images with up to {@code features} features are compared through Gram matrices. */
  static boolean gram(long n, long features) {
    return features > n;
  }

  static Representation of(INDArray x, boolean gram) {
    return gram ? GramSpace.of(x) : FeatureSpace.of(x);
  }

  /**
   * {@code <K, P L P'>} = ||X' P Y||_F^2, with L the kernel of {@code other} (held the same way) and P the
   * permutation that re-pairs its rows: row i of P Y is row {@code perm[i]} of Y (null: none).
   */
  abstract double cross(Representation other, int[] perm);

  /** sum_i k_i l_perm(i): the diagonal part the debiased estimator removes. */
  double rowDot(Representation other, int[] perm) {
    double s = 0;
    for (int i = 0; i < n; i++) s += rowSq[i] * other.rowSq[perm == null ? i : perm[i]];
    return s;
  }

  @Override
  public void close() {}
}
