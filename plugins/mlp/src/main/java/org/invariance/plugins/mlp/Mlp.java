package org.invariance.plugins.mlp;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.invariance.model.DenseLayers;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.invariance.nn.Gemm;
import org.invariance.plugins.mlp.MlpConfig.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained MLP: hidden layers h_i = f(h_{i-1} W_i + b_i), i = 1..K, and class probabilities
 * softmax(h_K W_out + b_out). As a {@link Model} its layers are the input (layer 1) and h1..hK; the
 * softmax output comes beside them, not as a layer. As {@link DenseLayers} it exposes the hidden
 * layers' weights, so another stage can start from them.
 */
public final class Mlp implements Model, DenseLayers {
  private static final int FORMAT = 1;

  private final int[] sizes; // input, then hidden layers
  private final Activation activation;
  private final List<INDArray> w; // K hidden, then the output layer
  private final List<INDArray> b;

  /**
   * @param sizes input size, then the hidden layers' sizes
   * @param w W_1..W_K then W_out, each (n_{i-1} x n_i); the last (n_K x classes)
   * @param b b_1..b_K then b_out, each (1 x n_i)
   */
  Mlp(int[] sizes, Activation activation, List<INDArray> w, List<INDArray> b) {
    int k = sizes.length - 1;
    if (k < 1 || w.size() != k + 1 || b.size() != k + 1) throw new IllegalArgumentException("an MLP has at least one hidden layer and one weight matrix and bias per layer plus the output's");
    for (int i = 0; i <= k; i++) {
      long in = sizes[i];
      long out = i < k ? sizes[i + 1] : w.get(k).columns();
      if (w.get(i).rank() != 2 || w.get(i).rows() != in || w.get(i).columns() != out) {
        throw new IllegalArgumentException("W_" + (i + 1) + " is " + Arrays.toString(w.get(i).shape()) + ", expected [" + in + ", " + out + "]");
      }
      if (b.get(i).rank() != 2 || b.get(i).rows() != 1 || b.get(i).columns() != out) {
        throw new IllegalArgumentException("b_" + (i + 1) + " is " + Arrays.toString(b.get(i).shape()) + ", expected [1, " + out + "]");
      }
    }
    if (w.get(k).columns() < 1) throw new IllegalArgumentException("no classes");
    this.sizes = sizes.clone();
    this.activation = activation;
    this.w = List.copyOf(w);
    this.b = List.copyOf(b);
  }

  @Override
  public List<String> layerNames() {
    List<String> names = new ArrayList<>(sizes.length);
    names.add("input");
    for (int i = 1; i < sizes.length; i++) names.add("h" + i);
    return names;
  }

  @Override
  public int[] layerSizes() {
    return sizes.clone();
  }

  @Override
  public int classes() {
    return w.get(hidden()).columns();
  }

  /** The number of hidden layers, K. */
  public int hidden() {
    return sizes.length - 1;
  }

  @Override
  public List<INDArray> weights() {
    return w.subList(0, hidden());
  }

  @Override
  public List<INDArray> biases() {
    return b.subList(0, hidden());
  }

  @Override
  public String activation() {
    return activation.toString();
  }

  Activation nonlinearity() {
    return activation;
  }

  /** W_out, (n_K x classes). */
  public INDArray outputWeights() {
    return w.get(hidden());
  }

  /** b_out, (1 x classes). */
  public INDArray outputBias() {
    return b.get(hidden());
  }

  /** Every weight matrix, the output's last (training updates them in place). */
  List<INDArray> allWeights() {
    return w;
  }

  /** Every bias, the output's last. */
  List<INDArray> allBiases() {
    return b;
  }

  @Override
  public Forward forward(int from, INDArray activity) {
    int k = hidden();
    if (from < 1 || from > k + 1) throw new IllegalArgumentException("layers are 1.." + (k + 1) + ", not " + from);
    if (activity.rank() != 2 || activity.columns() != sizes[from - 1]) {
      throw new IllegalArgumentException("layer " + from + " has " + sizes[from - 1] + " neurons; got activity of shape " + Arrays.toString(activity.shape()));
    }
    var dt = w.get(0).dataType();
    long n = activity.rows();
    INDArray h = activity.dataType() == dt && activity.ordering() == 'c' && !activity.isView() ? activity : activity.castTo(dt).dup('c');
    List<INDArray> out = new ArrayList<>(k + 2 - from);
    out.add(h);
    for (int i = from - 1; i <= k; i++) {
      INDArray next = n == 0 ? Nd4j.create(dt, 0, w.get(i).columns()) : Nd4j.createUninitialized(dt, n, w.get(i).columns());
      if (n > 0) {
        Gemm.gemm(h, w.get(i), next, false, false, 1.0, 0.0);
        if (i < k) Nonlinearity.biasActivate(activation, next, b.get(i));
        else Nonlinearity.biasSoftmax(next, b.get(i), new double[next.columns()]);
      }
      if (i < k) out.add(next);
      else return new Forward(out, next);
      h = next;
    }
    throw new AssertionError();
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(FORMAT);
    out.writeInt(sizes.length);
    for (int s : sizes) out.writeInt(s);
    out.writeInt(classes());
    out.writeUTF(activation.toString());
    for (int i = 0; i < w.size(); i++) {
      Nd4j.write(w.get(i), out);
      Nd4j.write(b.get(i), out);
    }
  }

  /** Reads what {@link #write} wrote. */
  public static Mlp read(DataInputStream in) throws IOException {
    int format = in.readInt();
    if (format != FORMAT) throw new IOException("not an mlp model of format " + FORMAT + " (format " + format + ")");
    int n = in.readInt();
    if (n < 2 || n > 1_000) throw new IOException("corrupt mlp model: " + n + " layers");
    int[] sizes = new int[n];
    for (int i = 0; i < n; i++) sizes[i] = in.readInt();
    int classes = in.readInt();
    String act = in.readUTF();
    Activation activation;
    try {
      activation = Activation.valueOf(act.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt mlp model: activation '" + act + "'");
    }
    List<INDArray> w = new ArrayList<>(n);
    List<INDArray> b = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      w.add(Nd4j.read(in));
      b.add(Nd4j.read(in));
    }
    try {
      Mlp m = new Mlp(sizes, activation, w, b);
      if (m.classes() != classes) throw new IOException("corrupt mlp model: " + classes + " classes stored, output layer has " + m.classes());
      return m;
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt mlp model: " + e.getMessage(), e);
    }
  }
}
