package org.invariance.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The study's MLP: a frozen encoder and a trained softmax head on its top layer. */
public record Classifier(Encoder encoder, SoftmaxHead head) implements Model {
  public INDArray probabilities(INDArray x) {
    return head.probabilities(encoder.encode(x));
  }

  /** The most probable class of each row. */
  public static int[] argmax(INDArray probabilities) {
    return probabilities.argMax(1).toIntVector();
  }

  /** Fraction of rows whose most probable class is the label. */
  public static double accuracy(int[] predicted, int[] labels) {
    if (labels.length == 0) return Double.NaN;
    int ok = 0;
    for (int i = 0; i < labels.length; i++) if (predicted[i] == labels[i]) ok++;
    return (double) ok / labels.length;
  }
}
