package org.invariance.plugins.cka;

import org.invariance.model.Activations;
import org.invariance.nn.Gemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A representation held as its centred (n x f) features in double precision: cross terms are the
 * (f x f') products X'Y, cheaper than n x n Gram matrices while f <= n (the study's layers on
 * 10,000 images: at most 784 x 784).
 */
final class FeatureSpace extends Representation {
  private final INDArray centred;

  private FeatureSpace(INDArray centred, double[] rowSq, double self) {
    super(centred.rows(), rowSq, self);
    this.centred = centred;
  }

  static FeatureSpace of(INDArray x) {
    INDArray c = Centering.all(x);
    INDArray norms = c.norm2(1);
    double[] rowSq = norms.toDoubleVector();
    Activations.free(norms);
    for (int i = 0; i < rowSq.length; i++) rowSq[i] *= rowSq[i];
    return new FeatureSpace(c, rowSq, squaredNorm(c, c));
  }

  @Override
  double cross(Representation other, int[] perm) {
    INDArray y = ((FeatureSpace) other).centred;
    if (perm == null) return squaredNorm(centred, y);
    INDArray py = Nd4j.pullRows(y, 1, perm);   // a native gather; getRows is ~30x slower here
    double v = squaredNorm(centred, py);
    Activations.free(py);
    return v;
  }

  /** ||X'Y||_F^2, the product freed at once. */
  private static double squaredNorm(INDArray x, INDArray y) {
    INDArray p = Nd4j.create(DataType.DOUBLE, x.columns(), y.columns());
    Gemm.gemm(x, y, p, true, false, 1, 0);
    double v = p.norm2Number().doubleValue();
    Activations.free(p);
    return v * v;
  }

  @Override
  public void close() {
    Activations.free(centred);
  }
}
