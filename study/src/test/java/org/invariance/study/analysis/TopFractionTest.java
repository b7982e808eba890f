package org.invariance.study.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.invariance.data.Epochs;
import org.junit.jupiter.api.Test;

/**
 * p10 with ties at the cut: per sample k places, a whole one for each neuron strictly above the k-th
 * largest activity, the rest shared equally by the neurons at it. Every expected value below is
 * worked out from that rule by hand.
 */
class TopFractionTest {
  /** k = round(N / 3) = 2 of 6 (fraction 1/3). */
  private static final double THIRD = 1.0 / 3;

  @Test
  void neuronsTiedAtTheCutShareTheRemainingPlaces() {
    // k = 2: 5 takes one place; the three 3s share the one left, 1/3 each; the 0s are below the cut
    double[] p = TopFraction.p(new float[] {5, 3, 3, 3, 0, 0}, 1, 6, THIRD);
    assertArrayEquals(new double[] {1, 1.0 / 3, 1.0 / 3, 1.0 / 3, 0, 0}, p, 1e-15);
    assertEquals(p[1], p[2], 0, "equal activity, equal credit, bit for bit");
    assertEquals(p[1], p[3], 0);
    assertEquals(0.0, p[4], 0, "below the cut: nothing");
  }

  @Test
  void aTieAtTheTopSharesEveryPlace() {
    // k = 2 of 5 (fraction 0.4): four saturated units share both places, 1/2 each
    assertArrayEquals(new double[] {0.5, 0.5, 0, 0.5, 0.5}, TopFraction.p(new float[] {1, 1, 0.3f, 1, 1}, 1, 5, 0.4), 1e-15);
    // k = 3 of 4 (fraction 0.75): 2 above, two 1s take the two places left whole
    assertArrayEquals(new double[] {1, 1, 1, 0}, TopFraction.p(new float[] {2, 1, 1, 0}, 1, 4, 0.75), 0);
  }

  /**
   * Ten neurons, k = 3 (fraction 0.3). Only n0 and n1 are ever non-zero, fewer than k on every
   * sample; n2..n9 are always 0.
   * <ul>
   *   <li>sample 0: n0 = .9, n1 = .5: the cut is 0, 2 above, 1 place among the eight 0s: 1/8 each;
   *   <li>sample 1: n0 = .7: 1 above, 2 places among the nine 0s (n1 too): 2/9 each;
   *   <li>sample 2: all 0: 3 places among ten, 3/10 each.
   * </ul>
   * p(n0) = (1 + 1 + 3/10) / 3 = 23/30; p(n1) = (1 + 2/9 + 3/10) / 3 = 137/270; p(n2..n9) = (1/8 +
   * 2/9 + 3/10) / 3 = 233/1080. Total: (828 + 548 + 8 * 233) / 1080 = 3 = k.
   */
  @Test
  void alwaysZeroNeuronsShareTheLeftoverPlacesAlike() {
    float[] a = new float[3 * 10];
    a[0] = 0.9f;
    a[1] = 0.5f;
    a[10] = 0.7f;
    double[] p = TopFraction.p(a, 3, 10, 0.3);
    assertEquals(23.0 / 30, p[0], 1e-15);
    assertEquals(137.0 / 270, p[1], 1e-15);
    for (int n = 2; n < 10; n++) {
      assertEquals(233.0 / 1080, p[n], 1e-15, "neuron " + n);
      assertEquals(p[2], p[n], 0, "every always-zero neuron gets the same credit, bit for bit");
    }
    assertEquals(3.0, sum(p), 1e-12);

    // a single sample where every neuron is 0: k / N each, exactly
    double[] dark = TopFraction.p(new float[10], 1, 10, 0.3);
    for (double v : dark) assertEquals(0.3, v, 0);
  }

  /**
   * Ten pixels, k = 3; pixels 5..9 are never lit and every sample lights at least 3 of pixels 0..4,
   * so the cut is above 0 on every sample and the dark pixels get exactly 0.
   * <ul>
   *   <li>[1, .5, .5, .5, .2]: n0 whole, 2 places among the three .5s: 2/3 each to n1, n2, n3;
   *   <li>[.2, .2, .2, .2, .2]: 3 places among five .2s: 3/5 each to n0..n4;
   *   <li>[0, 0, .4, .8, .6]: n3, n4, n2 whole.
   * </ul>
   * p(n0) = (1 + 3/5) / 3 = 8/15; p(n1) = (2/3 + 3/5) / 3 = 19/45; p(n2) = (2/3 + 3/5 +
   * 1) / 3 = 34/45; p(n3) likewise 34/45; p(n4) = (3/5 + 1) / 3 = 8/15. Total (24 + 19 + 34 + 34 +
   * 24) / 45 = 3.
   */
  @Test
  void aNeverLitPixelIsNeverMostActiveWhenEnoughPixelsAreLit() {
    float[] a = {
        1, .5f, .5f, .5f, .2f, 0, 0, 0, 0, 0,
        .2f, .2f, .2f, .2f, .2f, 0, 0, 0, 0, 0,
        0, 0, .4f, .8f, .6f, 0, 0, 0, 0, 0,
    };
    double[] p = TopFraction.p(a, 3, 10, 0.3);
    assertArrayEquals(new double[] {8.0 / 15, 19.0 / 45, 34.0 / 45, 34.0 / 45, 8.0 / 15, 0, 0, 0, 0, 0}, p, 1e-15);
    for (int n = 5; n < 10; n++) assertEquals(0.0, p[n], 0, "never-lit pixel " + n);
    assertEquals(3.0, sum(p), 1e-12);
  }

