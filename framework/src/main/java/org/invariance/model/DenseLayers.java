package org.invariance.model;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model made of fully connected layers h_i = f(h_{i-1} W_i + b_i), exposing its weights so that
 * another stage can start from them (a classifier fine-tuned from a pretrained encoder).
 *
 * <p>The arrays are the model's own, lent to read: a stage built on this one copies what it changes
 * ({@code dup()}). The run fingerprints them before a downstream stage trains and fails, naming that
 * stage's plugin, when they changed, since the upstream's probes and stored file would disagree.
 */
public interface DenseLayers {
  /** W_i, (n_{i-1} x n_i), input side first. */
  List<INDArray> weights();

  /** b_i, (1 x n_i). */
  List<INDArray> biases();

  /** The activation f of the hidden layers: sigmoid, relu or tanh. */
  String activation();
}
