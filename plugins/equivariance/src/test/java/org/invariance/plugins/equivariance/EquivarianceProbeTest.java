package org.invariance.plugins.equivariance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.invariance.data.Images;
import org.invariance.model.Model;
import org.invariance.testing.ProbeHarness;
import org.invariance.testing.TinyModels;
import org.junit.jupiter.api.Test;

class EquivarianceProbeTest {
  private static final int WIDTH = 8;
  // 60 test images and a sample of as many of the 200 training images
  private static final Images TEST = Fixtures.random("T", WIDTH, 60, 1);
  private static final Images TRAIN = Fixtures.random("T", WIDTH, 200, 2);

  private static ProbeHarness run(Map<String, Model> models, EquivarianceConfig c, double... amounts) {
    ProbeHarness h = new ProbeHarness(TEST, TRAIN, Fixtures.cyclic(WIDTH, amounts), 5, models);
    new EquivarianceProbe().run(h, c);
    return h;
  }

  private static EquivarianceConfig defaults() {
    return new EquivarianceConfig(null, null, null, null, null);
  }

  /**
   * A cyclic shift permutes pixels, P x, and layer 2 = x A with A injective (8 -> 40 or 8 -> 100
   * neurons), so phi(T x) = P x A = phi(x) (A^+ P A): exactly linear in phi(x) at both layers, with
   * 60 images below (primal) and above (dual) the number of neurons. The identity map is far off.
   */
  @Test
  void aLinearLayerOfAShiftIsExactlyEquivariantButNotInvariant() {
    ProbeHarness h = run(Map.of("primal", Fixtures.linear(WIDTH, 40, 3), "dual", Fixtures.linear(WIDTH, 100, 4)), defaults(), 0, 1, 3);
    assertEquals(List.of("other_dataset", "amount", "layer"), h.keyColumns());
    assertEquals(2 * 2 * 3 * 3, h.rows().size(), "2 models x 2 layers (all by default) x 3 amounts (all declared) x 3 metrics");
    for (String model : List.of("primal", "dual")) {
      for (int layer : new int[] {1, 2}) {
        assertEquals(0, h.value(model, "T_0", "identity_error", "T_0", "0", layer), 1e-12, "T_0 is the reference itself");
        for (String a : List.of("1", "3")) {
          String at = model + " layer " + layer + " shift " + a;
          double fitted = h.value(model, "T_0", "equivariance_error", "T_" + a, a, layer);
          double identity = h.value(model, "T_0", "identity_error", "T_" + a, a, layer);
          assertEquals(0, fitted, 1e-6, at);
          assertTrue(identity > 0.5, at + ": identity error " + identity);
          assertEquals(1e-6, h.value(model, "T_0", "ridge", "T_" + a, a, layer), at + ": an exact fit wants the least shrinkage");
        }
      }
    }
  }

  /** Features a cyclic shift cannot change (sum, sum of squares, maximum of the pixels): phi(T x) = phi(x). */
  @Test
  void aLayerOfShiftInvariantFeaturesHasNoIdentityError() {
    Model pooled = new Fixtures.FunctionModel(WIDTH, 3, x -> {
      double[] v = x.clone();
      Arrays.sort(v);   // the same order of summation whatever the shift, so the same floats
      double s = 0;
      double s2 = 0;
      for (double e : v) {
        s += e;
        s2 += e * e;
      }
      return new double[] {s, s2, v[v.length - 1]};
    });
    ProbeHarness h = run(Map.of("M", pooled), defaults(), 0, 2, 5);
    for (String a : List.of("2", "5")) {
      assertEquals(0, h.value("M", "T_0", "identity_error", "T_" + a, a, 2), 1e-12, "invariant layer, shift " + a);
      assertEquals(0, h.value("M", "T_0", "equivariance_error", "T_" + a, a, 2), 1e-6, "the identity is among the maps");
      assertTrue(h.value("M", "T_0", "identity_error", "T_" + a, a, 1) > 0.5, "the input itself is not invariant");
    }
  }

