package org.invariance.analysis;

import java.util.ArrayList;
import java.util.List;
import org.invariance.data.DatasetSpec;
import org.invariance.nn.Activations;
import org.invariance.nn.Classifier;
import org.invariance.nn.SoftmaxHead;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Section 5 of the study: switching neurons off (their weights to the softmax layer set to 0) and
 * the types found on one digit's subsets, shared by the ablation and dropout probes.
 */
public final class Ablation {
  private Ablation() {}

  /** Predictions of the head with the given top-layer neurons switched off. */
  public static int[] predictWithout(SoftmaxHead head, INDArray top, int[] neurons) {
    return Classifier.argmax((neurons.length == 0 ? head : head.withoutInputs(neurons)).probabilities(top));
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
   * Neuron types of a layer found, as in section 5, on the subsets of one digit of the given
   * datasets (their activations).
   */
  public static NeuronTypes.Result typesOnDigit(List<Activations> datasets, int digit, int layer, double fraction) {
    List<Activations> sub = new ArrayList<>();
    for (Activations a : datasets) sub.add(a.digitSubset(digit));
    double[][] t = TopFraction.table(sub, layer, fraction);
    return NeuronTypes.classify(t);
  }

  /** The study's D as dataset specs. */
  public static List<DatasetSpec> specs(List<String> names) {
    return names.stream().map(DatasetSpec::parse).toList();
  }
}
