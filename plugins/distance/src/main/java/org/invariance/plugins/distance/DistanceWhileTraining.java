package org.invariance.plugins.distance;

import org.invariance.plugin.TrainingProbe;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code watch: {probes: [distance]}}: Figure 5b's normalised distance as training goes on: the
 * mean over the watch's sample of the Euclidean distance between the activity an image and its
 * transformed copy cause in a layer, divided by sqrt(N^layer).
 */
final class DistanceWhileTraining implements TrainingProbe {
  @Override
  public String metric() {
    return "normalized_distance";
  }

  @Override
  public double measure(INDArray original, INDArray transformed) {
    double[] d = Distances.perSample(original, transformed);
    double sum = 0;
    for (double v : d) sum += v;
    return sum / d.length / Math.sqrt(original.columns());
  }
}
