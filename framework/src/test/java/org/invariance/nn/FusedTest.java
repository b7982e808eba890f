package org.invariance.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fused float passes against the same arithmetic written as plain ND4J ops (odd sizes exercise the scalar tails). */
class FusedTest {
  static INDArray rand(long r, long c, long seed) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.FLOAT, r, c).subi(0.5).muli(8);
  }

  @Test
  void biasSigmoidMatchesSigmoidOfSum() {
    INDArray z = rand(37, 29, 1);
    INDArray b = rand(1, 29, 2);
    INDArray expected = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(z.addRowVector(b), true);
    Fused.biasSigmoid(z, b);
    assertEquals(0, expected.sub(z).amaxNumber().doubleValue(), 2e-7);
  }

  @Test
  void sigmoidGradMultipliesByTheDerivative() {
    INDArray d = rand(13, 31, 3);
    INDArray a = org.nd4j.linalg.ops.transforms.Transforms.sigmoid(rand(13, 31, 4), true);
    INDArray expected = d.mul(a).mul(a.rsub(1.0));
    Fused.sigmoidGrad(d, a);
    assertEquals(0, expected.sub(d).amaxNumber().doubleValue(), 1e-6);
  }

  @Test
  void momentumStepWithDecay() {
    INDArray p = rand(11, 7, 5);
    INDArray g = rand(11, 7, 6);
    INDArray v = rand(11, 7, 7);
    INDArray v2 = v.mul(0.9).sub(g.add(p.mul(0.004)).mul(0.01));
    INDArray p2 = p.add(v2);
    Fused.momentumStep(p, g, v, 0.01, 0.9, 0.004);
    assertEquals(0, v2.sub(v).amaxNumber().doubleValue(), 1e-6);
    assertEquals(0, p2.sub(p).amaxNumber().doubleValue(), 1e-6);
  }
}
