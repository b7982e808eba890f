package org.invariance.plugins.cka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Both CKA estimators, both ways of computing them, and the permutation baseline, on data worked out by hand or by a direct formula. */
class SimilarityTest {
  private static final int[][] NONE = new int[0][];

  /** n x f standard normal values, plus {@code offset} (centering must remove it). */
  static INDArray gaussian(long seed, int n, int f, double offset) {
    Random r = new Random(seed);
    double[] v = new double[n * f];
    for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian() + offset;
    return Nd4j.create(v, new long[] {n, f}, 'c');
  }

  /** A rotation of R^f: a product of plane rotations over every pair of axes, then a reflection of axis 0. */
  static INDArray orthogonal(int f, long seed) {
    Random r = new Random(seed);
    double[][] q = new double[f][f];
    for (int i = 0; i < f; i++) q[i][i] = 1;
    for (int a = 0; a < f; a++) {
      for (int b = a + 1; b < f; b++) {
        double t = r.nextDouble() * 2 * Math.PI;
        double c = Math.cos(t);
        double s = Math.sin(t);
        for (double[] row : q) {
          double x = row[a];
          double y = row[b];
          row[a] = c * x - s * y;
          row[b] = s * x + c * y;
        }
      }
    }
    for (double[] row : q) row[0] = -row[0];
    return Nd4j.create(q);
  }

  @Test
  void identicalRepresentationsGiveOneForBothEstimatorsBothWays() {
    INDArray x = gaussian(1, 40, 6, 2.0);
    for (boolean gram : new boolean[] {false, true}) {
      Similarity s = Similarity.of(x, x, NONE, gram);
      assertEquals(1.0, s.linear(), 1e-12, "gram " + gram);
      assertEquals(1.0, s.debiased(), 1e-12, "gram " + gram);
    }
  }

  @Test
  void anOrthogonalTransformIsotropicScalingAndShiftGiveOne() {
    INDArray x = gaussian(2, 40, 5, 0);
    INDArray y = x.mmul(orthogonal(5, 7)).mul(3.5).addi(1.25);
    assertEquals(1.0, orthogonal(5, 7).transpose().mmul(orthogonal(5, 7)).getDouble(3, 3), 1e-12, "the test's Q is orthogonal");
    for (boolean gram : new boolean[] {false, true}) {
      Similarity s = Similarity.of(x, y, NONE, gram);
      assertEquals(1.0, s.linear(), 1e-10, "gram " + gram);
      assertEquals(1.0, s.debiased(), 1e-10, "gram " + gram);
    }
    // an anisotropic scaling is not a similarity of the space: both drop below 1
    INDArray stretched = x.mulRowVector(Nd4j.create(new double[] {10, 1, 1, 1, 1}));
    assertTrue(Similarity.of(x, stretched, NONE).linear() < 0.9);
    assertTrue(Similarity.of(x, stretched, NONE).debiased() < 0.9);
  }

  @Test
  void oneDimensionalCaseByHand() {
    // x = (-2, -1, 0, 1, 2), y = (0, -1, 1, -2, 2), both centred; K = x x', L = y y', n = 5.
    // linear: (x'y)^2 / (x'x y'y) = 3^2 / (10 * 10) = 0.09.
    // debiased, Song et al.'s n(n-3) HSIC_1 = tr(K~L~) + 1'K~1 1'L~1 / ((n-1)(n-2)) - 2/(n-2) 1'K~L~1 with zeroed diagonals:
    //   tr(K~L~) = (x'y)^2 - sum x_i^2 y_i^2 = 9 - 21 = -12;  1'K~1 = (sum x)^2 - x'x = -10, likewise 1'L~1 = -10;
    //   (K~1)_i = x_i (sum x - x_i) = -x_i^2, so 1'K~L~1 = sum x_i^2 y_i^2 = 21;
    //   xy: -12 + 100/12 - 2/3 * 21 = -53/3;  xx: (100 - 34) + 100/12 - 2/3 * 34 = 155/3;  yy (sum y^4 = 34 too): 155/3.
    //   debiased CKA = (-53/3) / (155/3) = -53/155.
    INDArray x = Nd4j.create(new double[] {-2, -1, 0, 1, 2}, new long[] {5, 1}, 'c');
    INDArray y = Nd4j.create(new double[] {0, -1, 1, -2, 2}, new long[] {5, 1}, 'c');
    for (boolean gram : new boolean[] {false, true}) {
      Similarity s = Similarity.of(x, y, NONE, gram);
      assertEquals(0.09, s.linear(), 1e-12);
      assertEquals(-53.0 / 155.0, s.debiased(), 1e-12);
    }
    assertEquals(-53.0 / 155.0, CkaProbe.debiased(x.add(7), y), 1e-12, "the debiased estimator ignores a shift too");
  }

