package org.invariance.plugins.cka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.Test;

class CkaWhileTrainingTest {
  static INDArray m(float[][] rows) {
    return Nd4j.create(rows);
  }

  /**
   * One neuron over three images, x = (1, 2, 3) and y = (1, 3, 2): centred x = (-1, 0, 1) and
   * y = (-1, 1, 0), so <K, L> = (x.y)^2 = 1 and ||K|| = x.x = 2, ||L|| = 2: CKA = 1/4.
   */
  @Test
  void byHandOnOneNeuron() {
    double cka = new CkaWhileTraining().measure(m(new float[][] {{1}, {2}, {3}}), m(new float[][] {{1}, {3}, {2}}));
    assertEquals(0.25, cka, 1e-6);
  }

  /** Linear CKA does not see a rotation, a uniform scale or a shift of the feature space. */
  @Test
  void oneForTheSameRepresentationRotatedScaledAndShifted() {
    INDArray x = m(new float[][] {{1, 0}, {0, 2}, {3, 1}, {2, 2}});
    double c = Math.cos(0.7);
    double s = Math.sin(0.7);
    INDArray rot = m(new float[][] {{(float) c, (float) -s}, {(float) s, (float) c}});
    INDArray y = x.mmul(rot).mul(3).add(5);
    assertEquals(1.0, new CkaWhileTraining().measure(x, y), 1e-5);
    assertEquals("cka", new CkaWhileTraining().metric());
  }

  @Test
  void undefinedForALayerThatDoesNotVary() {
    assertTrue(Double.isNaN(new CkaWhileTraining().measure(m(new float[][] {{1, 1}, {1, 1}, {1, 1}}), m(new float[][] {{1, 0}, {0, 1}, {1, 1}}))));
  }
}
