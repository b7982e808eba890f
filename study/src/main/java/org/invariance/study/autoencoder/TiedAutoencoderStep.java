package org.invariance.study.autoencoder;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.invariance.nn.ArrayState;
import org.invariance.nn.Fused;
import org.invariance.nn.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One minibatch step of a {@link TiedAutoencoder}: forward, binary cross-entropy, backward, and SGD
 * with momentum and weight decay. Every buffer is allocated once for the batch size, so the steady
 * state allocates no native memory; the caller fills {@link #input()} and {@link #target()}.
 *
 * <p>Loss: E = -(1/B) sum_n sum_p [t log y + (1-t) log(1-y)] (sum over pixels, mean over the batch).
 * With sigmoid outputs its gradient wrt the output pre-activation is (y - t)/B; the 1/B is folded
 * into the weight-gradient products. Tied weights collect two gradient terms: decoder and encoder.
 *
 * <p>Update: v = momentum v - lr (g + decay W); W += v. Biases take no decay unless the step is
 * made with {@code decayBiases} (the study does not say; PyTorch's {@code weight_decay} decays
 * every parameter).
 *
 * <p>Element-wise work is fused into single passes ({@link Fused}): bias + sigmoid, the sigmoid
 * derivative, and the update, so the matrix products dominate the step.
 */
public final class TiedAutoencoderStep {
  private final TiedAutoencoder ae;
  private final int batch;
  private final int layers;
  private final INDArray ones;
  private final INDArray[] h; // h[0] = input, h[i] = encoder layer i
  private final INDArray[] g; // g[i] = decoder reconstruction of layer i (g[0] = y); g[L] is h[L]
  private final INDArray target;
  private final INDArray[] dDec; // dDec[i]: delta at the pre-activation of g[i], i = 0..L-1
  private final INDArray[] dEnc; // dEnc[i]: delta at the pre-activation of h[i], i = 1..L
  private final INDArray[] gw;
  private final INDArray[] gb;
  private final INDArray[] gc;
  private final INDArray[] vw;
  private final INDArray[] vb;
  private final INDArray[] vc;
  private final double momentum;
  private final double weightDecay;
  private final double biasDecay;
  // the same arrays wrapped once for BLAS (no per-call wrappers in the loop)
  private final Gemm.Operand oOnes;
  private final Gemm.Operand[] oh;
  private final Gemm.Operand[] og;
  private final Gemm.Operand[] oDec;
  private final Gemm.Operand[] oEnc;
  private final Gemm.Operand[] ow;
  private final Gemm.Operand[] ogw;
  private final Gemm.Operand[] ogb;
  private final Gemm.Operand[] ogc;

  public TiedAutoencoderStep(TiedAutoencoder ae, int batch, double momentum, double weightDecay) {
    this(ae, batch, momentum, weightDecay, false);
  }

  /** A step whose weight decay also applies to the encoder and decoder biases when {@code decayBiases}. */
  public TiedAutoencoderStep(TiedAutoencoder ae, int batch, double momentum, double weightDecay, boolean decayBiases) {
    this.ae = ae;
    this.batch = batch;
    this.layers = ae.layers();
    this.momentum = momentum;
    this.weightDecay = weightDecay;
    this.biasDecay = decayBiases ? weightDecay : 0;
    int[] n = ae.sizes;
    var dt = ae.dtype;
    ones = Nd4j.ones(dt, 1, batch);
    h = new INDArray[layers + 1];
    g = new INDArray[layers + 1];
    dDec = new INDArray[layers];
    dEnc = new INDArray[layers + 1];
    for (int i = 0; i <= layers; i++) {
      h[i] = Nd4j.zeros(dt, batch, n[i]);
      if (i < layers) {
        g[i] = Nd4j.zeros(dt, batch, n[i]);
        dDec[i] = Nd4j.zeros(dt, batch, n[i]);
      }
      if (i > 0) dEnc[i] = Nd4j.zeros(dt, batch, n[i]);
    }
    g[layers] = h[layers];
    target = Nd4j.zeros(dt, batch, n[0]);
    gw = new INDArray[layers];
    gb = new INDArray[layers];
    gc = new INDArray[layers];
    vw = new INDArray[layers];
    vb = new INDArray[layers];
    vc = new INDArray[layers];
    for (int i = 0; i < layers; i++) {
      gw[i] = Nd4j.zeros(dt, n[i], n[i + 1]);
      vw[i] = Nd4j.zeros(dt, n[i], n[i + 1]);
      gb[i] = Nd4j.zeros(dt, 1, n[i + 1]);
      vb[i] = Nd4j.zeros(dt, 1, n[i + 1]);
      gc[i] = Nd4j.zeros(dt, 1, n[i]);
      vc[i] = Nd4j.zeros(dt, 1, n[i]);
    }
    oOnes = new Gemm.Operand(ones);
    oh = wrap(h);
    og = wrap(g);
    oDec = wrap(dDec);
    oEnc = wrap(dEnc);
    ow = wrap(ae.w);
    ogw = wrap(gw);
    ogb = wrap(gb);
    ogc = wrap(gc);
  }

  private static Gemm.Operand[] wrap(INDArray[] arrays) {
    Gemm.Operand[] o = new Gemm.Operand[arrays.length];
    for (int i = 0; i < arrays.length; i++) o[i] = arrays[i] == null ? null : new Gemm.Operand(arrays[i]);
    return o;
  }

  /** The batch's inputs (B x n_0): fill before {@link #forward()}. */
  public INDArray input() {
    return h[0];
  }

  /** The batch's reconstruction targets (B x n_0). */
  public INDArray target() {
    return target;
  }

  /** The last forward pass's reconstruction. */
  public INDArray output() {
    return g[0];
  }

  public int batch() {
    return batch;
  }

  public void forward() {
    for (int i = 1; i <= layers; i++) {
      Gemm.gemm(oh[i - 1], ow[i - 1], oh[i], false, false, 1.0, 0.0);
      Fused.biasSigmoid(h[i], ae.b[i - 1]);
    }
    for (int i = layers; i >= 1; i--) {
      Gemm.gemm(og[i], ow[i - 1], og[i - 1], false, true, 1.0, 0.0);
      Fused.biasSigmoid(g[i - 1], ae.c[i - 1]);
    }
  }

  /** Binary cross-entropy of the last forward pass, summed over pixels, averaged over the batch. */
  public double loss() {
    double eps = 1e-7;
    INDArray y = Transforms.max(Transforms.min(g[0], 1 - eps, true), eps, false);
    INDArray l = Transforms.log(y, true).muli(target).addi(Transforms.log(y.rsub(1.0), false).muli(target.rsub(1.0)));
    return -l.sumNumber().doubleValue() / batch;
  }

  /** Gradients of {@link #loss()} into the gradient buffers (without weight decay). */
  public void backward() {
    double scale = 1.0 / batch;
    target.rsub(g[0], dDec[0]); // y - t
    for (int i = 1; i <= layers; i++) {
      // decoder layer i maps g[i] -> g[i-1] through W_i^T: its weight gradient is dDec[i-1]^T g[i]
      Gemm.gemm(oDec[i - 1], og[i], ogw[i - 1], true, false, scale, 0.0);
      Gemm.gemm(oOnes, oDec[i - 1], ogc[i - 1], false, false, scale, 0.0);
      INDArray up = i < layers ? dDec[i] : dEnc[layers];
      Gemm.gemm(oDec[i - 1], ow[i - 1], i < layers ? oDec[i] : oEnc[layers], false, false, 1.0, 0.0);
      Fused.sigmoidGrad(up, g[i]);
    }
    for (int i = layers; i >= 1; i--) {
      Gemm.gemm(oh[i - 1], oEnc[i], ogw[i - 1], true, false, scale, 1.0);
      Gemm.gemm(oOnes, oEnc[i], ogb[i - 1], false, false, scale, 0.0);
      if (i > 1) {
        Gemm.gemm(oEnc[i], ow[i - 1], oEnc[i - 1], false, true, 1.0, 0.0);
        Fused.sigmoidGrad(dEnc[i - 1], h[i - 1]);
      }
    }
  }

  /** SGD with momentum; weight decay on weights (and on biases when the step decays them). */
  public void update(double lr) {
    for (int i = 0; i < layers; i++) {
      Fused.momentumStep(ae.w[i], gw[i], vw[i], lr, momentum, weightDecay);
      Fused.momentumStep(ae.b[i], gb[i], vb[i], lr, momentum, biasDecay);
      Fused.momentumStep(ae.c[i], gc[i], vc[i], lr, momentum, biasDecay);
    }
  }

  /** forward + backward + update. */
  public void step(double lr) {
    forward();
    backward();
    update(lr);
  }

  /**
   * Exactly the matrix products of one {@link #step}, on the same buffers, without anything else:
   * the BLAS ceiling the benchmark compares a step with. Leaves the model's weights unchanged.
   */
  public void gemmsOnly() {
    forwardProducts();
    backwardProducts();
  }

  /** The forward pass's matrix products alone (for the bench's profile). */
  public void forwardProducts() {
    for (int i = 1; i <= layers; i++) Gemm.gemm(oh[i - 1], ow[i - 1], oh[i], false, false, 1.0, 0.0);
    for (int i = layers; i >= 1; i--) Gemm.gemm(og[i], ow[i - 1], og[i - 1], false, true, 1.0, 0.0);
  }

  /** The backward pass's weight-gradient and delta products alone (for the bench's profile). */
  public void backwardProducts() {
    double scale = 1.0 / batch;
    for (int i = 1; i <= layers; i++) {
      Gemm.gemm(oDec[i - 1], og[i], ogw[i - 1], true, false, scale, 0.0);
      Gemm.gemm(oDec[i - 1], ow[i - 1], i < layers ? oDec[i] : oEnc[layers], false, false, 1.0, 0.0);
    }
    for (int i = layers; i >= 1; i--) {
      Gemm.gemm(oh[i - 1], oEnc[i], ogw[i - 1], true, false, scale, 1.0);
      if (i > 1) Gemm.gemm(oEnc[i], ow[i - 1], oEnc[i - 1], false, true, 1.0, 0.0);
    }
  }

  /** The forward pass's fused bias + sigmoid passes alone (for the bench's profile). */
  public void forwardElementwise() {
    for (int i = 1; i <= layers; i++) Fused.biasSigmoid(h[i], ae.b[i - 1]);
    for (int i = layers; i >= 1; i--) Fused.biasSigmoid(g[i - 1], ae.c[i - 1]);
  }

  /** The backward pass's element-wise work alone: y - t and the sigmoid derivatives (for the profile). */
  public void backwardElementwise() {
    target.rsub(g[0], dDec[0]);
    for (int i = 1; i <= layers; i++) Fused.sigmoidGrad(i < layers ? dDec[i] : dEnc[layers], g[i]);
    for (int i = layers; i > 1; i--) Fused.sigmoidGrad(dEnc[i - 1], h[i - 1]);
  }

  /** The six bias-gradient products alone (for the profile). */
  public void biasProducts() {
    double scale = 1.0 / batch;
    for (int i = 1; i <= layers; i++) {
      Gemm.gemm(oOnes, oDec[i - 1], ogc[i - 1], false, false, scale, 0.0);
      Gemm.gemm(oOnes, oEnc[i], ogb[i - 1], false, false, scale, 0.0);
    }
  }

  /** Floating-point operations of the matrix products of one step (2 M N K each). */
  public static double flopsPerStep(int[] sizes, int batch) {
    double f = 0;
    int layers = sizes.length - 1;
    for (int i = 1; i <= layers; i++) {
      double mnk = (double) batch * sizes[i - 1] * sizes[i];
      f += 2 * mnk; // encoder forward
      f += 2 * mnk; // decoder forward
      f += 2 * mnk; // decoder weight gradient
      f += 2 * mnk; // decoder delta propagation
      f += 2 * mnk; // encoder weight gradient
      if (i > 1) f += 2 * mnk; // encoder delta propagation
    }
    return f;
  }

  /** Writes the weights and the momentum buffers: with the iteration, all the next step reads. */
  public void writeState(DataOutputStream out) throws IOException {
    for (int i = 0; i < layers; i++) ArrayState.write(out, ae.w[i], ae.b[i], ae.c[i], vw[i], vb[i], vc[i]);
  }

  /** Reads what {@link #writeState} wrote, in place. */
  public void readState(DataInputStream in) throws IOException {
    for (int i = 0; i < layers; i++) ArrayState.read(in, ae.w[i], ae.b[i], ae.c[i], vw[i], vb[i], vc[i]);
  }

  public INDArray weightGradient(int i) {
    return gw[i];
  }

  public INDArray encoderBiasGradient(int i) {
    return gb[i];
  }

  public INDArray decoderBiasGradient(int i) {
    return gc[i];
  }
}
