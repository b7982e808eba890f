package org.invariance.nn;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * C = alpha op(A) op(B) + beta C straight into the OpenBLAS that ND4J bundles (the same library and
 * kernel), skipping ND4J's op dispatch, which costs ~15% on the models' shapes (see the bench).
 * Operands are ND4J arrays wrapped once; arrays that are not plain c-ordered matrices at offset 0
 * go through {@link Nd4j#gemm} instead.
 */
public final class Gemm {
  private Gemm() {}

  /** An array ready for BLAS: its native address and shape, taken once. */
  public static final class Operand {
    final INDArray array;
    final FloatPointer f;
    final DoublePointer d;
    final int rows;
    final int cols;
    final boolean direct;

    public Operand(INDArray array) {
      this.array = array;
      this.rows = (int) array.rows();
      this.cols = (int) array.columns();
      this.direct = array.rank() == 2 && array.ordering() == 'c' && array.offset() == 0 && array.elementWiseStride() == 1
          && (array.dataType() == DataType.FLOAT || array.dataType() == DataType.DOUBLE);
      this.f = direct && array.dataType() == DataType.FLOAT ? new FloatPointer(array.data().addressPointer()) : null;
      this.d = direct && array.dataType() == DataType.DOUBLE ? new DoublePointer(array.data().addressPointer()) : null;
    }

    public INDArray array() {
      return array;
    }
  }

  public static void gemm(Operand a, Operand b, Operand c, boolean transA, boolean transB, double alpha, double beta) {
    int m = transA ? a.cols : a.rows;
    int k = transA ? a.rows : a.cols;
    int n = transB ? b.rows : b.cols;
    int kb = transB ? b.cols : b.rows;
    if (k != kb || c.rows != m || c.cols != n) {
      throw new IllegalArgumentException("gemm shapes: op(A) " + m + "x" + k + ", op(B) " + kb + "x" + n + ", C " + c.rows + "x" + c.cols);
    }
    boolean sameType = a.array.dataType() == b.array.dataType() && b.array.dataType() == c.array.dataType();
    if (!(a.direct && b.direct && c.direct && sameType)) {
      Nd4j.gemm(a.array, b.array, c.array, transA, transB, alpha, beta);
      return;
    }
    int ta = transA ? CblasTrans : CblasNoTrans;
    int tb = transB ? CblasTrans : CblasNoTrans;
    if (c.f != null) cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, a.f, a.cols, b.f, b.cols, (float) beta, c.f, c.cols);
    else cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, a.d, a.cols, b.d, b.cols, beta, c.d, c.cols);
  }

  /** One-off product of arrays (wraps them on the way). */
  public static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
    gemm(new Operand(a), new Operand(b), new Operand(c), transA, transB, alpha, beta);
  }
}
