package org.invariance.plugins.equivariance;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The eigendecomposition of a symmetric matrix, m = V diag(values) V', in double precision, by
 * Commons Math (Householder tridiagonalisation and implicit QL, in Java).
 *
 * <p>Why not LAPACK through ND4J: the OpenBLAS that ND4J bundles (0.3.19, a DYNAMIC_ARCH build)
 * computes double-precision LAPACK wrongly with its SkylakeX kernels (dsyevd, dsyev, dpotrf and
 * dgesdd return garbage there while dgemm is right; the known bug class of OpenBLAS #2986 and
 * #3454), and SkylakeX is the kernel that makes training twice as fast on AVX-512 machines. This
 * solver does not depend on the kernel. It costs about 0.8 s at n = 784, 2 s at 1,000 and 40 s at
 * 2,000 on one core of the development machine: keep n in the low thousands.
 *
 * @param values eigenvalues, ascending; rounding can leave those of a singular matrix slightly negative
 * @param vectors the eigenvectors as columns (n x n, double), to free
 */
public record SymmetricEigen(double[] values, INDArray vectors) {
  /** Decomposes {@code symmetric} (n x n, any floating type, symmetric up to rounding). */
  public static SymmetricEigen of(INDArray symmetric) {
    int n = (int) symmetric.rows();
    if (symmetric.rank() != 2 || symmetric.columns() != n) throw new IllegalArgumentException("not square: " + Arrays.toString(symmetric.shape()));
    if (n == 0) return new SymmetricEigen(new double[0], Nd4j.create(DataType.DOUBLE, 0, 0));
    double[][] a = symmetric.castTo(DataType.DOUBLE).toDoubleMatrix();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) a[i][j] = a[j][i] = 0.5 * (a[i][j] + a[j][i]); // exactly symmetric: Commons Math tests it
    }
    EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(a, false));
    double[] raw = e.getRealEigenvalues(); // descending
    RealMatrix v = e.getV();
    double[] values = new double[n];
    double[] vec = new double[n * n];
    for (int k = 0; k < n; k++) {
      int from = n - 1 - k; // ascending order
      values[k] = raw[from];
      for (int i = 0; i < n; i++) vec[i * n + k] = v.getEntry(i, from);
    }
    return new SymmetricEigen(values, Nd4j.create(vec, new long[] {n, n}, 'c'));
  }

  /** The relative error of V diag(values) V' against {@code m}, in the Frobenius norm: how far to trust it. */
  public double reconstructionError(INDArray m) {
    INDArray d = m.castTo(DataType.DOUBLE);
    INDArray scaled = vectors.mul(Nd4j.createFromArray(values).reshape(1, values.length));
    INDArray rec = scaled.mmul(vectors.transpose());
    double err = rec.subi(d).norm2Number().doubleValue() / Math.max(d.norm2Number().doubleValue(), Double.MIN_NORMAL);
    scaled.close();
    rec.close();
    return err;
  }
}
