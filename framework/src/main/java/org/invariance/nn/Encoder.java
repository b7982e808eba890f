package org.invariance.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A frozen stack of sigmoid layers, h_i = sigmoid(h_{i-1} W_i + b_i). Layer 1 in the study's
 * numbering is the input; encoder layer i is study layer i+1.
 *
 * @param weights W_i, (n_{i-1} x n_i)
 * @param biases b_i, (1 x n_i)
 */
public record Encoder(List<INDArray> weights, List<INDArray> biases) implements Model {
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

  /** Every layer's activity for a batch, input included: [x, h_1, ..., h_L]. */
  public List<INDArray> layers(INDArray x) {
    List<INDArray> out = new ArrayList<>(weights.size() + 1);
    out.add(x);
    INDArray h = x.dataType() == weights.get(0).dataType() && x.ordering() == 'c' && !x.isView() ? x : x.castTo(weights.get(0).dataType()).dup('c');
    out.set(0, h);
    for (int i = 0; i < weights.size(); i++) {
      INDArray next = Nd4j.createUninitialized(h.dataType(), h.rows(), weights.get(i).columns());
      Gemm.gemm(h, weights.get(i), next, false, false, 1.0, 0.0);
      Fused.biasSigmoid(next, biases.get(i));
      out.add(next);
      h = next;
    }
    return out;
  }

  /** The top layer's activity. */
  public INDArray encode(INDArray x) {
    List<INDArray> l = layers(x);
    return l.get(l.size() - 1);
  }
}
