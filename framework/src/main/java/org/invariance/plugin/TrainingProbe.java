package org.invariance.plugin;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A light probe that looks at a model while it trains (the experiment's {@code watch:} section).
 * Every few iterations the framework runs the model as it is then on a fixed sample of test images
 * and on their transformed copies, and hands each layer's two activity matrices here; the one
 * number returned is recorded per model, layer and amount in {@code training.csv} and the metrics.
 * It must be cheap (it runs on the training thread) and must not keep the arrays, which are reused.
 */
public interface TrainingProbe {
  /** The name of the number it returns, in {@code training.csv} and the metrics ({@code normalized_distance}). */
  String metric();

  /**
   * @param original n x N activity of one layer on the sample (n images, N neurons)
   * @param transformed the same layer's activity on the same images transformed; row i is image i
   */
  double measure(INDArray original, INDArray transformed);
}
