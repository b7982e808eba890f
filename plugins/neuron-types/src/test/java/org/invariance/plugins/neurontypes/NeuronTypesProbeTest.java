package org.invariance.plugins.neurontypes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.invariance.testing.ProbeHarness;
import org.invariance.testing.TinyModels;
import org.junit.jupiter.api.Test;

class NeuronTypesProbeTest {
  /**
   * Four one-pixel-wide... four-pixel images, top 1 of 4 (fraction 0.25). On T_0 image A lights
   * pixel 0 and image B pixel 2; shifted by one they light pixels 1 and 3. p10 over the two
   * datasets: n0 (.5, 0), n1 (0, .5), n2 (.5, 0), n3 (0, .5): all vary alike -> no type A; means
   * .25 each = mu -> all B2 (strict comparison).
   */
  @Test
  void typesCountsAndDigitSubsets() {
    var digits = TinyModels.digits(4, new float[][] {{1f, 0, 0, 0}, {0, 0, 1f, 0}}, new int[] {3, 5});
    ProbeHarness h = new ProbeHarness(digits, TinyModels.shifts(4, 0, 1), 1, Map.of("M", TinyModels.monotone(4, 2)));
    new NeuronTypesProbe().run(h, new NeuronTypesConfig(0.25, List.of("0", "1"), List.of(1), true, 1));
    String d = "{T_0,T_1}";
    assertEquals(0, h.summaryValue("M", d, "count", 1, null, "A", null));
    assertEquals(4, h.summaryValue("M", d, "count", 1, null, "B2", null));
    assertEquals(1.0, h.summaryValue("M", d, "fraction", 1, null, "B2", null));
    assertEquals(0.25, h.value("M", d, "mu10", 1, null, "B2", 0), 1e-12);
    assertEquals(0.0625, h.value("M", d, "sigma10", 1, null, "B2", 0), 1e-12);
    // digit 3 alone (image A): p10 n0 (1, 0), n1 (0, 1), n2 (0, 0), n3 (0, 0): variances .25 .25 0 0,
    // sigma = .125, 2 sigma = .25: none above it -> no A; means .5 .5 0 0 vs mu .25 -> B1 B1 B2 B2
    assertEquals(2, h.summaryValue("M", d, "count", 1, 3, "B1", null));
    assertEquals(1, h.value("M", d, "member", 1, 3, "B1", 1));
    assertEquals(1, h.value("M", d, "member", 1, 3, "B2", 3));
    assertEquals(0, h.rows().stream().filter(r -> Integer.valueOf(7).equals(r.keys().get(1))).count(), "no images of 7: no rows");
    assertEquals(0, h.summaryRows().stream().filter(r -> Integer.valueOf(7).equals(r.keys().get(1))).count());
    assertEquals(List.of(1), layersOf(h, "pearson"), "the correlation layer named");
  }

  /** No layers and no correlation layer named: every layer of the model is typed, and Figure 8's correlations are the top layer's. */
  @Test
  void defaultsAreEveryLayerAndTheTopForCorrelations() {
    var digits = TinyModels.digits(4, new float[][] {{1f, 0, 0, 0}, {0, 0, 1f, 0}}, new int[] {3, 5});
    ProbeHarness h = new ProbeHarness(digits, TinyModels.shifts(4, 0, 1), 1, Map.of("M", TinyModels.monotone(4, 2)));
    new NeuronTypesProbe().run(h, new NeuronTypesConfig(0.25, List.of("0", "1"), null, true, null));
    assertEquals(List.of(1, 2), layersOf(h, "count"));
    assertEquals(List.of(2), layersOf(h, "pearson"), "the model's top layer (input and one hidden layer: 2)");
    // the hidden layer is monotone in the pixels, so it ranks neurons as the input does: the same types
    String d = "{T_0,T_1}";
    assertEquals(4, h.summaryValue("M", d, "count", 2, null, "B2", null));
    assertEquals(2, h.summaryValue("M", d, "count", 2, 3, "B1", null));
    // digits 3 and 5 each correlated with both
    assertEquals(4, h.summaryRows().stream().filter(r -> r.metric().equals("pearson")).count());
    assertEquals(List.of("layer", "digit", "type", "neuron"), h.keyColumns());
    assertEquals(List.of("layer", "digit", "type", "other_digit"), h.summaryKeyColumns(), "counts, fractions and correlations over the neurons");
  }

  /**
   * A dark image ties every neuron (top 1 of 4): each gets 1/4 of the place, so it shifts every
   * p10 alike and favours none. Image A = [1, 0, 0, 0] (digit 3), image B all 0 (digit 5). T_0: n0
   * (1 + 1/4) / 2 = .625, the others 1/8; T_1 (A shifted to pixel 1): n1 .625, the others 1/8. Means
   * n0, n1 .375, n2, n3 .125, mu = .25; variances .0625, .0625, 0, 0, sigma = .03125: none above
   * 2 sigma = .0625 (strict), so no A; n0, n1 B1, n2, n3 B2. Digit 5 alone: every p10 is 1/4 on both
   * datasets: no variance, every mean at mu: all B2.
   */
  @Test
  void aDarkImageSharesItsPlaceAndFavoursNoNeuron() {
    var digits = TinyModels.digits(4, new float[][] {{1f, 0, 0, 0}, {0, 0, 0, 0}}, new int[] {3, 5});
    ProbeHarness h = new ProbeHarness(digits, TinyModels.shifts(4, 0, 1), 1, Map.of("M", TinyModels.monotone(4, 2)));
    new NeuronTypesProbe().run(h, new NeuronTypesConfig(0.25, List.of("0", "1"), List.of(1), true, 1));
    String d = "{T_0,T_1}";
    assertEquals(0, h.summaryValue("M", d, "count", 1, null, "A", null));
    assertEquals(2, h.summaryValue("M", d, "count", 1, null, "B1", null));
    assertEquals(1, h.value("M", d, "member", 1, null, "B1", 0));
    assertEquals(1, h.value("M", d, "member", 1, null, "B2", 3));
    assertEquals(0.375, h.value("M", d, "mu10", 1, null, "B1", 0), 1e-12);
    assertEquals(0.0625, h.value("M", d, "sigma10", 1, null, "B1", 0), 1e-12);
    assertEquals(0.125, h.value("M", d, "mu10", 1, null, "B2", 2), 1e-12);
    assertEquals(h.value("M", d, "mu10", 1, null, "B2", 2), h.value("M", d, "mu10", 1, null, "B2", 3), 0);
    assertEquals(0.0, h.value("M", d, "sigma10", 1, null, "B2", 2), 0);
    assertEquals(4, h.summaryValue("M", d, "count", 1, 5, "B2", null), "the dark digit alone: all B2");
  }

  private static List<Integer> layersOf(ProbeHarness h, String metric) {
    return h.summaryRows().stream().filter(r -> r.metric().equals(metric)).map(r -> ((Number) r.keys().get(0)).intValue()).distinct().sorted().toList();
  }
}
