package org.invariance.study.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.invariance.study.analysis.NeuronTypes.Type;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class AnalysisTest {
  /**
   * 4 samples x 5 neurons; the top 40% is 2 places per sample. Neurons tied at the cut (the 2nd
   * largest activity) share the places left over equally.
   */
  @Test
  void p10OnATinyActivationMatrixByHand() {
    float[] a = {
        0.9f, 0.1f, 0.8f, 0.2f, 0.0f, // top: n0, n2
        0.1f, 0.7f, 0.6f, 0.2f, 0.3f, // top: n1, n2
        0.5f, 0.5f, 0.5f, 0.9f, 0.5f, // n3, then 1 place among the four at 0.5: 1/4 each to n0, n1, n2, n4
        0.0f, 0.0f, 0.0f, 0.0f, 0.0f, // all tied: 2 places among 5, 2/5 each
    };
    double[] p = TopFraction.p(Nd4j.create(a, new long[] {4, 5}, 'c'), 0.4);
    // n0: (1 + 0 + 1/4 + 2/5) / 4 = 1.65 / 4; n1 likewise; n2: (1 + 1 + 1/4 + 2/5) / 4 = 2.65 / 4;
    // n3: (0 + 0 + 1 + 2/5) / 4 = 1.4 / 4; n4: (0 + 0 + 1/4 + 2/5) / 4 = 0.65 / 4
    assertArrayEquals(new double[] {0.4125, 0.4125, 0.6625, 0.35, 0.1625}, p, 1e-12);
    assertEquals(p[0], p[1], 0, "n0 and n1: one whole place each and the same shares, bit for bit");
    double total = 0;
    for (double v : p) total += v;
    assertEquals(2.0, total, 1e-12, "k places per sample");
    assertEquals(78, TopFraction.count(784, 0.1));
    assertEquals(13, TopFraction.count(128, 0.1));
    assertEquals(1, TopFraction.count(3, 0.1), "at least one neuron");
  }

  @Test
  void negativeActivitiesRankCorrectly() {
    float[] a = {-1f, -0.5f, -2f, 0f};
    assertArrayEquals(new double[] {0, 1, 0, 1}, TopFraction.p(a, 1, 4, 0.5), 1e-12);
  }

  /**
   * Four neurons over two datasets. Means: 0.5, 0.3, 0.1, 0.5 (mu = 0.35); variances 0.16, 0.01,
   * 0.01, 0 (sigma = 0.045, 2 sigma = 0.09). n0 varies most: A; n3 is above the mean: B1; n1 and
   * n2 are below it: B2.
   */
  @Test
  void algorithmOneOnAHandBuiltTable() {
    double[][] p10 = {{0.9, 0.1}, {0.4, 0.2}, {0.2, 0.0}, {0.5, 0.5}};
    NeuronTypes.Result r = NeuronTypes.classify(p10);
    assertEquals(0.35, r.meanOfMeans(), 1e-12);
    assertEquals(0.045, r.meanOfVariances(), 1e-12);
    assertArrayEquals(new Type[] {Type.A, Type.B2, Type.B2, Type.B1}, r.types());
    assertArrayEquals(new int[] {0}, r.neurons(Type.A));
    assertEquals(1, r.count(Type.B1));
  }

  @Test
  void tiesFollowTheStrictComparisons() {
    // variances 0.04, 0, 0, 0 -> sigma 0.01, 2 sigma 0.02 < 0.04: n0 is A. Means 0.3, 0.3, 0.3, 0.5: mu = 0.35
    // n1 and n2 sit below mu (B2); n3 above (B1)
    NeuronTypes.Result r = NeuronTypes.classify(new double[][] {{0.5, 0.1}, {0.3, 0.3}, {0.3, 0.3}, {0.5, 0.5}});
    assertArrayEquals(new Type[] {Type.A, Type.B2, Type.B2, Type.B1}, r.types());
    // a neuron exactly at the mean of means is B2 (mu(n) > mu is strict)
    NeuronTypes.Result eq = NeuronTypes.classify(new double[][] {{0.2, 0.2}, {0.4, 0.4}, {0.3, 0.3}});
    assertEquals(0.3, eq.meanOfMeans(), 1e-12);
    assertEquals(Type.B2, eq.types()[2]);
  }

  @Test
  void aLayerWhereEveryNeuronVariesAlikeHasNoTypeA() {
    // every variance equals sigma, never more than 2 sigma
    NeuronTypes.Result r = NeuronTypes.classify(new double[][] {{0.1, 0.3}, {0.5, 0.7}, {0.2, 0.4}});
    assertEquals(0, r.count(Type.A));
    assertArrayEquals(new Type[] {Type.B2, Type.B1, Type.B2}, r.types());
  }

  @Test
  void pearsonByHand() {
    assertEquals(1.0, NeuronTypes.pearson(new double[] {1, 0, 1, 0}, new double[] {1, 0, 1, 0}), 1e-12);
    assertEquals(-1.0, NeuronTypes.pearson(new double[] {1, 0, 1, 0}, new double[] {0, 1, 0, 1}), 1e-12);
    // x = (1,1,0,0), y = (1,0,0,0): cov = 0.25 - 0.5*0.25 = 0.125; sx = 0.5, sy = sqrt(3)/4
    assertEquals(0.125 / (0.5 * Math.sqrt(3) / 4), NeuronTypes.pearson(new double[] {1, 1, 0, 0}, new double[] {1, 0, 0, 0}), 1e-12);
    assertTrue(Double.isNaN(NeuronTypes.pearson(new double[] {1, 1}, new double[] {0, 1})));
  }
}
