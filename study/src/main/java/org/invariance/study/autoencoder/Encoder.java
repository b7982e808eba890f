package org.invariance.study.autoencoder;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.invariance.model.Activations;
import org.invariance.model.DenseLayers;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.invariance.nn.Fused;
import org.invariance.nn.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A frozen stack of sigmoid layers, h_i = sigmoid(h_{i-1} W_i + b_i): the study's encoder. As a
 * {@link Model} its layers are the input ("input", layer 1 in the study's numbering) and h1..hL; it
 * does not classify.
 *
 * @param weights W_i, (n_{i-1} x n_i)
 * @param biases b_i, (1 x n_i)
 */
public record Encoder(List<INDArray> weights, List<INDArray> biases) implements Model, DenseLayers {
  public Encoder {
    if (weights.size() != biases.size() || weights.isEmpty()) throw new IllegalArgumentException("one bias per weight matrix, at least one layer");
    weights = List.copyOf(weights);
    biases = List.copyOf(biases);
  }

  /** Layer sizes, input first: [784, 512, 256, 128]. */
  public int[] sizes() {
    int[] s = new int[weights.size() + 1];
    s[0] = (int) weights.get(0).rows();
    for (int i = 0; i < weights.size(); i++) s[i + 1] = (int) weights.get(i).columns();
    return s;
  }

  @Override
  public List<String> layerNames() {
    List<String> names = new ArrayList<>();
    names.add("input");
    for (int i = 1; i <= weights.size(); i++) names.add("h" + i);
    return names;
  }

  @Override
  public int[] layerSizes() {
    return sizes();
  }

  @Override
  public int classes() {
    return 0;
  }

  @Override
  public String activation() {
    return "sigmoid";
  }

  @Override
  public Forward forward(int from, INDArray activity) {
    return new Forward(layers(from, activity), null);
  }

  /** Every layer's activity for a batch, input included: [x, h_1, ..., h_L]. */
  public List<INDArray> layers(INDArray x) {
    return layers(1, x);
  }

  /** The activity of layers {@code from}..L+1 (study numbering, 1 = input), given layer {@code from}'s. */
  public List<INDArray> layers(int from, INDArray x) {
    if (from < 1 || from > weights.size() + 1) throw new IllegalArgumentException("layers are 1.." + (weights.size() + 1) + ", not " + from);
    List<INDArray> out = new ArrayList<>(weights.size() + 2 - from);
    INDArray h = x.dataType() == weights.get(0).dataType() && x.ordering() == 'c' && !x.isView() ? x : x.castTo(weights.get(0).dataType()).dup('c');
    out.add(h);
    for (int i = from - 1; i < weights.size(); i++) {
      INDArray next = Nd4j.createUninitialized(h.dataType(), h.rows(), weights.get(i).columns());
      Gemm.gemm(h, weights.get(i), next, false, false, 1.0, 0.0);
      Fused.biasSigmoid(next, biases.get(i));
      out.add(next);
      h = next;
    }
    return out;
  }

  /** The top layer's activity; the layers below it are freed at once. */
  public INDArray encode(INDArray x) {
    List<INDArray> l = layers(x);
    for (int i = 1; i < l.size() - 1; i++) Activations.free(l.get(i));
    if (l.get(0) != x) Activations.free(l.get(0));
    return l.get(l.size() - 1);
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(weights.size());
    for (int i = 0; i < weights.size(); i++) {
      Nd4j.write(weights.get(i), out);
      Nd4j.write(biases.get(i), out);
    }
  }

  /** Reads what {@link #write} wrote. */
  public static Encoder read(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<INDArray> w = new ArrayList<>();
    List<INDArray> b = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      w.add(Nd4j.read(in));
      b.add(Nd4j.read(in));
    }
    return new Encoder(w, b);
  }
}
