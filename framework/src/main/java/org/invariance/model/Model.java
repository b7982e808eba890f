package org.invariance.model;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What probes know of a trained model, whatever built it: a forward pass that yields the activity
 * of its named layers for a batch, the number of classes it tells apart, and its weights to store.
 * Layers are numbered from 1, the input (the study's numbering), up to the last hidden layer; a
 * classifier's output probabilities come beside them, not as a layer.
 */
public interface Model {
  /** The layers probes can see, input first, e.g. [input, h1, h2, h3]. */
  List<String> layerNames();

  /** The number of neurons of each layer of {@link #layerNames()}. */
  int[] layerSizes();

  /** How many classes it tells apart; 0 for a model that only encodes (an autoencoder's encoder). */
  int classes();

  /**
   * The forward pass from the activity of layer {@code from} (1 = the input) upward: every layer
   * from {@code from} to the top, and the class probabilities when the model classifies. Starting
   * above the input is how neurons are switched off (ablation, dropout) in any layer.
   */
  Forward forward(int from, INDArray activity);

  /** The forward pass of a batch of inputs (n x pixels). */
  default Forward forward(INDArray input) {
    return forward(1, input);
  }

  /**
   * The forward pass with some neurons of layer {@code layer} switched off (their activity 0), which
   * is how ablation and dropout act inside any model. {@code input} is the activity of layer 1 (the
   * input) and {@code activity} that of {@code layer}, both as computed without the mask; neither is
   * changed. Returns every layer from {@code layer} (masked) to the top and the class
   * probabilities, all of them new arrays the caller frees.
   *
   * <p>By default the model runs on from the masked activity ({@link #forward(int, INDArray)}), which
   * is the whole computation for a chain of layers. A model where other paths bypass a layer (a skip
   * connection) overrides it to apply the mask inside its computation, from the input.
   */
  default Forward forwardWithout(INDArray input, int layer, INDArray activity, int[] neurons) {
    INDArray masked = activity.dup('c');
    for (int n : neurons) masked.getColumn(n).assign(0);
    Forward f = forward(layer, masked);
    if (f.layers().get(0) == masked) return f;
    Activations.free(masked);
    return f;
  }

  /** The number of layers probes can see. */
  default int layers() {
    return layerNames().size();
  }

  /** Writes what the model's plugin needs to read it back ({@code ModelPlugin.read}); an upstream model is stored on its own. */
  void write(DataOutputStream out) throws IOException;
}
