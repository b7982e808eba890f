package org.invariance.plugins.frozenhead;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A softmax head on a frozen upstream model: the upstream's layers, and class probabilities from its
 * top layer. Stored as the head's weights only; the upstream is stored on its own.
 */
record FrozenHead(Model upstream, SoftmaxHead head) implements Model {
  @Override public List<String> layerNames() { return upstream.layerNames(); }
  @Override public int[] layerSizes() { return upstream.layerSizes(); }
  @Override public int classes() { return head.classes(); }

  @Override
  public Forward forward(int from, INDArray activity) {
    Forward f = upstream.forward(from, activity);
    return new Forward(f.layers(), head.probabilities(f.top()));
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    Nd4j.write(head.weights(), out);
    Nd4j.write(head.bias(), out);
  }
}
