package org.invariance.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Minibatch gradient descent for a softmax layer on fixed features (the frozen encoder's top layer):
 * cross-entropy loss, constant learning rate, zero initial weights (the problem is convex).
 */
public final class SoftmaxTraining {
  private SoftmaxTraining() {}

  /** Result of training: the head and its last minibatch loss. */
  public record Result(SoftmaxHead head, double lastLoss) {}

  /** Told after each iteration (1-based) with the last measured minibatch loss (every 50 iterations and the last). */
  public interface Listener {
    void iteration(int iteration, double lastLoss);
  }

  /**
   * @param features (n x f) frozen features
   * @param labels classes 0..classes-1
   * @param onIteration progress; may be null
   */
  public static Result train(INDArray features, int[] labels, int classes, double lr, int batch, int iterations, long seed, Listener onIteration) {
    int n = (int) features.rows();
    int f = (int) features.columns();
    DataType dt = features.dataType();
    INDArray w = Nd4j.zeros(dt, f, classes);
    INDArray b = Nd4j.zeros(dt, 1, classes);
    int bs = Math.min(batch, n);
    INDArray onesRow = Nd4j.ones(dt, 1, bs);
    INDArray xb = Nd4j.zeros(dt, bs, f);
    INDArray yb = Nd4j.zeros(dt, bs, classes);
    INDArray gw = Nd4j.zeros(dt, f, classes);
    INDArray gb = Nd4j.zeros(dt, 1, classes);
    SplittableRandom rng = new SplittableRandom(seed);
    org.invariance.data.Epochs order = new org.invariance.data.Epochs(n, rng);
    double loss = Double.NaN;
    int[] rows = new int[bs];
    for (int it = 1; it <= iterations; it++) {
      for (int k = 0; k < bs; k++) {
        rows[k] = order.next();
      }
      xb.assign(features.get(NDArrayIndex.indices(toLong(rows)), NDArrayIndex.all()));
      yb.assign(0);
      for (int k = 0; k < bs; k++) yb.putScalar(k, labels[rows[k]], 1.0);
      INDArray p = xb.mmul(w);
      p.addiRowVector(b);
      Transforms.softmax(p, false);
      if (it == iterations || it % 50 == 0) {
        loss = -Transforms.log(Transforms.max(p.mul(yb).sum(1), 1e-12, false), false).sumNumber().doubleValue() / bs;
      }
      p.subi(yb); // dLoss/dlogits * bs
      Gemm.gemm(xb, p, gw, true, false, 1.0 / bs, 0.0);
      Gemm.gemm(onesRow, p, gb, false, false, 1.0 / bs, 0.0);
      Blas.axpy(-lr, gw, w);
      Blas.axpy(-lr, gb, b);
      if (onIteration != null) onIteration.iteration(it, loss);
    }
    return new Result(new SoftmaxHead(w, b), loss);
  }

  private static long[] toLong(int[] a) {
    long[] l = new long[a.length];
    for (int i = 0; i < a.length; i++) l[i] = a[i];
    return l;
  }
}
