package org.invariance.study.analysis;

import java.util.ArrayList;
import java.util.List;
import org.invariance.data.DatasetSpec;
import org.invariance.model.Activations;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Section 5 of the study: switching neurons off and the types found on one class's subsets, shared
 * by the ablation and dropout probes. A neuron is switched off by setting its activity to 0 and
 * running the model on from that layer; in the layer below a softmax head that is the study's
 * "weights to the softmax layer set to 0", and it applies to any layer of any model.
 */
public final class Ablation {
  private Ablation() {}

  /**
   * Predictions of {@code model} on the images of {@code a} with the given neurons of {@code layer}
   * switched off ({@link Model#forwardWithout}: inside the model, whatever bypasses the layer).
   */
  public static int[] predictWithout(Model model, Activations a, int layer, int[] neurons) {
    if (model.classes() == 0) throw new IllegalArgumentException("a model that does not classify has no accuracy to ablate");
    Forward f = model.forwardWithout(a.layer(1), layer, a.layer(layer), neurons);
    int[] predicted = Activations.argmax(f.probabilities());
    for (INDArray l : f.layers()) Activations.free(l);
    Activations.free(f.probabilities());
    return predicted;
  }

  /** Accuracy over the rows whose label is {@code digit} (all rows for null). */
  public static double accuracy(int[] predicted, int[] labels, Integer digit) {
    int n = 0;
    int ok = 0;
    for (int i = 0; i < labels.length; i++) {
      if (digit != null && labels[i] != digit) continue;
      n++;
      if (predicted[i] == labels[i]) ok++;
    }
    return n == 0 ? Double.NaN : (double) ok / n;
  }

  /** The study's relative change (a_w - a_w') / a_w; NaN where the intact accuracy is 0. */
  public static double relativeChange(double intact, double ablated) {
    return intact == 0 ? Double.NaN : (intact - ablated) / intact;
  }

  /**
   * Neuron types of a layer found, as in section 5, on the subsets of one class of the given
   * datasets (their activations): Algorithm 1 on the layer's p10 over those subsets, p10 being
   * {@link TopFraction#p}'s, where neurons tied at the cut share its places equally.
   */
  public static NeuronTypes.Result typesOnClass(List<Activations> datasets, int c, int layer, double fraction) {
    List<Activations> sub = new ArrayList<>();
    for (Activations a : datasets) sub.add(a.classSubset(c));
    double[][] t = TopFraction.table(sub, layer, fraction);
    sub.forEach(Activations::close);
    return NeuronTypes.classify(t);
  }

  /** The study's D as dataset specs. */
  public static List<DatasetSpec> specs(List<String> names) {
    return names.stream().map(DatasetSpec::parse).toList();
  }
}
