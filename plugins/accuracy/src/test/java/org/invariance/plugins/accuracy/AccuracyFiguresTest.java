package org.invariance.plugins.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invariance.results.Claim;
import org.invariance.testing.FigureHarness;
import org.junit.jupiter.api.Test;

class AccuracyFiguresTest {
  private static final String HEADER = "model,dataset,amount,digit,metric,value";

  private static List<String> rows(double aer0, double aeur0, double aer30, double aeur30) {
    List<String> r = new ArrayList<>();
    r.add("AER,MNIST_30,30,all,accuracy," + aer30);
    r.add("AER,MNIST_0,0,all,accuracy," + aer0);
    r.add("AER,MNIST_mix,mix,all,accuracy,0.8");
    r.add("AER,MNIST_0,0,3,accuracy,0.9");
    r.add("AEUR,MNIST_30,30,all,accuracy," + aeur30);
    r.add("AEUR,MNIST_0,0,all,accuracy," + aeur0);
    r.add("AEUR,MNIST_mix,mix,all,accuracy,0.4");
    r.add("AEUR,MNIST_0,0,3,accuracy,0.7");
    return r;
  }

  private static FigureHarness run(List<String> rows) throws Exception {
    return FigureHarness.run(new AccuracyFigures(), "{}", List.of("AER", "AEUR"), HEADER, rows);
  }

  @Test
  void aerAheadOnRotatedSetsAndTiedUprightHoldsBothClaims() throws Exception {
    FigureHarness h = run(rows(0.87, 0.856, 0.85, 0.5));
    Claim tie = h.claim("AER vs AEUR", "nearly equally");
    assertTrue(tie.held(), tie.measured());
    assertTrue(tie.measured().contains("0.870 vs 0.856 (difference +0.014)"), tie.measured());
    Claim beats = h.claim("AER vs AEUR", "outperforms");
    assertTrue(beats.held());
    assertTrue(beats.measured().contains("higher on 2 of 2 rotated sets"), beats.measured());
    assertEquals(1, h.figure("2").panels().size());
    assertEquals(1, h.figure("3").panels().size());
  }

  @Test
  void aGapUprightIsNoTieAndOneLostRotatedSetIsNoWin() throws Exception {
    FigureHarness h = run(rows(0.87, 0.80, 0.5, 0.6));
    assertFalse(h.claim("AER vs AEUR", "nearly equally").held(), "0.07 apart is more than the 0.03 tie");
    Claim beats = h.claim("AER vs AEUR", "outperforms");
    assertFalse(beats.held());
    assertTrue(beats.measured().contains("higher on 1 of 2") && beats.measured().contains("smallest -0.100 (30°)"), beats.measured());
  }

  @Test
  void amountsSortNumericallyWithMixLast() {
    assertEquals(List.of("-90", "-15", "0", "15", "90", "mix"), AccuracyFigures.amountOrder(List.of("mix", "15", "-90", "0", "90", "-15")));
  }
}
