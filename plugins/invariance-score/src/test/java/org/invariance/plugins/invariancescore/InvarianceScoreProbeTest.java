package org.invariance.plugins.invariancescore;

import java.io.DataOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.config.InvalidConfig;
import org.invariance.model.Activations;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.invariance.testing.ProbeHarness;
import org.invariance.testing.TinyModels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InvarianceScoreProbeTest {
  private static final int W = 6;

  /**
   * Three neurons over a 6 x 1 image: its first pixel (lost when the image shifts right), the sum of
   * its pixels (kept by a shift that pushes only zeros out) and 0.5 (constant).
   */
  static final class Features implements Model {
    @Override public List<String> layerNames() { return List.of("input", "features"); }
    @Override public int[] layerSizes() { return new int[] {W, 3}; }
    @Override public int classes() { return 0; }
    @Override public void write(DataOutputStream out) { throw new UnsupportedOperationException(); }

    @Override
    public Forward forward(int from, INDArray activity) {
      if (from == 2) return new Forward(List.of(activity), null);
      float[] x = Activations.floats(activity);
      int n = activity.rows();
      float[] h = new float[n * 3];
      for (int i = 0; i < n; i++) {
        float sum = 0;
        for (int p = 0; p < W; p++) sum += x[i * W + p];
        h[i * 3] = x[i * W];
        h[i * 3 + 1] = sum;
        h[i * 3 + 2] = 0.5f;
      }
      return new Forward(List.of(activity, Nd4j.create(h, new long[] {n, 3}, 'c')), null);
    }
  }

  /** 20 images whose last two pixels are 0, first pixels distinct and positive, sums distinct. */
  private static ProbeHarness shiftedImages() {
    float[][] images = new float[20][W];
    for (int i = 0; i < 20; i++) {
      images[i][0] = 0.05f + 0.04f * i;
      images[i][1] = 0.03f * ((7 * i) % 20);
      images[i][2] = 0.1f;
      images[i][3] = 0.01f * ((3 * i) % 20);
    }
    return new ProbeHarness(TinyModels.digits(W, images, new int[20]), TinyModels.shifts(W, 0, 1, 2), 1, Map.of("M", new Features()));
  }

  @Test
  void aPreservedFeatureScoresOneOverGAndAnUntransformedOnlyOneAThirdOfThat() {
    ProbeHarness h = shiftedImages();
    new InvarianceScoreProbe().run(h, new InvarianceScoreConfig("0", 0.1, null, List.of(2), 1.0));
    // firing rate 10% of 20 images: 2 fire, G = 0.1; 3 amounts (shifts 0, 1, 2)
    // sum: every shifted copy fires, L = 1, S = 10; first pixel: only the unshifted copy, L = 1/3, S = 10/3
    assertEquals((10 + 10 / 3.0) / 2, h.value("M", "T_0", "invariance_score", 2), 1e-9);
    assertEquals((1 + 1 / 3.0) / 2, h.value("M", "T_0", "local_firing_rate", 2), 1e-9);
    assertEquals(0.1, h.value("M", "T_0", "global_firing_rate", 2), 1e-12);
    assertEquals(3, h.value("M", "T_0", "neurons", 2));
    assertEquals(2, h.value("M", "T_0", "scored", 2));
    assertEquals(1, h.value("M", "T_0", "unscored_constant", 2), "the constant neuron is left out");
    assertEquals(0, h.value("M", "T_0", "unscored_ties", 2));
    assertEquals(2, h.value("M", "T_0", "top_neurons", 2));
    assertEquals(3, h.activationComputations(), "the reference is the amount-0 dataset, computed once");

    // top 20% of two scored neurons is one: the sum's score, not the first neuron's
    ProbeHarness top = shiftedImages();
    new InvarianceScoreProbe().run(top, new InvarianceScoreConfig(null, 0.1, null, List.of(2), null));
    assertEquals(10, top.value("M", "T_0", "invariance_score", 2), 1e-9);
    assertEquals(1, top.value("M", "T_0", "local_firing_rate", 2), 1e-12);
    assertEquals(1, top.value("M", "T_0", "top_neurons", 2));
  }

  @Test
  void everyLayerByDefaultWithItsConstantPixelsLeftOut() {
    ProbeHarness h = shiftedImages();
    new InvarianceScoreProbe().run(h, new InvarianceScoreConfig(null, 0.1, null, null, null));
    assertEquals(List.of("layer"), h.keyColumns());
    assertEquals(W, h.value("M", "T_0", "neurons", 1));
    assertEquals(3, h.value("M", "T_0", "unscored_constant", 1), "pixel 2 (0.1) and the zero pixels 4 and 5");
    assertEquals(3, h.value("M", "T_0", "scored", 1));
    assertEquals(3, h.value("M", "T_0", "neurons", 2));
  }

  /** amounts 0 and 1 of 20 images x 3 neurons, written out. */
  private static Map<Double, float[][]> aligned() {
    float[][] ref = new float[20][3];
    float[][] moved = new float[20][3];
    for (int i = 0; i < 20; i++) {
      ref[i][0] = 0.01f * i;          // images 19 and 18 fire
      moved[i][0] = 0.01f * i;
      ref[i][2] = moved[i][2] = 0.3f;  // constant
    }
    moved[18][0] = 0;      // transformed, image 18 no longer fires ...
    moved[2][0] = 5;       // ... and image 2, which never fired on the reference, does: not counted
    ref[3][1] = moved[3][1] = 5;   // one positive image among 19 zeros: fires on 1 of 20 at any threshold in [0, 5)
    Map<Double, float[][]> m = new LinkedHashMap<>();
    m.put(0.0, ref);
    m.put(1.0, moved);
    return m;
  }

  @Test
  void localFiringCountsTheSameImagesTransformedAndGIsTheRateReached() {
    HandContext ctx = new HandContext(aligned());
    new InvarianceScoreProbe().run(ctx, new InvarianceScoreConfig("0", 0.1, null, null, 1.0));
    // neuron 0: G = 2/20, L = (2 + 1) / (2 images x 2 amounts) = 0.75, S = 7.5
    // neuron 1 (ReLU-like): G = 1/20 (not the 0.1 asked for), L = 1, S = 20
    assertEquals((7.5 + 20) / 2, ctx.value("invariance_score"), 1e-9);
    assertEquals((0.75 + 1) / 2, ctx.value("local_firing_rate"), 1e-12);
    assertEquals((0.1 + 0.05) / 2, ctx.value("global_firing_rate"), 1e-12);
    assertEquals(1, ctx.value("unscored_constant"));
    assertEquals(ctx.lent, ctx.closed, "every activation lent is given back");
    assertEquals(3, ctx.lent, "the reference, then each amount once");

    HandContext half = new HandContext(aligned());
    new InvarianceScoreProbe().run(half, new InvarianceScoreConfig("0", 0.1, null, null, 0.5));
    assertEquals(20, half.value("invariance_score"), 1e-9, "the top half of two: the higher score, the second neuron's");
  }

  @Test
  void amountsRestrictTheLocalFiringRate() {
    HandContext ctx = new HandContext(aligned());
    new InvarianceScoreProbe().run(ctx, new InvarianceScoreConfig("0", 0.1, List.of(1.0), null, 1.0));
    // over amount 1 alone: neuron 0 keeps 1 of its 2 images, L = 1/2, S = 5; neuron 1 S = 20
    assertEquals((5 + 20) / 2.0, ctx.value("invariance_score"), 1e-9);
    assertEquals(2, ctx.lent);

    InvalidConfig e = assertThrows(InvalidConfig.class,
        () -> new InvarianceScoreProbe().run(new HandContext(aligned()), new InvarianceScoreConfig("0", 0.1, List.of(0.0, 45.0), null, 1.0)));
    assertEquals("amounts.1", e.field());
  }

  @Test
  void theTopShareAveragesTheHighestScores() {
    // 10 neurons firing on images 0 and 1 of 20 (G = 0.1); over 5 amounts neuron j keeps firing on h[j] of the 8
    // transformed copies: L = (2 + h) / 10, S = 2 + h
    int[] h = {3, 8, 0, 5, 1, 7, 2, 6, 4, 0};
    Map<Double, float[][]> byAmount = new LinkedHashMap<>();
    for (int a = 0; a < 5; a++) {
      float[][] x = new float[20][10];
      for (int j = 0; j < 10; j++) {
        for (int i = 2; i < 20; i++) x[i][j] = 0.01f * i;
        for (int img = 0; img < 2; img++) {
          int copy = (a - 1) * 2 + img;   // transformed copies 0..7 over amounts 1..4
          x[img][j] = a == 0 || copy < h[j] ? 1 + img : 0;
        }
      }
      byAmount.put((double) a, x);
    }
    HandContext ctx = new HandContext(byAmount);
    new InvarianceScoreProbe().run(ctx, new InvarianceScoreConfig(null, 0.1, null, null, null));
    assertEquals(2, ctx.value("top_neurons"), "20% of 10");
    assertEquals((10 + 9) / 2.0, ctx.value("invariance_score"), 1e-9, "h = 8 and 7");
    assertEquals((1.0 + 0.9) / 2, ctx.value("local_firing_rate"), 1e-12);
    assertEquals(10, ctx.value("scored"));
  }

  @Test
  void aLayerWithNothingToScoreWritesItsCountsOnly() {
    float[][] ref = new float[20][2];
    for (int i = 0; i < 20; i++) {
      ref[i][0] = 0.7f;
      ref[i][1] = i < 10 ? 1 : 0;   // half the images at the ceiling: ties
    }
    HandContext ctx = new HandContext(Map.of(0.0, ref));
    new InvarianceScoreProbe().run(ctx, new InvarianceScoreConfig(null, 0.1, null, null, null));
    assertEquals(0, ctx.value("scored"));
    assertEquals(1, ctx.value("unscored_constant"));
    assertEquals(1, ctx.value("unscored_ties"));
    assertFalse(ctx.has("invariance_score"), "no NaN score");
  }
}
