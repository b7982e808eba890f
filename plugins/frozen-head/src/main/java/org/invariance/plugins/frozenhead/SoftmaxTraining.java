package org.invariance.plugins.frozenhead;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.invariance.data.Epochs;
import org.invariance.nn.ArrayState;
import org.invariance.nn.Blas;
import org.invariance.nn.Gemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Minibatch gradient descent for a softmax layer on fixed features (the frozen encoder's top layer):
 * cross-entropy loss, constant learning rate, zero initial weights (the problem is convex). One
 * object is one training, stepped an iteration at a time, so a trainer can checkpoint it: the state
 * is the weights and the iteration count (the minibatch order is drawn again from the seed).
 */
public final class SoftmaxTraining {
  /** Result of training: the head and its last minibatch loss. */
  public record Result(SoftmaxHead head, double lastLoss) {}

  /** Told after each iteration (1-based) with the last measured minibatch loss (every 50 iterations and the last). */
  public interface Listener {
    void iteration(int iteration, double lastLoss);
  }

  private final INDArray features;
  private final int[] labels;
  private final double lr;
  private final int bs;
  private final INDArray w;
  private final INDArray b;
  private final INDArray onesRow;
  private final INDArray xb;
  private final INDArray yb;
  private final INDArray gw;
  private final INDArray gb;
  private final Epochs order;
  private final int[] rows;
  private long iteration;

  /**
   * @param features (n x f) frozen features
   * @param labels classes 0..classes-1
   */
  public SoftmaxTraining(INDArray features, int[] labels, int classes, double lr, int batch, long seed) {
    int n = (int) features.rows();
    int f = (int) features.columns();
    DataType dt = features.dataType();
    this.features = features;
    this.labels = labels;
    this.lr = lr;
    this.bs = Math.min(batch, n);
    w = Nd4j.zeros(dt, f, classes);
    b = Nd4j.zeros(dt, 1, classes);
    onesRow = Nd4j.ones(dt, 1, bs);
    xb = Nd4j.zeros(dt, bs, f);
    yb = Nd4j.zeros(dt, bs, classes);
    gw = Nd4j.zeros(dt, f, classes);
    gb = Nd4j.zeros(dt, 1, classes);
    order = new Epochs(n, new SplittableRandom(seed));
    rows = new int[bs];
  }

  /** Iterations done so far. */
  public long iteration() {
    return iteration;
  }

  /** One iteration; returns the minibatch's loss (before the update) when asked to measure it, else NaN. */
  public double step(boolean measureLoss) {
    for (int k = 0; k < bs; k++) rows[k] = order.next();
    xb.assign(features.get(NDArrayIndex.indices(toLong(rows)), NDArrayIndex.all()));
    yb.assign(0);
    for (int k = 0; k < bs; k++) yb.putScalar(k, labels[rows[k]], 1.0);
    INDArray p = xb.mmul(w);
    p.addiRowVector(b);
    Transforms.softmax(p, false);
    double loss = Double.NaN;
    if (measureLoss) loss = -Transforms.log(Transforms.max(p.mul(yb).sum(1), 1e-12, false), false).sumNumber().doubleValue() / bs;
    p.subi(yb); // dLoss/dlogits * bs
    Gemm.gemm(xb, p, gw, true, false, 1.0 / bs, 0.0);
    Gemm.gemm(onesRow, p, gb, false, false, 1.0 / bs, 0.0);
    Blas.axpy(-lr, gw, w);
    Blas.axpy(-lr, gb, b);
    iteration++;
    return loss;
  }

  /** The head as trained so far (its own copy). */
  public SoftmaxHead head() {
    return new SoftmaxHead(w.dup(), b.dup());
  }

  public void writeState(DataOutputStream out) throws IOException {
    out.writeLong(iteration);
    ArrayState.write(out, w, b);
  }

  /** Reads what {@link #writeState} wrote into a fresh training of the same data and seed. */
  public void readState(DataInputStream in) throws IOException {
    if (iteration != 0) throw new IllegalStateException("restore into a fresh training");
    long done = in.readLong();
    ArrayState.read(in, w, b);
    for (long i = 0; i < done * bs; i++) order.next();
    iteration = done;
  }

  /**
   * Trains for {@code iterations} in one go.
   *
   * @param onIteration progress; may be null
   */
  public static Result train(INDArray features, int[] labels, int classes, double lr, int batch, int iterations, long seed, Listener onIteration) {
    SoftmaxTraining t = new SoftmaxTraining(features, labels, classes, lr, batch, seed);
    double loss = Double.NaN;
    for (int it = 1; it <= iterations; it++) {
      double l = t.step(it == iterations || it % 50 == 0);
      if (!Double.isNaN(l)) loss = l;
      if (onIteration != null) onIteration.iteration(it, loss);
    }
    return new Result(new SoftmaxHead(t.w, t.b), loss);
  }

  private static long[] toLong(int[] a) {
    long[] l = new long[a.length];
    for (int i = 0; i < a.length; i++) l[i] = a[i];
    return l;
  }
}
