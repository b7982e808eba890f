package org.invariance.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** BLAS level-1 helpers on whole (contiguous) arrays, in place and without temporaries. */
public final class Blas {
  private Blas() {}

  /** y += alpha x, over every element (matrices included). */
  public static void axpy(double alpha, INDArray x, INDArray y) {
    Nd4j.getBlasWrapper().level1().axpy(x.length(), alpha, x, y);
  }
}
