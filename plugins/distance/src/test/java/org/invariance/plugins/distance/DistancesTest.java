package org.invariance.plugins.distance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class DistancesTest {
  @Test
  void distancesByHand() {
    var a = Nd4j.create(new float[] {0, 0, 1, 1, 0.5f, 0.5f}, new long[] {2, 3}, 'c');
    var b = Nd4j.create(new float[] {3, 4, 1, 1, 0.5f, 0.5f}, new long[] {2, 3}, 'c');
    assertArrayEquals(new double[] {5, 0}, Distances.perSample(a, b), 1e-6);
  }
}
