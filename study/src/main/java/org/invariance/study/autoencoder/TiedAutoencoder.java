package org.invariance.study.autoencoder;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The study's autoencoder: sigmoid layers n_0 -> n_1 -> ... -> n_L and back, with tied weights
 * (the decoder uses W_i transposed) and separate decoder biases.
 *
 * <pre>
 *   h_0 = x,        h_i     = sigmoid(h_{i-1} W_i   + b_i)   i = 1..L
 *   g_L = h_L,      g_{i-1} = sigmoid(g_i    W_i^T + c_i)   i = L..1,   reconstruction y = g_0
 * </pre>
 */
public final class TiedAutoencoder {
  final int[] sizes;
  final DataType dtype;
  final INDArray[] w;
  final INDArray[] b;
  final INDArray[] c;

  private TiedAutoencoder(int[] sizes, DataType dtype, INDArray[] w, INDArray[] b, INDArray[] c) {
    this.sizes = sizes.clone();
    this.dtype = dtype;
    this.w = w;
    this.b = b;
    this.c = c;
  }

  /**
   * How the weights start: uniform in [-r, r] with r from a layer's fan-in n_in and fan-out n_out.
   * The study does not say which; {@link #GLOROT_SIGMOID} is this project's choice.
   */
  public enum Init {
    /** Glorot and Bengio's r = sqrt(6 / (n_in + n_out)), as PyTorch's {@code xavier_uniform_}. */
    GLOROT,
    /** Four times Glorot's range: the one suited to sigmoid units (Glorot and Bengio, 2010). */
    GLOROT_SIGMOID,
    /** He et al.'s r = sqrt(6 / n_in), as PyTorch's {@code kaiming_uniform_} for relu. */
    HE;

    /** The half-width r of the uniform range of a layer of {@code in} inputs and {@code out} units. */
    public double range(int in, int out) {
      return switch (this) {
        case GLOROT -> Math.sqrt(6.0 / (in + out));
        case GLOROT_SIGMOID -> 4 * Math.sqrt(6.0 / (in + out));
        case HE -> Math.sqrt(6.0 / in);
      };
    }
  }

  /**
   * Glorot-uniform weights scaled by 4 (the range suited to sigmoid units), zero biases, drawn from
   * a generator of our own so the same seed gives the same weights on any backend.
   */
  public static TiedAutoencoder init(int[] sizes, long seed, DataType dtype) {
    return init(sizes, seed, dtype, Init.GLOROT_SIGMOID);
  }

  /**
   * Weights uniform in [-r, r] with r as {@code init} says, zero biases; the same generator draws
   * the same numbers under every scheme, only scaled differently.
   */
  public static TiedAutoencoder init(int[] sizes, long seed, DataType dtype, Init init) {
    int layers = sizes.length - 1;
    INDArray[] w = new INDArray[layers];
    INDArray[] b = new INDArray[layers];
    INDArray[] c = new INDArray[layers];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < layers; i++) {
      int in = sizes[i];
      int out = sizes[i + 1];
      double r = init.range(in, out);
      double[] v = new double[in * out];
      for (int k = 0; k < v.length; k++) v[k] = (rng.nextDouble() * 2 - 1) * r;
      w[i] = Nd4j.create(v, new long[] {in, out}, 'c').castTo(dtype);
      b[i] = Nd4j.zeros(dtype, 1, out);
      c[i] = Nd4j.zeros(dtype, 1, in);
    }
    return new TiedAutoencoder(sizes, dtype, w, b, c);
  }

  public int[] sizes() {
    return sizes.clone();
  }

  public int layers() {
    return w.length;
  }

  public INDArray weight(int i) {
    return w[i];
  }

  public INDArray encoderBias(int i) {
    return b[i];
  }

  public INDArray decoderBias(int i) {
    return c[i];
  }

  /** A copy of the encoder half, independent of further training. */
  public Encoder encoder() {
    List<INDArray> ws = new ArrayList<>();
    List<INDArray> bs = new ArrayList<>();
    for (int i = 0; i < w.length; i++) {
      ws.add(w[i].dup());
      bs.add(b[i].dup());
    }
    return new Encoder(ws, bs);
  }
}
