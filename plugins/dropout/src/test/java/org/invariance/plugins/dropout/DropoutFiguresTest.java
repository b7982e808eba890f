package org.invariance.plugins.dropout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invariance.results.Claim;
import org.invariance.testing.FigureHarness;
import org.junit.jupiter.api.Test;

class DropoutFiguresTest {
  private static final double[][] CURVE = {{0, 0.1, 0.2, 0.3}, {0.9, 0.8, 0.6, 0.5}};

  @Test
  void equivalentFractionInterpolatesTheMeanCurve() {
    assertEquals(0.15, DropoutFigures.equivalentFraction(CURVE, 0.7), 1e-12, "halfway between 0.8 at 10% and 0.6 at 20%");
    assertEquals(0.1, DropoutFigures.equivalentFraction(CURVE, 0.8), 1e-12);
    assertEquals(0.0, DropoutFigures.equivalentFraction(CURVE, 0.95), "no loss: no random neurons needed");
    assertEquals(Double.POSITIVE_INFINITY, DropoutFigures.equivalentFraction(CURVE, 0.4), "beyond the measured fractions");
  }

  /** Random dropout: two trials per fraction with the given means (±0.01); type A at fraction fa with accuracy acc. */
  private static List<String> rows(String model, String dataset, double fa, double acc) {
    List<String> r = new ArrayList<>();
    for (int i = 0; i < CURVE[0].length; i++) {
      r.add(model + "," + dataset + ",random," + CURVE[0][i] + ",0,accuracy," + (CURVE[1][i] - 0.01));
      r.add(model + "," + dataset + ",random," + CURVE[0][i] + ",1,accuracy," + (CURVE[1][i] + 0.01));
    }
    r.add(model + "," + dataset + ",A," + fa + ",,accuracy," + acc);
    r.add(model + "," + dataset + ",B2," + 0.5 + ",,accuracy,0.3");
    return r;
  }

  @Test
  void typeACostingTwiceItsShareOfRandomNeuronsHolds() throws Exception {
    List<String> r = new ArrayList<>(rows("AER", "MNIST_0", 0.075, 0.7)); // 15% random for 7.5% type A: 2x
    r.addAll(rows("AER", "MNIST_mix", 0.1, 0.6)); // 20% for 10%: 2x
    r.addAll(rows("AEUR", "MNIST_0", 0.1, 0.8)); // 10% for 10%: 1x
    FigureHarness h = FigureHarness.run(new DropoutFigures(), "{\"trials\": 2}", List.of("AER", "AEUR"), "model,dataset,drop,fraction,trial,metric,value", r);
    Claim twice = h.claim("AER", "twice");
    assertTrue(twice.held(), twice.measured());
    assertTrue(twice.measured().contains("MNIST_0: type A is 8% of the layer, accuracy 0.700; random dropout reaches it at 15% (2.00 x)"), twice.measured());
    Claim once = h.claim("AEUR", "twice");
    assertFalse(once.held());
    assertTrue(once.measured().contains("(1.00 x)"), once.measured());
    assertEquals(3, h.figure("11").panels().size());
  }
}
