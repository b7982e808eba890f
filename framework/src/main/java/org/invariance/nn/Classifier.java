package org.invariance.nn;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The study's MLP in one piece: a frozen sigmoid encoder and a softmax head on its top layer. */
public record Classifier(Encoder encoder, SoftmaxHead head) implements Model {
  public INDArray probabilities(INDArray x) {
    return head.probabilities(encoder.encode(x));
  }

  @Override public List<String> layerNames() { return encoder.layerNames(); }
  @Override public int[] layerSizes() { return encoder.layerSizes(); }
  @Override public int classes() { return head.classes(); }

  @Override
  public Forward forward(int from, INDArray activity) {
    List<INDArray> layers = encoder.layers(from, activity);
    return new Forward(layers, head.probabilities(layers.get(layers.size() - 1)));
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    encoder.write(out);
    Nd4j.write(head.weights(), out);
    Nd4j.write(head.bias(), out);
  }
}
