package org.invariance.plugins.frozenhead;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The trained softmax layer on top of a frozen upstream model's top layer.
 *
 * @param weights (features x classes)
 * @param bias (1 x classes)
 */
public record SoftmaxHead(INDArray weights, INDArray bias) {
  public int classes() {
    return (int) weights.columns();
  }

  /** Class probabilities for a batch of top-layer features. */
  public INDArray probabilities(INDArray features) {
    INDArray z = features.mmul(weights);
    z.addiRowVector(bias);
    return Transforms.softmax(z, false);
  }
}
