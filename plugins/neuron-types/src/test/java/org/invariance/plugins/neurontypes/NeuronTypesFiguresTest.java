package org.invariance.plugins.neurontypes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invariance.results.Claim;
import org.invariance.testing.FigureHarness;
import org.junit.jupiter.api.Test;

class NeuronTypesFiguresTest {
  private static final String HEADER = "model,dataset,layer,digit,type,neuron,other_digit,metric,value";

  /** Counts per layer 1..3 for each type (all digits and digit 0), and a 2-digit Pearson table with off-diagonal r. */
  private static List<String> rows(String model, int[][] counts, double r) {
    List<String> out = new ArrayList<>();
    String[] types = {"A", "B1", "B2"};
    int[] size = {100, 50, 20};
    for (int l = 0; l < 3; l++) {
      for (int t = 0; t < 3; t++) {
        for (String digit : List.of("all", "0")) {
          out.add(model + ",D," + (l + 1) + "," + digit + "," + types[t] + ",,,count," + counts[t][l]);
          out.add(model + ",D," + (l + 1) + "," + digit + "," + types[t] + ",,,fraction," + counts[t][l] / (double) size[l]);
        }
      }
    }
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) out.add(model + ",D,3," + i + ",A,," + j + ",pearson," + (i == j ? 1 : r));
    }
    return out;
  }

  @Test
  void countsFallingInEveryLayerAndLowCorrelationHold() throws Exception {
    List<String> r = new ArrayList<>(rows("F", new int[][] {{20, 10, 4}, {10, 5, 2}, {70, 35, 14}}, 0.1));
    r.addAll(rows("G", new int[][] {{20, 10, 4}, {10, 12, 2}, {70, 35, 14}}, 0.6));
    FigureHarness h = FigureHarness.run(new NeuronTypesFigures(), "{}", List.of("F", "G"), HEADER, r);
    Claim falls = h.claim("F", "absolute number");
    assertTrue(falls.held(), falls.measured());
    assertTrue(falls.measured().contains("A: 20, 10, 4; B1: 10, 5, 2; B2: 70, 35, 14"), falls.measured());
    assertFalse(h.claim("G", "absolute number").held(), "B1 rises from 10 in layer 1 to 12 in layer 2");
    Claim low = h.claim("F", "differ between digits");
    assertTrue(low.held());
    assertTrue(low.measured().contains("mean off-diagonal r = 0.10 over 1 digit pairs"), low.measured());
    assertFalse(h.claim("G", "differ between digits").held());
    assertEquals(2, h.figure("7").panels().size());
    assertEquals(2, h.figure("8").panels().size());
    assertEquals(2, h.figure("9").panels().size());
  }
}
