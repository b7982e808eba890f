package org.invariance.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

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
    INDArray expected = Transforms.sigmoid(z.addRowVector(b), true);
    Fused.biasSigmoid(z, b);
    assertEquals(0, expected.sub(z).amaxNumber().doubleValue(), 2e-7);
  }

  @Test
  void expIsAccurateAndTheSameInVectorAndScalarForm() {
    float[] xs = new float[4096];
    for (int i = 0; i < xs.length; i++) xs[i] = -100f + 200f * i / xs.length;
    var species = FloatVector.SPECIES_PREFERRED;
    for (int i = 0; i + species.length() <= xs.length; i += species.length()) {
      float[] out = new float[species.length()];
      Fused.exp(FloatVector.fromArray(species, xs, i)).intoArray(out, 0);
      for (int k = 0; k < out.length; k++) {
        float x = xs[i + k];
        assertEquals(Float.floatToIntBits(Fused.exp(x)), Float.floatToIntBits(out[k]), "lane and scalar agree at " + x);
        double want = Math.exp(Math.max(Math.min(x, 88.0f), -87.3365478515625f));
        assertEquals(0, (out[k] - want) / want, 3e-7, "exp(" + x + ")");
      }
    }
  }

  /**
   * The fused sigmoid gives the same bits before and after the JIT compiles it (the Vector API's own
   * EXP did not: Java's exp while interpreted, SVML once compiled), so training does not depend on
   * when compilation happens.
   */
  @Test
  void sigmoidIsTheSameBeforeAndAfterCompilation() {
    INDArray z = rand(64, 33, 8);
    INDArray b = rand(1, 33, 9);
    INDArray first = z.dup();
    Fused.biasSigmoid(first, b);
    INDArray scratch = z.dup();
    for (int i = 0; i < 20_000; i++) Fused.biasSigmoid(scratch.assign(z), b);
    INDArray later = z.dup();
    Fused.biasSigmoid(later, b);
    assertEquals(first, later);
  }

  @Test
  void sigmoidGradMultipliesByTheDerivative() {
    INDArray d = rand(13, 31, 3);
    INDArray a = Transforms.sigmoid(rand(13, 31, 4), true);
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
