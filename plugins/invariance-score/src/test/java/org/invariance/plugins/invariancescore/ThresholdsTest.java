package org.invariance.plugins.invariancescore;

import java.util.Arrays;
import org.invariance.plugins.invariancescore.Thresholds.Status;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Thresholds on 20 reference images aiming at 10% (2 images), ties included. */
class ThresholdsTest {
  private static final int N = 20;
  private static final int TARGET = 2;

  /** 20 activations: the given ones, then 0.01, 0.02, ... for the rest (distinct, below them). */
  private static float[] column(float... top) {
    float[] c = new float[N];
    for (int i = 0; i < N; i++) c[i] = i < top.length ? top[i] : 0.01f * (i - top.length + 1);
    return c;
  }

  private static Thresholds.Choice choose(float[] c) {
    float[] s = c.clone();
    Arrays.sort(s);
    return Thresholds.choose(s, 0, s.length, TARGET);
  }

  @Test
  void distinctActivationsFireOnExactlyTheTarget() {
    Thresholds.Choice c = choose(column(9, 8, 0.5f));
    assertEquals(2, c.fires());
    assertEquals(0.5f, c.threshold(), "the third largest: the images above it are the two largest");
    assertEquals(Status.SCORED, c.status());
  }

  @Test
  void reluZerosGiveTheRateActuallyReached() {
    float[] c = new float[N];
    c[3] = 5;   // one positive image, 19 zeros: no threshold fires on 2
    Thresholds.Choice ch = choose(c);
    assertEquals(1, ch.fires(), "fires on the one positive image: G = 1/20, not the 2/20 asked for");
    assertEquals(0f, ch.threshold());
  }

  @Test
  void aTiedBlockStraddlingTheTargetFiresOnTheNearerEdge() {
    // 9, 7, 7, then smaller: above 7 fires 1 (ratio 1/2), above 0.17 (the next value below) fires 3 (ratio 3/2): 3 is nearer
    Thresholds.Choice c = choose(column(9, 7, 7));
    assertEquals(3, c.fires());
    assertEquals(0.17f, c.threshold(), 1e-7, "the largest activation of an image that does not fire");
    // 9, 7, 7, 7: 1 or 4 are as far from 2 by ratio: the smaller count
    Thresholds.Choice d = choose(column(9, 7, 7, 7));
    assertEquals(1, d.fires());
    assertEquals(7f, d.threshold());
  }

  @Test
  void saturatedAndConstantNeuronsAreNotScored() {
    Thresholds.Choice saturated = choose(column(1, 1, 1, 1, 1, 1));   // 6 of 20 at the ceiling: 0 or 6 fire, 6 > 2 x 2
    assertEquals(Status.TIES, saturated.status());
    float[] constant = new float[N];
    Arrays.fill(constant, 0.3f);
    assertEquals(Status.CONSTANT, choose(constant).status());
    float[] barelyTies = column(1, 1, 1, 1);   // 4 at the ceiling: exactly a factor 2, still scored
    assertEquals(4, choose(barelyTies).fires());
  }

  @Test
  void everyColumnOfAWideLayerGetsItsOwnThreshold() {
    // 600 neurons (more than one block of columns): neuron j fires on images j % 20 and (j + 1) % 20
    int m = 600;
    float[][] a = new float[N][m];
    for (int j = 0; j < m; j++) {
      for (int i = 0; i < N; i++) a[i][j] = 0.001f * i;
      a[j % N][j] = 10 + j;
      a[(j + 1) % N][j] = 11 + j;
    }
    for (int i = 0; i < N; i++) a[i][598] = 2;   // constant
    for (int i = 0; i < N; i++) a[i][599] = i == 7 ? 3 : 2;   // one image apart from 19 tied ones: fires on it alone
    Thresholds t = Thresholds.of(Nd4j.create(a), 0.1);
    assertEquals(TARGET, t.target);
    for (int j = 0; j < 598; j++) {
      float largestOther = 0;
      for (int i = 0; i < N; i++) if (i != j % N && i != (j + 1) % N) largestOther = Math.max(largestOther, 0.001f * i);
      assertEquals(2, t.fires[j], "neuron " + j);
      assertEquals(largestOther, t.threshold[j], "neuron " + j + ": the largest activation among the images it does not fire on");
    }
    assertEquals(Status.CONSTANT, t.status[598]);
    assertEquals(Float.POSITIVE_INFINITY, t.threshold[598]);
    assertEquals(Status.SCORED, t.status[599]);
    assertEquals(1, t.fires[599]);
    assertEquals(2f, t.threshold[599]);
  }
}
