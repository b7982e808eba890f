package org.invariance.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.invariance.model.DenseLayers;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.invariance.nn.Fused;
import org.invariance.nn.Gemm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A small hand-built network for tests: sigmoid layers h_i = sigmoid(h_{i-1} W_i + b_i) above the
 * input (layer 1, "input"; then h1..hL) and, when it classifies, a softmax head on the top layer.
 * Any {@link Model} and {@link DenseLayers} a test needs without a model plugin.
 *
 * @param weights W_i, (n_{i-1} x n_i)
 * @param biases b_i, (1 x n_i)
 * @param headWeights the softmax head's weights (top layer x classes), or null when it only encodes
 * @param headBias the head's bias (1 x classes), or null
 */
public record TinyNet(List<INDArray> weights, List<INDArray> biases, INDArray headWeights, INDArray headBias) implements Model, DenseLayers {
  public TinyNet {
    if (weights.size() != biases.size() || weights.isEmpty()) throw new IllegalArgumentException("one bias per weight matrix, at least one layer");
    if ((headWeights == null) != (headBias == null)) throw new IllegalArgumentException("a head has weights and a bias");
    weights = List.copyOf(weights);
    biases = List.copyOf(biases);
  }

  /** Sigmoid layers that do not classify. */
  public static TinyNet encoder(List<INDArray> weights, List<INDArray> biases) {
    return new TinyNet(weights, biases, null, null);
  }

  /** These layers with a softmax head on top. */
  public TinyNet withHead(INDArray weights, INDArray bias) {
    return new TinyNet(this.weights, biases, weights, bias);
  }

  /** These layers without the head. */
  public TinyNet encoder() {
    return encoder(weights, biases);
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
    int[] s = new int[weights.size() + 1];
    s[0] = (int) weights.get(0).rows();
    for (int i = 0; i < weights.size(); i++) s[i + 1] = (int) weights.get(i).columns();
    return s;
  }

  @Override
  public int classes() {
    return headWeights == null ? 0 : (int) headWeights.columns();
  }

  @Override
  public String activation() {
    return "sigmoid";
  }

  @Override
  public Forward forward(int from, INDArray activity) {
    if (from < 1 || from > weights.size() + 1) throw new IllegalArgumentException("layers are 1.." + (weights.size() + 1) + ", not " + from);
    List<INDArray> out = new ArrayList<>(weights.size() + 2 - from);
    INDArray h = activity.dataType() == weights.get(0).dataType() && activity.ordering() == 'c' && !activity.isView()
        ? activity : activity.castTo(weights.get(0).dataType()).dup('c');
    out.add(h);
    for (int i = from - 1; i < weights.size(); i++) {
      INDArray next = Nd4j.createUninitialized(h.dataType(), h.rows(), weights.get(i).columns());
      Gemm.gemm(h, weights.get(i), next, false, false, 1.0, 0.0);
      Fused.biasSigmoid(next, biases.get(i));
      out.add(next);
      h = next;
    }
    return new Forward(out, headWeights == null ? null : probabilities(h));
  }

  /** The head's class probabilities for a batch of top-layer activity. */
  public INDArray probabilities(INDArray top) {
    INDArray z = top.mmul(headWeights);
    z.addiRowVector(headBias);
    return Transforms.softmax(z, false);
  }

  /** The layers (their count, then each W and b), then the head's W and b when it classifies. */
  @Override
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(weights.size());
    for (int i = 0; i < weights.size(); i++) {
      Nd4j.write(weights.get(i), out);
      Nd4j.write(biases.get(i), out);
    }
    if (headWeights != null) {
      Nd4j.write(headWeights, out);
      Nd4j.write(headBias, out);
    }
  }

  /** Reads the layers {@link #write} wrote (not a head). */
  public static TinyNet read(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<INDArray> w = new ArrayList<>();
    List<INDArray> b = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      w.add(Nd4j.read(in));
      b.add(Nd4j.read(in));
    }
    return encoder(w, b);
  }
}
