package org.invariance.plugins.ablation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invariance.results.Claim;
import org.invariance.testing.FigureHarness;
import org.junit.jupiter.api.Test;

class AblationFiguresTest {
  /** Type-A mean relative changes per digit 0..9; B1 and B2 lose nothing. */
  private static List<String> rows(String model, double... typeA) {
    List<String> r = new ArrayList<>();
    for (String type : List.of("A", "B1", "B2")) {
      r.add(model + ",D," + type + ",,neurons,3");
      for (int d = 0; d < 10; d++) {
        r.add(model + ",MNIST_0," + type + "," + d + ",mean_activity,0.5");
        r.add(model + ",MNIST_0," + type + "," + d + ",std_activity,0.1");
        r.add(model + ",D," + type + "," + d + ",mean_relative_change," + (type.equals("A") ? typeA[d] : 0));
      }
    }
    return r;
  }

  @Test
  void digitOneFirstThenSevenAndNineHolds() throws Exception {
    List<String> r = new ArrayList<>(rows("AER", 0, 0.30, 0.01, 0, 0, 0, 0, 0.12, 0, 0.10));
    r.addAll(rows("AEUR", 0, 0.30, 0.20, 0, 0, 0, 0, 0.12, 0, 0.10));
    FigureHarness h = FigureHarness.run(new AblationFigures(), "{\"digit\": 1}", List.of("AER", "AEUR"), "model,dataset,type,digit,metric,value", r);
    Claim held = h.claim("AER", "type-A");
    assertTrue(held.held(), held.measured());
    assertTrue(held.measured().contains("1 (30.0%), 7 (12.0%), 9 (10.0%)"), held.measured());
    Claim not = h.claim("AEUR", "type-A");
    assertFalse(not.held(), "digit 2 ranks second: " + not.measured());
    assertTrue(h.figure("10").panels().size() == 4);
  }

  @Test
  void theClaimIsTheStudysForDigitOneOnly() throws Exception {
    FigureHarness h = FigureHarness.run(new AblationFigures(), "{\"digit\": 4}", List.of("AER"), "model,dataset,type,digit,metric,value",
        rows("AER", 0, 0.30, 0.01, 0, 0, 0, 0, 0.12, 0, 0.10));
    assertTrue(h.claims.isEmpty(), h.claims.toString());
  }
}
