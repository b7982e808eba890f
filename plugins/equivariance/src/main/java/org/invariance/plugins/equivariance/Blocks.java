package org.invariance.plugins.equivariance;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Arrays;
import org.invariance.model.Activations;
import org.invariance.nn.Gemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sums over centred activations in double precision, a block of rows or columns at a time: the
 * layers stay in float as lent, and no double copy larger than {@link #BLOCK} rows or columns
 * exists at once (a whole 2,000 x 11,000 layer in double would be 176 MB).
 */
final class Blocks {
  /** Rows or columns per block: a few MB in double, still deep enough for BLAS to run at full speed. */
  static final int BLOCK = 1024;

  private Blocks() {}

  /** Column means, in double (1 x columns). */
  static INDArray mean(INDArray a) {
    INDArray sum = Nd4j.zeros(DataType.DOUBLE, 1, a.columns());
    for (long r = 0; r < a.rows(); r += BLOCK) {
      INDArray b = copy(a.get(interval(r, Math.min(a.rows(), r + BLOCK)), all()));
      INDArray s = b.sum(0);
      sum.addiRowVector(s);
      Activations.free(s);
      Activations.free(b);
    }
    return sum.divi(Math.max(1, a.rows()));
  }

  /**
   * Products of centred arrays ({@code a - ma}, {@code b - mb}; the means are 1 x columns).
   *
   * @param overFeatures true: (a - ma)(b - mb)' (rows(a) x rows(b)), summed over blocks of columns;
   *     false: (a - ma)'(b - mb) (columns(a) x columns(b), same rows), summed over blocks of rows
   */
  static INDArray cross(INDArray a, INDArray ma, INDArray b, INDArray mb, boolean overFeatures) {
    boolean same = a == b && ma == mb;
    long along = overFeatures ? a.columns() : a.rows();
    if (overFeatures ? b.columns() != along : b.rows() != along) {
      throw new IllegalArgumentException("shapes " + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()) + " do not share that axis");
    }
    INDArray g = overFeatures ? Nd4j.zeros(DataType.DOUBLE, a.rows(), b.rows()) : Nd4j.zeros(DataType.DOUBLE, a.columns(), b.columns());
    for (long k = 0; k < along; k += BLOCK) {
      long end = Math.min(along, k + BLOCK);
      INDArray ab = centred(a, ma, k, end, overFeatures);
      INDArray bb = same ? ab : centred(b, mb, k, end, overFeatures);
      Gemm.gemm(ab, bb, g, !overFeatures, overFeatures, 1.0, 1.0);
      Activations.free(ab);
      if (!same) Activations.free(bb);
    }
    return g;
  }

  /** The sum of squares of {@code a - ma}. */
  static double sumSq(INDArray a, INDArray ma) {
    double s = 0;
    for (long r = 0; r < a.rows(); r += BLOCK) {
      INDArray b = centred(a, ma, r, Math.min(a.rows(), r + BLOCK), false);
      double n = b.norm2Number().doubleValue();
      s += n * n;
      Activations.free(b);
    }
    return s;
  }

  /** The sum of squares of {@code a - b} (same shape). */
  static double sumSqDiff(INDArray a, INDArray b) {
    double s = 0;
    for (long r = 0; r < a.rows(); r += BLOCK) {
      long end = Math.min(a.rows(), r + BLOCK);
      INDArray ab = copy(a.get(interval(r, end), all()));
      INDArray bb = copy(b.get(interval(r, end), all()));
      double n = ab.subi(bb).norm2Number().doubleValue();
      s += n * n;
      Activations.free(ab);
      Activations.free(bb);
    }
    return s;
  }

  /** Rows (or columns, with {@code columns}) from..to of {@code a - ma}, as a fresh double array. */
  private static INDArray centred(INDArray a, INDArray ma, long from, long to, boolean columns) {
    INDArray b = copy(columns ? a.get(all(), interval(from, to)) : a.get(interval(from, to), all()));
    b.subiRowVector(columns ? ma.get(all(), interval(from, to)) : ma);
    return b;
  }

  /** A c-ordered double copy (never the array itself, which is lent). */
  private static INDArray copy(INDArray view) {
    INDArray d = view.castTo(DataType.DOUBLE);
    if (d == view || d.ordering() != 'c' || d.isView()) {
      INDArray c = d.dup('c');
      if (d != view) Activations.free(d);
      d = c;
    }
    return d;
  }
}
