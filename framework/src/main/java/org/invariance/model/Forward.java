package org.invariance.model;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward pass: the activity of each layer it went through (n x neurons each, the starting
 * layer first) and, for a classifier, the class probabilities (n x classes; null otherwise).
 */
public record Forward(List<INDArray> layers, INDArray probabilities) {
  public INDArray top() {
    return layers.get(layers.size() - 1);
  }
}
