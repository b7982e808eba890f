package org.invariance.plugins.mlp;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.invariance.nn.ArrayState;
import org.invariance.nn.Fused;
import org.invariance.nn.Gemm;
import org.invariance.plugins.mlp.MlpConfig.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One minibatch step of an {@link Mlp}: forward, softmax cross-entropy, backward, and momentum SGD
 * with weight decay, on the model's own weight arrays (updated in place). Every buffer is allocated
 * once for the batch size, so the steady state allocates no native memory; the caller fills
 * {@link #input()} and {@link #labels()}.
 *
 * <p>Loss: E = -(1/B) sum_n log p_n[y_n]. Its gradient wrt the output logits is (p - onehot(y))/B;
 * the 1/B is folded into the weight- and bias-gradient products. Hidden layer i's delta (at its
 * pre-activation) is (delta_{i+1} W_{i+1}^T) * f'(.), with f' written through the layer's output.
 *
 * <p>Update: v = momentum v - lr (g + decay W); W += v; biases take no decay unless the step is
 * made with {@code decayBiases}.
 *
 * <p>Every operation is a BLAS product (whose threads split rows and columns, never the sum) or an
 * element-wise op, and bias gradients are products with a row of ones rather than reductions, so a
 * step gives the same bits every time.
 */
final class MlpStep {
  private final Mlp model;
  private final int batch;
  private final int k; // hidden layers
  private final int classes;
  private final Activation f;
  private final double momentum;
  private final double weightDecay;
  private final double biasDecay;
  private final INDArray[] w; // W_1..W_K, W_out (the model's own)
  private final INDArray[] b;
  private final INDArray[] h; // h[0] input, h[i] hidden layer i (B x n_i)
  private final INDArray p; // (B x classes): logits, then probabilities, then dLoss/dlogits * B
  private final INDArray[] d; // d[i]: delta at the pre-activation of hidden layer i, i = 1..K
  private final INDArray[] gw;
  private final INDArray[] gb;
  private final INDArray[] vw;
  private final INDArray[] vb;
  private final int[] labels;
  private final double[] row; // softmax scratch
  private final FloatBuffer pf;
  private final DoubleBuffer pd;
  // the same arrays wrapped once for BLAS
  private final Gemm.Operand oOnes; // (1 x B)
  private final Gemm.Operand[] ow;
  private final Gemm.Operand[] oh;
  private final Gemm.Operand op;
  private final Gemm.Operand[] od;
  private final Gemm.Operand[] ogw;
  private final Gemm.Operand[] ogb;

  MlpStep(Mlp model, int batch, double momentum, double weightDecay) {
    this(model, batch, momentum, weightDecay, false);
  }

  /** A step whose weight decay also applies to the biases when {@code decayBiases}. */
  MlpStep(Mlp model, int batch, double momentum, double weightDecay, boolean decayBiases) {
    this.model = model;
    this.batch = batch;
    this.k = model.hidden();
    this.classes = model.classes();
    this.f = model.nonlinearity();
    this.momentum = momentum;
    this.weightDecay = weightDecay;
    this.biasDecay = decayBiases ? weightDecay : 0;
    int[] n = model.layerSizes();
    DataType dt = model.allWeights().get(0).dataType();
    w = model.allWeights().toArray(new INDArray[0]);
    b = model.allBiases().toArray(new INDArray[0]);
    h = new INDArray[k + 1];
    d = new INDArray[k + 1];
    for (int i = 0; i <= k; i++) {
      h[i] = Nd4j.zeros(dt, batch, n[i]);
      if (i > 0) {
        d[i] = Nd4j.zeros(dt, batch, n[i]);
      }
    }
    p = Nd4j.zeros(dt, batch, classes);
    gw = new INDArray[k + 1];
    gb = new INDArray[k + 1];
    vw = new INDArray[k + 1];
    vb = new INDArray[k + 1];
    for (int i = 0; i <= k; i++) {
      gw[i] = Nd4j.zeros(dt, w[i].rows(), w[i].columns());
      vw[i] = Nd4j.zeros(dt, w[i].rows(), w[i].columns());
      gb[i] = Nd4j.zeros(dt, 1, w[i].columns());
      vb[i] = Nd4j.zeros(dt, 1, w[i].columns());
    }
    labels = new int[batch];
    row = new double[classes];
    pf = dt == DataType.FLOAT ? p.data().asNioFloat() : null;
    pd = dt == DataType.DOUBLE ? p.data().asNioDouble() : null;
    if (pf == null && pd == null) throw new IllegalArgumentException("an MLP trains in float or double, not " + dt);
    oOnes = new Gemm.Operand(Nd4j.ones(dt, 1, batch));
    ow = wrap(w);
    oh = wrap(h);
    op = new Gemm.Operand(p);
    od = wrap(d);
    ogw = wrap(gw);
    ogb = wrap(gb);
  }