  @Test
  void minusZeroTiesWithZero() {
    // k = 2 of 4: n0 whole; 0, -0 and 0 are the same activity and share the place left: 1/3 each
    double[] p = TopFraction.p(new float[] {1, 0f, -0f, 0f}, 1, 4, 0.5);
    assertArrayEquals(new double[] {1, 1.0 / 3, 1.0 / 3, 1.0 / 3}, p, 1e-15);
    assertEquals(p[1], p[2], 0);
  }

  /**
   * Datasets full of ties (activities drawn from {0, 0, 0, .25, .5, 1}), several layer sizes and
   * fractions: every p is in [0, 1], the p of a layer sum to k on every dataset, two neurons with the
   * same activity on every sample get the same p bit for bit, the answer is the same on a second run,
   * and reordering the neurons reorders p and changes nothing else (no neuron-index tie rule).
   */
  @Test
  void pSumsToKAndDependsOnActivityAloneNotOnNeuronOrder() {
    SplittableRandom rnd = new SplittableRandom(14);
    float[] levels = {0, 0, 0, 0.25f, 0.5f, 1};
    int[][] shapes = {{1, 7}, {40, 10}, {200, 30}, {300, 784}};
    double[] fractions = {0.1, 0.25, 0.5, 0.9};
    for (int[] shape : shapes) {
      int rows = shape[0];
      int cols = shape[1];
      float[] a = new float[rows * cols];
      for (int i = 0; i < a.length; i++) a[i] = levels[rnd.nextInt(levels.length)];
      for (int r = 0; r < rows; r++) a[r * cols + cols - 1] = a[r * cols];   // the last neuron copies the first
      int[] perm = Epochs.shuffled(cols, rnd);
      float[] b = new float[a.length];
      for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) b[r * cols + c] = a[r * cols + perm[c]];
      for (double f : fractions) {
        String at = rows + " x " + cols + ", fraction " + f;
        int k = TopFraction.count(cols, f);
        double[] p = TopFraction.p(a, rows, cols, f);
        assertEquals(k, sum(p), 1e-12 * k, at);
        for (double v : p) assertTrue(v >= 0 && v <= 1, at);
        assertEquals(p[0], p[cols - 1], 0, "identical neurons: " + at);
        assertArrayEquals(p, TopFraction.p(a, rows, cols, f), 0, "reproducible: " + at);
        double[] q = TopFraction.p(b, rows, cols, f);
        for (int c = 0; c < cols; c++) assertEquals(p[perm[c]], q[c], 0, "reordered neurons: " + at);
      }
    }
  }

  @Test
  void selectionAgreesWithSorting() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int t = 0; t < 500; t++) {
      int n = 1 + rnd.nextInt(300);
      int spread = 1 + rnd.nextInt(t % 2 == 0 ? 3 : 1000);   // many duplicates, or few
      int[] x = new int[n];
      for (int i = 0; i < n; i++) x[i] = rnd.nextInt(spread) - spread / 2;
      int[] sorted = x.clone();
      Arrays.sort(sorted);
      int index = rnd.nextInt(n);
      assertEquals(sorted[index], TopFraction.select(x.clone(), n, index), "n " + n + ", index " + index);
    }
    // already sorted and reversed inputs (a pivot rule's worst cases) still select right
    int[] up = new int[1000];
    for (int i = 0; i < up.length; i++) up[i] = i;
    assertEquals(900, TopFraction.select(up.clone(), 1000, 900));
    int[] down = new int[1000];
    for (int i = 0; i < down.length; i++) down[i] = 999 - i;
    assertEquals(900, TopFraction.select(down, 1000, 900));
  }

  @Test
  void noSamplesGiveNaNAndAShortArrayIsRefused() {
    for (double v : TopFraction.p(new float[0], 0, 3, 0.5)) assertTrue(Double.isNaN(v));
    assertThrows(IllegalArgumentException.class, () -> TopFraction.p(new float[5], 2, 3, 0.5));
  }

  private static double sum(double[] p) {
    double s = 0;
    for (double v : p) s += v;
    return s;
  }
}
