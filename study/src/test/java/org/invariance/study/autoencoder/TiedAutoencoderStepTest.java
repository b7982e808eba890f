package org.invariance.study.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TiedAutoencoderStepTest {
  static final int[] SIZES = {7, 5, 3};
  static final int BATCH = 4;

  static TiedAutoencoderStep step(TiedAutoencoder ae, long seed) {
    TiedAutoencoderStep s = new TiedAutoencoderStep(ae, BATCH, 0.9, 0.004);
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < BATCH; i++) {
      for (int j = 0; j < SIZES[0]; j++) {
        s.input().putScalar(i, j, r.nextDouble());
        s.target().putScalar(i, j, r.nextDouble() < 0.5 ? r.nextDouble() : 0.0);
      }
    }
    return s;
  }

  static double loss(TiedAutoencoderStep s) {
    s.forward();
    return s.loss();
  }

  /** A small double-precision autoencoder with non-zero biases, so their gradients are exercised away from the symmetric start. */
  static TiedAutoencoder withBiases() {
    TiedAutoencoder ae = TiedAutoencoder.init(SIZES, 3, DataType.DOUBLE);
    SplittableRandom r = new SplittableRandom(17);
    for (int i = 0; i < ae.layers(); i++) {
      for (long k = 0; k < ae.encoderBias(i).length(); k++) ae.encoderBias(i).putScalar(k, r.nextDouble() - 0.5);
      for (long k = 0; k < ae.decoderBias(i).length(); k++) ae.decoderBias(i).putScalar(k, r.nextDouble() - 0.5);
    }
    return ae;
  }

  /** Every analytic gradient against a central finite difference of the loss, in double precision. */
  @Test
  void gradientsMatchFiniteDifferences() {
    TiedAutoencoder ae = withBiases();
    TiedAutoencoderStep s = step(ae, 5);
    s.forward();
    s.backward();
    for (int i = 0; i < ae.layers(); i++) {
      check(s, ae.weight(i), s.weightGradient(i).dup(), "W" + (i + 1));
      check(s, ae.encoderBias(i), s.encoderBiasGradient(i).dup(), "b" + (i + 1));
      check(s, ae.decoderBias(i), s.decoderBiasGradient(i).dup(), "c" + (i + 1));
    }
  }

  private static void check(TiedAutoencoderStep s, INDArray param, INDArray analytic, String name) {
    double eps = 1e-5;
    for (long k = 0; k < param.length(); k++) {
      double orig = param.getDouble(k);
      param.putScalar(k, orig + eps);
      double up = loss(s);
      param.putScalar(k, orig - eps);
      double down = loss(s);
      param.putScalar(k, orig);
      double numeric = (up - down) / (2 * eps);
      double a = analytic.getDouble(k);
      // relative to the gradient's size, floored at 1e-3 where rounding in the loss dominates tiny gradients
      double err = Math.abs(numeric - a) / Math.max(1e-3, Math.abs(numeric) + Math.abs(a));
      assertTrue(err < 1e-5, name + "[" + k + "]: analytic " + a + " numeric " + numeric);
    }
  }

  @Test
  void updateIsMomentumSgdWithWeightDecayOnWeightsOnly() {
    TiedAutoencoder ae = TiedAutoencoder.init(SIZES, 3, DataType.DOUBLE);
    TiedAutoencoderStep s = step(ae, 5);
    double lr = 0.1;
    s.forward();
    s.backward();
    INDArray w0 = ae.weight(0).dup();
    INDArray g0 = s.weightGradient(0).dup();
    INDArray b0 = ae.encoderBias(0).dup();
    INDArray gb0 = s.encoderBiasGradient(0).dup();
    s.update(lr);
    // first step, zero velocity: v = -lr (g + 0.004 W), W' = W + v
    INDArray expectedW = w0.sub(g0.add(w0.mul(0.004)).mul(lr));
    assertEquals(0, expectedW.sub(ae.weight(0)).norm2Number().doubleValue(), 1e-12);
    assertEquals(0, b0.sub(gb0.mul(lr)).sub(ae.encoderBias(0)).norm2Number().doubleValue(), 1e-12, "no decay on biases");
    // second step: v2 = 0.9 v1 - lr (g2 + 0.004 W1)
    INDArray v1 = ae.weight(0).sub(w0);
    INDArray w1 = ae.weight(0).dup();
    s.forward();
    s.backward();
    INDArray g1 = s.weightGradient(0).dup();
    s.update(lr);
    INDArray expectedW2 = w1.add(v1.mul(0.9).sub(g1.add(w1.mul(0.004)).mul(lr)));
    assertEquals(0, expectedW2.sub(ae.weight(0)).norm2Number().doubleValue(), 1e-12);
  }

  @Test
  void trainingReducesReconstructionLoss() {
    TiedAutoencoder ae = TiedAutoencoder.init(new int[] {16, 8, 4}, 1, DataType.FLOAT);
    TiedAutoencoderStep s = new TiedAutoencoderStep(ae, 32, 0.9, 0.0);
    // two prototypes plus noise: learnable through a 4-unit bottleneck
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 32; i++) {
      for (int j = 0; j < 16; j++) {
        double v = ((i % 2 == 0) == (j < 8) ? 0.9 : 0.1) + 0.05 * (r.nextDouble() - 0.5);
        s.input().putScalar(i, j, v);
        s.target().putScalar(i, j, v);
      }
    }
    double first = loss(s);
    for (int it = 0; it < 300; it++) s.step(0.05);
    double last = loss(s);
    assertTrue(last < 0.8 * first, "loss " + first + " -> " + last);
  }

  @Test
  void sameSeedSameWeightsDifferentSeedDifferent() {
    INDArray a = TiedAutoencoder.init(new int[] {10, 4}, 42, DataType.FLOAT).weight(0);
    INDArray b = TiedAutoencoder.init(new int[] {10, 4}, 42, DataType.FLOAT).weight(0);
    INDArray c = TiedAutoencoder.init(new int[] {10, 4}, 43, DataType.FLOAT).weight(0);
    assertEquals(a, b);
    assertTrue(!a.equals(c));
    double r = 4 * Math.sqrt(6.0 / 14);
    assertTrue(a.maxNumber().doubleValue() <= r && a.minNumber().doubleValue() >= -r, "Glorot range for sigmoid");
  }

  /** Bias decay on: the biases take the same decay term as the weights, v = -lr (g + 0.004 b) on the first step. */
  @Test
  void biasDecayDecaysEncoderAndDecoderBiases() {
    TiedAutoencoder ae = withBiases();
    TiedAutoencoderStep s = new TiedAutoencoderStep(ae, BATCH, 0.9, 0.004, true);
    SplittableRandom in = new SplittableRandom(5);
    for (int i = 0; i < BATCH; i++) {
      for (int j = 0; j < SIZES[0]; j++) {
        s.input().putScalar(i, j, in.nextDouble());
        s.target().putScalar(i, j, in.nextDouble());
      }
    }
    double lr = 0.1;
    s.forward();
    s.backward();
    INDArray w0 = ae.weight(0).dup();
    INDArray g0 = s.weightGradient(0).dup();
    INDArray b1 = ae.encoderBias(1).dup();
    INDArray gb1 = s.encoderBiasGradient(1).dup();
    INDArray c0 = ae.decoderBias(0).dup();
    INDArray gc0 = s.decoderBiasGradient(0).dup();
    s.update(lr);
    assertEquals(0, w0.sub(g0.add(w0.mul(0.004)).mul(lr)).sub(ae.weight(0)).norm2Number().doubleValue(), 1e-12, "weights as without bias decay");
    assertEquals(0, b1.sub(gb1.add(b1.mul(0.004)).mul(lr)).sub(ae.encoderBias(1)).norm2Number().doubleValue(), 1e-12, "encoder bias decayed");
    assertEquals(0, c0.sub(gc0.add(c0.mul(0.004)).mul(lr)).sub(ae.decoderBias(0)).norm2Number().doubleValue(), 1e-12, "decoder bias decayed");
  }

  /** Each scheme draws the same uniform numbers, scaled to its range: Glorot x4 is the default, plain Glorot a quarter of it, He sqrt(6 / fan_in). */
  @Test
  void initSchemesScaleTheSameDraws() {
    int[] sizes = {10, 4};
    INDArray dflt = TiedAutoencoder.init(sizes, 42, DataType.DOUBLE).weight(0);
    INDArray sig = TiedAutoencoder.init(sizes, 42, DataType.DOUBLE, TiedAutoencoder.Init.GLOROT_SIGMOID).weight(0);
    INDArray glorot = TiedAutoencoder.init(sizes, 42, DataType.DOUBLE, TiedAutoencoder.Init.GLOROT).weight(0);
    INDArray he = TiedAutoencoder.init(sizes, 42, DataType.DOUBLE, TiedAutoencoder.Init.HE).weight(0);
    assertEquals(dflt, sig, "the default is Glorot x4");
    double rg = Math.sqrt(6.0 / 14);
    double rh = Math.sqrt(6.0 / 10);
    SplittableRandom rng = new SplittableRandom(42);
    for (long k = 0; k < glorot.length(); k++) {
      double u = rng.nextDouble() * 2 - 1;
      assertEquals(u * rg, glorot.getDouble(k), 1e-15);
      assertEquals(u * 4 * rg, sig.getDouble(k), 1e-15);
      assertEquals(u * rh, he.getDouble(k), 1e-15);
    }
  }
}