  private static Gemm.Operand[] wrap(INDArray[] arrays) {
    Gemm.Operand[] o = new Gemm.Operand[arrays.length];
    for (int i = 0; i < arrays.length; i++) o[i] = arrays[i] == null ? null : new Gemm.Operand(arrays[i]);
    return o;
  }

  Mlp model() {
    return model;
  }

  /** The batch's inputs (B x n_0): fill before {@link #forward()}. */
  INDArray input() {
    return h[0];
  }

  /** The batch's classes: fill before {@link #forward()}. */
  int[] labels() {
    return labels;
  }

  int batch() {
    return batch;
  }

  /** Hidden layers and class probabilities of the batch. */
  void forward() {
    for (int i = 1; i <= k; i++) {
      Gemm.gemm(oh[i - 1], ow[i - 1], oh[i], false, false, 1.0, 0.0);
      Nonlinearity.biasActivate(f, h[i], b[i - 1]);
    }
    Gemm.gemm(oh[k], ow[k], op, false, false, 1.0, 0.0);
    Nonlinearity.biasSoftmax(p, b[k], row);
  }

  /** Cross-entropy of the last {@link #forward()}, averaged over the batch (call before {@link #backward()}). */
  double loss() {
    double sum = 0;
    for (int r = 0; r < batch; r++) {
      int at = r * classes + labels[r];
      double q = pf != null ? pf.get(at) : pd.get(at);
      sum -= Math.log(Math.max(q, 1e-30));
    }
    return sum / batch;
  }

  /** Gradients of {@link #loss()} into the gradient buffers (without weight decay); overwrites the probabilities. */
  void backward() {
    double scale = 1.0 / batch;
    for (int r = 0; r < batch; r++) {
      int at = r * classes + labels[r];
      if (pf != null) pf.put(at, pf.get(at) - 1f);
      else pd.put(at, pd.get(at) - 1.0);
    }
    Gemm.gemm(oh[k], op, ogw[k], true, false, scale, 0.0);
    Gemm.gemm(oOnes, op, ogb[k], false, false, scale, 0.0);
    Gemm.gemm(op, ow[k], od[k], false, true, 1.0, 0.0);
    Nonlinearity.backward(f, d[k], h[k]);
    for (int i = k; i >= 1; i--) {
      Gemm.gemm(oh[i - 1], od[i], ogw[i - 1], true, false, scale, 0.0);
      Gemm.gemm(oOnes, od[i], ogb[i - 1], false, false, scale, 0.0);
      if (i > 1) {
        Gemm.gemm(od[i], ow[i - 1], od[i - 1], false, true, 1.0, 0.0);
        Nonlinearity.backward(f, d[i - 1], h[i - 1]);
      }
    }
  }

  /** SGD with momentum; weight decay on weights (and on biases when the step decays them). */
  void update(double lr) {
    for (int i = 0; i <= k; i++) {
      Fused.momentumStep(w[i], gw[i], vw[i], lr, momentum, weightDecay);
      Fused.momentumStep(b[i], gb[i], vb[i], lr, momentum, biasDecay);
    }
  }

  /** Writes the weights, biases and velocities: with the iteration, all the next step reads. */
  void writeState(DataOutputStream out) throws IOException {
    for (int i = 0; i <= k; i++) ArrayState.write(out, w[i], b[i], vw[i], vb[i]);
  }

  /** Reads what {@link #writeState} wrote, in place. */
  void readState(DataInputStream in) throws IOException {
    for (int i = 0; i <= k; i++) ArrayState.read(in, w[i], b[i], vw[i], vb[i]);
  }

  /** dLoss/dW_i of the last {@link #backward()}, i = 0..K (K: the output layer). */
  INDArray weightGradient(int i) {
    return gw[i];
  }

  /** dLoss/db_i of the last {@link #backward()}, i = 0..K. */
  INDArray biasGradient(int i) {
    return gb[i];
  }
}
