package org.invariance.plugins.mlp;

import org.invariance.plugins.mlp.MlpConfig.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The hidden layers' element-wise work as in-place ND4J ops on preallocated arrays (any floating
 * type, so the gradient check runs the same code in double precision).
 */
final class Nonlinearity {
  private Nonlinearity() {}

  /** z = f(z) in place. */
  static void activate(Activation f, INDArray z) {
    switch (f) {
      case RELU -> Nd4j.getExecutioner().exec(new RectifiedLinear(z, z, 0.0));
      case TANH -> Transforms.tanh(z, false);
      case SIGMOID -> Transforms.sigmoid(z, false);
    }
  }

  /**
   * delta *= f'(pre-activation), written through the layer's output h = f(pre-activation):
   * relu: [h > 0]; tanh: 1 - h^2; sigmoid: h (1 - h). {@code scratch} has delta's shape.
   */
  static void backward(Activation f, INDArray delta, INDArray h, INDArray scratch) {
    switch (f) {
      case RELU -> Nd4j.getExecutioner().exec(new Step(h, scratch, 0.0));
      case TANH -> {
        h.mul(h, scratch);
        scratch.rsubi(1.0);
      }
      case SIGMOID -> {
        h.rsub(1.0, scratch);
        scratch.muli(h);
      }
    }
    delta.muli(scratch);
  }

  /** Row-wise softmax in place. */
  static void softmax(INDArray z) {
    Transforms.softmax(z, false);
  }
}
