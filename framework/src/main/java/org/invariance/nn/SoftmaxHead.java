package org.invariance.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The trained softmax layer on top of a frozen encoder.
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

  /** A copy whose outgoing weights from the given feature neurons are zero ("switched off"). */
  public SoftmaxHead withoutInputs(int[] neurons) {
    INDArray w = weights.dup();
    for (int n : neurons) w.getRow(n).assign(0);
    return new SoftmaxHead(w, bias.dup());
  }
}