  @Test
  void debiasedMatchesSongEtAlFromExplicitKernels() {
    INDArray x = gaussian(3, 12, 7, 0.5);
    INDArray y = gaussian(4, 12, 3, -1).addi(x.getColumns(0, 1, 2).mul(0.8));
    double expected = song(gram(x), gram(y)) / Math.sqrt(song(gram(x), gram(x)) * song(gram(y), gram(y)));
    assertTrue(Math.abs(expected) > 0.1, "a case with something to measure: " + expected);
    assertEquals(expected, Similarity.of(x, y, NONE, false).debiased(), 1e-10);
    assertEquals(expected, Similarity.of(x, y, NONE, true).debiased(), 1e-10);
  }

  @Test
  void gramPathAgreesWithFeaturePathIncludingPermutations() {
    int[][] perms = new Permutations(11, 5).of(20);
    for (int f : new int[] {8, 50}) {
      INDArray x = gaussian(5, 20, f, 0.3);
      INDArray y = gaussian(6, 20, f, 0).addi(x.mul(0.5));
      Similarity a = Similarity.of(x, y, perms, false);
      Similarity b = Similarity.of(x, y, perms, true);
      assertEquals(a.linear(), b.linear(), 1e-10);
      assertEquals(a.debiased(), b.debiased(), 1e-10);
      assertArrayEquals(a.linearPermuted(), b.linearPermuted(), 1e-10);
      assertArrayEquals(a.debiasedPermuted(), b.debiasedPermuted(), 1e-10);
      assertEquals(f > 20, Representation.gram(20, f), "Gram matrices exactly when features outnumber images");
    }
  }

  @Test
  void eachBaselineValueIsTheCkaOfTheExplicitlyRePairedRows() {
    int[][] perms = new Permutations(21, 4).of(15);
    for (int f : new int[] {3, 40}) {
      // rows of unequal norms, so re-pairing also moves the diagonal terms the debiased estimator removes
      INDArray x = gaussian(31, 15, f, 0).muliColumnVector(Nd4j.linspace(1, 4, 15).reshape(15, 1).castTo(DataType.DOUBLE));
      INDArray y = gaussian(32, 15, f, 0).addi(x);
      Similarity s = Similarity.of(x, y, perms);
      for (int p = 0; p < perms.length; p++) {
        Similarity explicit = Similarity.of(x, Nd4j.pullRows(y, 1, perms[p]), NONE);
        assertEquals(explicit.linear(), s.linearPermuted()[p], 1e-10, "f " + f + ", permutation " + p);
        assertEquals(explicit.debiased(), s.debiasedPermuted()[p], 1e-10, "f " + f + ", permutation " + p);
      }
    }
  }

  /**
   * n = 30 images, 200 features, x and y drawn independently: linear CKA is about 1/(1 + (n-1)/f)
   * = 0.87 (sd 0.008 over draws), debiased CKA is 0 on average with sd about sqrt(2)/n = 0.047
   * (0.0465 over 500 draws, checked with numpy against Song et al.'s formula). Bounds: every draw
   * |debiased| < 0.2 (over 4 sd), the mean of 10 |mean| < 0.06 (4 sd of a mean of 10), linear > 0.8.
   */
  @Test
  void independentRepresentationsOfFewImagesLookSimilarOnlyToTheLinearEstimator() {
    double sum = 0;
    for (int draw = 0; draw < 10; draw++) {
      INDArray x = gaussian(100 + draw, 30, 200, 0);
      INDArray y = gaussian(200 + draw, 30, 200, 0);
      Similarity s = Similarity.of(x, y, NONE);
      assertTrue(s.linear() > 0.8, "linear, draw " + draw + ": " + s.linear());
      assertTrue(Math.abs(s.debiased()) < 0.2, "debiased, draw " + draw + ": " + s.debiased());
      sum += s.debiased();
    }
    assertTrue(Math.abs(sum / 10) < 0.06, "debiased mean " + sum / 10);
  }

