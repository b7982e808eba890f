package org.invariance.plugins.p10;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.invariance.testing.ProbeHarness;
import org.invariance.testing.TinyModels;
import org.junit.jupiter.api.Test;

class P10ProbeTest {
  @Test
  void p10PerNeuronOnHandBuiltImagesAndTheirShifts() {
    var digits = TinyModels.digits(5, new float[][] {{0.9f, 0.1f, 0.8f, 0.2f, 0f}, {0.1f, 0.7f, 0.6f, 0.2f, 0.3f}}, new int[] {0, 1});
    ProbeHarness h = new ProbeHarness(digits, TinyModels.shifts(5, 0, 1), 1, Map.of("M", TinyModels.monotone(5, 2)));
    new P10Probe().run(h, new P10Config(0.4, List.of("0", "1"), List.of(1, 2)));
    // the top 2 of 5: {0, 2} and {1, 2}
    double[] at0 = {0.5, 0.5, 1.0, 0, 0};
    // shifted right by one: [0, .9, .1, .8, .2] -> {1, 3}; [0, .1, .7, .6, .2] -> {2, 3}
    double[] at1 = {0, 0.5, 0.5, 1.0, 0};
    for (int layer : new int[] {1, 2}) {
      for (int n = 0; n < 5; n++) {
        assertEquals(at0[n], h.value("M", "T_0", "p10", layer, n), 1e-12, "layer " + layer + " neuron " + n);
        assertEquals(at1[n], h.value("M", "T_1", "p10", layer, n), 1e-12);
      }
    }
    assertEquals(2 * 2 * 5, h.rows().size());

    // no layers named: every layer of the model (input and its one hidden layer), the same rows
    ProbeHarness all = new ProbeHarness(digits, TinyModels.shifts(5, 0, 1), 1, Map.of("M", TinyModels.monotone(5, 2)));
    new P10Probe().run(all, new P10Config(0.4, List.of("0", "1"), null));
    assertEquals(h.rows(), all.rows());
  }

  /**
   * Ties at the cut share the places left (top 2 of 5): [1, .5, .5, 0, 0] gives n0 a whole place
   * and n1, n2 half of the one left each; an all-dark image gives every pixel 2/5. Over the two
   * images: n0 (1 + 2/5) / 2 = .7, n1 and n2 (1/2 + 2/5) / 2 = .45, n3 and n4 (0 + 2/5) / 2 = .2.
   * The hidden layer is monotone in the pixels and keeps the ties: the same.
   */
  @Test
  void tiedNeuronsShareThePlacesAtTheCut() {
    var digits = TinyModels.digits(5, new float[][] {{1f, .5f, .5f, 0f, 0f}, {0f, 0f, 0f, 0f, 0f}}, new int[] {0, 1});
    ProbeHarness h = new ProbeHarness(digits, TinyModels.shifts(5, 0), 1, Map.of("M", TinyModels.monotone(5, 2)));
    new P10Probe().run(h, new P10Config(0.4, List.of("0"), List.of(1, 2)));
    double[] expected = {0.7, 0.45, 0.45, 0.2, 0.2};
    for (int layer : new int[] {1, 2}) {
      for (int n = 0; n < 5; n++) assertEquals(expected[n], h.value("M", "T_0", "p10", layer, n), 1e-12, "layer " + layer + " neuron " + n);
      assertEquals(h.value("M", "T_0", "p10", layer, 3), h.value("M", "T_0", "p10", layer, 4), 0, "equal activity, equal p10");
    }
  }
}