  /**
   * Layer 2 is seeded noise drawn from the image's pixels: the same image gives the same vector,
   * a shifted image an unrelated one. The best map then predicts the mean: error about 1 (slightly
   * above: its intercept is the training mean, the denominator uses the test mean); the identity
   * map about 2 (E||y - x||^2 = 2 tr Cov for independent x, y of one distribution).
   */
  @Test
  void anUnrelatedRepresentationOfTheTransformedImageHasErrorNearOne() {
    ProbeHarness h = run(Map.of("few", noise(6), "many", noise(90)), defaults(), 0, 1);
    for (String model : List.of("few", "many")) {
      double fitted = h.value(model, "T_0", "equivariance_error", "T_1", "1", 2);
      double identity = h.value(model, "T_0", "identity_error", "T_1", "1", 2);
      assertTrue(fitted > 0.95 && fitted < 1.2, model + ": " + fitted);
      assertTrue(identity > 1.6 && identity < 2.4, model + ": " + identity);
      assertTrue(h.value(model, "T_0", "ridge", "T_1", "1", 2) >= 1, model + ": noise wants strong shrinkage");
    }
    // Unshifted, phi(T_0 x) = phi(x): with 6 neurons and 60 training images the fit finds the identity.
    // With 90 neurons the 60 centred training vectors span only 59 of the 90 directions; a test
    // vector's variance outside them (31/90 of it, isotropic noise) is predicted by the mean: the
    // floor of the measure when neurons outnumber images, which the reference amount's row shows.
    assertEquals(0, h.value("few", "T_0", "equivariance_error", "T_0", "0", 2), 1e-6);
    assertEquals(31.0 / 90, h.value("many", "T_0", "equivariance_error", "T_0", "0", 2), 0.04);
  }

  private static Model noise(int units) {
    return new Fixtures.FunctionModel(WIDTH, units, x -> {
      SplittableRandom rng = new SplittableRandom(Arrays.hashCode(x));
      double[] y = new double[units];
      for (int j = 0; j < units; j++) y[j] = rng.nextGaussian();
      return y;
    });
  }

  @Test
  void configuredAmountsLayersReferenceAndImageCapAreHonoured() {
    Map<String, Model> m = Map.of("M", Fixtures.linear(WIDTH, 12, 5));
    ProbeHarness h = run(m, new EquivarianceConfig("1", List.of(3.0), List.of(2), List.of(0.01), 40), 0, 1, 3);
    assertEquals(3, h.rows().size(), "one amount, one layer, three metrics");
    assertEquals(0.01, h.value("M", "T_1", "ridge", "T_3", "3", 2), "one ridge: no choice");
    // a shift by 2 of the shifted images: still exactly linear on the 40 images used
    assertEquals(0, h.value("M", "T_1", "equivariance_error", "T_3", "3", 2), 0.02, "up to the shrinkage of a fixed ridge");

    // the standard fixtures: a zero-filling shift is linear in the pixels, and a per-pixel sigmoid
    // commutes with it (h(Tx)_i = h(x)_(i-1), h(Tx)_0 constant), so both layers are equivariant
    var digits = Fixtures.random("D", 3, 40, 9);
    ProbeHarness tiny = new ProbeHarness(digits, Fixtures.random("D", 3, 80, 10), TinyModels.shifts(3, 0, 1), 1, Map.of("S", TinyModels.monotone(3, 2)));
    new EquivarianceProbe().run(tiny, defaults());
    for (int layer : new int[] {1, 2}) {
      assertEquals(0, tiny.value("S", "D_0", "equivariance_error", "D_1", "1", layer), 1e-6, "layer " + layer);
      assertTrue(tiny.value("S", "D_0", "identity_error", "D_1", "1", layer) > 0.1, "layer " + layer);
    }
  }

  @Test
  void aLayerTheModelDoesNotHaveIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> run(Map.of("M", Fixtures.linear(WIDTH, 4, 1)), new EquivarianceConfig(null, null, List.of(3), null, null), 0, 1));
    assertTrue(e.getMessage().contains("layers 1..2"), e.getMessage());
  }
}