  @Test
  void permutationBaselineSitsFarBelowAMatchedPairAndAtAnUnrelatedOne() {
    // matched: 200 images, y a rotated, scaled, slightly noisy copy of x in 4 dimensions
    int[][] perms = new Permutations(12, 20).of(200);
    INDArray x = gaussian(7, 200, 4, 0);
    INDArray y = x.mmul(orthogonal(4, 3)).mul(2).addi(gaussian(8, 200, 4, 0).mul(0.05));
    Similarity s = Similarity.of(x, y, perms);
    assertTrue(s.linear() > 0.99 && s.debiased() > 0.99, s.toString());
    // re-paired, the two share no structure: linear about f/n = 0.02, debiased about 0
    assertTrue(Similarity.p95(s.linearPermuted()) < 0.1, Arrays.toString(s.linearPermuted()));
    assertTrue(Similarity.p95(s.debiasedPermuted()) < 0.1, Arrays.toString(s.debiasedPermuted()));
    assertTrue(Math.abs(Similarity.mean(s.debiasedPermuted())) < 0.03, Arrays.toString(s.debiasedPermuted()));

    // unrelated, few images, many features: the linear value is high but no higher than its own chance level
    INDArray u = gaussian(9, 30, 200, 0);
    INDArray v = gaussian(10, 30, 200, 0);
    Similarity w = Similarity.of(u, v, new Permutations(13, 20).of(30));
    assertTrue(w.linear() > 0.8);
    assertEquals(Similarity.mean(w.linearPermuted()), w.linear(), 0.05, "the linear value is at chance level");
    assertTrue(Similarity.mean(w.linearPermuted()) > 0.8, "and chance level is high for it");
    assertTrue(Math.abs(Similarity.mean(w.debiasedPermuted())) < 0.06, "where the debiased one's is near 0");
  }

  @Test
  void aReferenceHeldForSeveralComparisonsGivesTheNumbersOfFreshOnes() {
    int[][] perms = new Permutations(3, 4).of(30);
    INDArray x = gaussian(51, 30, 5, 1);
    try (References refs = new References()) {
      for (int[][] p : new int[][][] {perms, null}) {
        for (long seed = 52; seed < 55; seed++) {
          INDArray y = gaussian(seed, 30, 5, 0).addi(x);
          Similarity fresh = Similarity.of(x, y, p);
          Similarity reused = refs.compare("M", 1, x, y, p);
          assertEquals(fresh.linear(), reused.linear(), 0, "seed " + seed);
          assertEquals(fresh.debiased(), reused.debiased(), 0);
          assertArrayEquals(fresh.linearPermuted(), reused.linearPermuted(), 0);
          assertArrayEquals(fresh.debiasedPermuted(), reused.debiasedPermuted(), 0);
          assertEquals(fresh.linearChance(), reused.linearChance());
          assertEquals(fresh.debiasedChance(), reused.debiasedChance());
          assertTrue(reused == refs.compare("N", 1, x.dup(), y.dup(), p), "the same content, another model: the same comparison");
        }
      }
    }
  }

  /** Every permutation of 0..n-1, in lexicographic order. */
  static int[][] allPermutations(int n) {
    List<int[]> all = new ArrayList<>();
    int[] p = new int[n];
    for (int i = 0; i < n; i++) p[i] = i;
    while (true) {
      all.add(p.clone());
      int i = n - 2;
      while (i >= 0 && p[i] > p[i + 1]) i--;
      if (i < 0) return all.toArray(new int[0][]);
      int j = n - 1;
      while (p[j] < p[i]) j--;
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
      for (int a = i + 1, b = n - 1; a < b; a++, b--) {
        t = p[a];
        p[a] = p[b];
        p[b] = t;
      }
    }
  }

