package org.invariance.plugins.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invariance.results.Claim;
import org.invariance.testing.FigureHarness;
import org.junit.jupiter.api.Test;

class DistanceFiguresTest {
  /** Two samples per layer whose mean is the given value; the normalised means are given separately. */
  private static List<String> rows(String model, double[] raw, double[] normalized) {
    List<String> r = new ArrayList<>();
    for (int l = 0; l < raw.length; l++) {
      int layer = l + 1;
      for (int s = 0; s < 2; s++) {
        r.add(model + ",0 vs mix," + layer + "," + s + ",distance," + (raw[l] + (s == 0 ? -0.5 : 0.5)));
        r.add(model + ",0 vs mix," + layer + "," + s + ",normalized_distance," + normalized[l]);
      }
      r.add(model + ",0 vs mix," + layer + ",,mean_distance," + raw[l]);
      r.add(model + ",0 vs mix," + layer + ",,mean_normalized_distance," + normalized[l]);
    }
    return r;
  }

  @Test
  void shrinkingMeansHoldAndARiseIsNamed() throws Exception {
    List<String> r = new ArrayList<>(rows("AER", new double[] {9, 7, 3, 1}, new double[] {0.30, 0.31, 0.2, 0.08}));
    FigureHarness h = FigureHarness.run(new DistanceFigures(), "{}", List.of("AER"), "model,dataset,layer,sample,metric,value", r);
    Claim raw = h.claim("AER", "(raw)");
    assertTrue(raw.held(), raw.measured());
    assertTrue(raw.measured().contains("0 vs mix: 9.00, 7.00, 3.00, 1.00"), raw.measured());
    Claim normalized = h.claim("AER", "sqrt");
    assertFalse(normalized.held());
    assertTrue(normalized.measured().contains("(rises 1→2)"), normalized.measured());
    assertEquals("Figure 5b", normalized.source());
    assertEquals(1, h.figure("5a").panels().size());
  }
}
