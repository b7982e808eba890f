package org.invariance.plugins.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

class DistanceWhileTrainingTest {
  /**
   * Two images in a 2-neuron layer: the first moves from (0, 0) to (3, 4), a distance of 5, the
   * second stays: the mean distance is 2.5, over sqrt(2) neurons.
   */
  @Test
  void meanDistanceOverTheSampleDividedBySqrtOfTheLayersSize() {
    double d = new DistanceWhileTraining().measure(Nd4j.create(new float[][] {{0, 0}, {1, 1}}), Nd4j.create(new float[][] {{3, 4}, {1, 1}}));
    assertEquals(2.5 / Math.sqrt(2), d, 1e-9);
    assertEquals("normalized_distance", new DistanceWhileTraining().metric());
  }

  @Test
  void zeroWhenTheTransformChangesNothingInTheLayer() {
    assertEquals(0.0, new DistanceWhileTraining().measure(Nd4j.create(new float[][] {{0.2f, 0.7f}}), Nd4j.create(new float[][] {{0.2f, 0.7f}})));
  }
}