  /**
   * The exact chance level's mean and variance are those over all n! re-pairings: enumerated here
   * (n = 6, 720 re-pairings, each an explicit comparison) for representations of unequal row norms
   * and different widths, held as features (f = 2) and as Gram matrices (f = 9). The debiased sd is sqrt(2/(n(n-3))) = 1/3 for
   * any data.
   */
  @Test
  void exactChanceLevelHasTheMeanAndVarianceOfAllRePairings() {
    int n = 6;
    int[][] all = allPermutations(n);
    assertEquals(720, all.length);
    for (int f : new int[] {2, 9}) {
      INDArray x = gaussian(41, n, 3, 0.5).muliColumnVector(Nd4j.linspace(1, 3, n).reshape(n, 1).castTo(DataType.DOUBLE));
      INDArray y = gaussian(42, n, f, 0).addi(x.getColumn(0).reshape(n, 1).mul(0.7));
      for (boolean gram : new boolean[] {f > n}) {   // features for f = 2, Gram matrices for f = 9
        Similarity enumerated = Similarity.of(x, y, all, gram);
        Similarity exact = Similarity.of(x, y, null, gram);
        assertEquals(enumerated.linear(), exact.linear(), 0, "the values themselves are the same numbers");
        assertEquals(enumerated.debiased(), exact.debiased(), 0);
        assertEquals(0, exact.linearPermuted().length, "no re-pairing computed");
        String what = "f " + f + ", gram " + gram;
        assertEquals(mean(enumerated.linearPermuted()), exact.linearChance().mean(), 1e-12, what);
        assertEquals(sd(enumerated.linearPermuted()), (exact.linearChance().p95() - exact.linearChance().mean()) / Chance.Z95, 1e-12, what);
        assertEquals(0, mean(enumerated.debiasedPermuted()), 1e-12, what);
        assertEquals(0, exact.debiasedChance().mean(), 0);
        assertEquals(sd(enumerated.debiasedPermuted()), exact.debiasedChance().p95() / Chance.Z95, 1e-12, what);
        assertEquals(1.0 / 3, exact.debiasedChance().p95() / Chance.Z95, 1e-15);
      }
    }
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).sum() / v.length;
  }

  /** The population standard deviation (all re-pairings, not a sample of them). */
  private static double sd(double[] v) {
    double m = mean(v);
    return Math.sqrt(Arrays.stream(v).map(a -> (a - m) * (a - m)).sum() / v.length);
  }

  @Test
  void permutationsAreSeededPermutationsAndSummariesTakeNearestRank() {
    int[][] p = new Permutations(5, 20).of(50);
    assertEquals(20, p.length);
    for (int[] perm : p) {
      int[] sorted = perm.clone();
      Arrays.sort(sorted);
      for (int i = 0; i < 50; i++) assertEquals(i, sorted[i], "a permutation of 0..49");
    }
    assertTrue(!Arrays.equals(p[0], p[1]), "different re-pairings");
    assertTrue(Arrays.deepEquals(p, new Permutations(5, 20).of(50)), "the same seed, the same permutations");
    assertTrue(!Arrays.deepEquals(p, new Permutations(6, 20).of(50)));

    double[] v = new double[20];
    for (int i = 0; i < 20; i++) v[i] = 20 - i;   // 20, 19, ..., 1
    assertEquals(19, Similarity.p95(v), 0, "the 19th smallest of 20");
    assertEquals(10.5, Similarity.mean(v), 1e-12);
    assertEquals(3, Similarity.p95(new double[] {3, 1, 2}), 0, "the 3rd smallest of 3");
  }

  @Test
  void undefinedEstimatorsAreNaNWithAReason() {
    INDArray constant = Nd4j.valueArrayOf(new long[] {7, 3}, 0.1f);
    INDArray varying = gaussian(1, 7, 3, 0);
    for (boolean gram : new boolean[] {false, true}) {
      Similarity s = Similarity.of(varying, constant, new Permutations(1, 4).of(7), gram);
      assertTrue(Double.isNaN(s.linear()) && Double.isNaN(s.debiased()));
      assertNotNull(s.linearUndefined());
      assertNotNull(s.debiasedUndefined());
      assertEquals(0, s.linearPermuted().length);
    }
    // three images: linear is defined, debiased (n(n-3) = 0) is not
    INDArray three = gaussian(2, 3, 2, 0);
    Similarity s = Similarity.of(three, three, NONE);
    assertEquals(1.0, s.linear(), 1e-12);
    assertNull(s.linearUndefined());
    assertTrue(Double.isNaN(s.debiased()));
    assertTrue(s.debiasedUndefined().contains("4 images"), s.debiasedUndefined());
    // four images, one far from three equal ones (centred: -3, 1, 1, 1): the debiased self-similarity is 0
    INDArray outlier = Nd4j.create(new double[] {0, 4, 4, 4}, new long[] {4, 1}, 'c');
    Similarity o = Similarity.of(outlier, outlier, NONE);
    assertEquals(1.0, o.linear(), 1e-12);
    assertNotNull(o.debiasedUndefined(), "debiased " + o.debiased());
  }

  // --- a direct implementation of Song et al. 2012's estimator, for comparison only ---

  private static double[][] gram(INDArray x) {
    int n = x.rows();
    double[][] k = new double[n][n];
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) k[i][j] = x.getRow(i).dup().mul(x.getRow(j).dup()).sumNumber().doubleValue();
    return k;
  }

  /** HSIC_1 = [tr(K~L~) + 1'K~1 1'L~1 / ((n-1)(n-2)) - 2/(n-2) 1'K~L~1] / (n(n-3)), K~ = K with a zero diagonal. */
  private static double song(double[][] k, double[][] l) {
    int n = k.length;
    double tr = 0;
    double sk = 0;
    double sl = 0;
    double kl1 = 0;
    double[] k1 = new double[n];
    double[] l1 = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i == j) continue;
        tr += k[i][j] * l[j][i];
        sk += k[i][j];
        sl += l[i][j];
        k1[i] += k[i][j];
        l1[i] += l[i][j];
      }
    }
    for (int i = 0; i < n; i++) kl1 += k1[i] * l1[i];
    return (tr + sk * sl / ((n - 1.0) * (n - 2.0)) - 2.0 / (n - 2) * kl1) / (n * (n - 3.0));
  }
}
