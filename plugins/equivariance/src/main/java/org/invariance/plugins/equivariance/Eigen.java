package org.invariance.plugins.equivariance;

import static org.bytedeco.openblas.global.openblas.LAPACKE_dsyevd;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;

import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The eigendecomposition of a symmetric matrix, m = V diag(values) V'. Calls LAPACK's
 * divide-and-conquer dsyevd in the OpenBLAS that ND4J bundles (the library ND4J's own
 * {@code Lapack.syev} calls): about twice as fast as ND4J's dsyev at n = 2,000, where it is the
 * single largest cost per layer.
 *
 * @param values eigenvalues, ascending; rounding can leave those of a singular matrix slightly negative
 * @param vectors the eigenvectors as columns (n x n, double), to free
 */
record Eigen(double[] values, INDArray vectors) {
  static Eigen of(INDArray symmetric) {
    int n = (int) symmetric.rows();
    if (symmetric.columns() != n) throw new IllegalArgumentException("not square: " + java.util.Arrays.toString(symmetric.shape()));
    if (symmetric.dataType() != DataType.DOUBLE) throw new IllegalArgumentException("needs double precision, got " + symmetric.dataType());
    INDArray v = symmetric.dup('c');   // overwritten with the eigenvectors
    INDArray w = Nd4j.create(DataType.DOUBLE, n);
    if (n > 0) {
      int status = LAPACKE_dsyevd(LAPACK_ROW_MAJOR, (byte) 'V', (byte) 'U', n,
          new DoublePointer(v.data().addressPointer()), n, new DoublePointer(w.data().addressPointer()));
      if (status != 0) throw new IllegalStateException("dsyevd failed on a " + n + " x " + n + " matrix: status " + status);
    }
    double[] values = w.toDoubleVector();
    w.close();
    return new Eigen(values, v);
  }
}
