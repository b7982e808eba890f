package org.invariance.plugins.neurontypes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.testing.FigureHarness;
import org.junit.jupiter.api.Test;

class NeuronTypesFiguresTest {
  private static final String HEADER = "model,dataset,layer,digit,type,neuron,other_digit,metric,value";

  /** Counts per layer 1..3 for each type (all digits and digit 0), and a 2-digit Pearson table with off-diagonal r. */
  private static List<String> rows(String model, int[][] counts, double r) {
    return rows(model, "D", counts, r);
  }

  private static List<String> rows(String model, String dataset, int[][] counts, double r) {
    List<String> out = new ArrayList<>();
    String[] types = {"A", "B1", "B2"};
    int[] size = {100, 50, 20};
    for (int l = 0; l < 3; l++) {
      for (int t = 0; t < 3; t++) {
        for (String digit : List.of("all", "0")) {
          out.add(model + "," + dataset + "," + (l + 1) + "," + digit + "," + types[t] + ",,,count," + counts[t][l]);
          out.add(model + "," + dataset + "," + (l + 1) + "," + digit + "," + types[t] + ",,,fraction," + counts[t][l] / (double) size[l]);
        }
      }
    }
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) out.add(model + "," + dataset + ",3," + i + ",A,," + j + ",pearson," + (i == j ? 1 : r));
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
    // F: every type halves from layer 1 to 2 (10/20, 5/10, 35/70 = 0.5) and falls to 0.4 of it from 2 to 3 (4/10, 2/5, 14/35): largest 0.5
    assertEquals(0.5, falls.value(), 1e-12);
    assertTrue(falls.quantity().contains("largest ratio"), falls.quantity());
    Claim rises = h.claim("G", "absolute number");
    assertFalse(rises.held(), "B1 rises from 10 in layer 1 to 12 in layer 2");
    assertEquals(1.2, rises.value(), 1e-12, "B1: 12 / 10");
    Claim low = h.claim("F", "differ between digits");
    assertTrue(low.held());
    assertTrue(low.measured().contains("mean off-diagonal r = 0.10 over 1 digit pairs"), low.measured());
    // the off-diagonal cells (0,1) and (1,0) both hold r = 0.1: their mean is 0.1
    assertEquals(0.1, low.value(), 1e-12);
    assertTrue(low.quantity().contains("mean off-diagonal"), low.quantity());
    Claim high = h.claim("G", "differ between digits");
    assertFalse(high.held());
    assertEquals(0.6, high.value(), 1e-12, "(0.6 + 0.6) / 2");
    assertEquals(2, h.figure("7").panels().size());
    assertEquals(2, h.figure("8").panels().size());
    assertEquals(2, h.figure("9").panels().size());
    // the correlations were computed in layer 3 (the top of these models): the figure and claim say so
    assertEquals("Correlation between the digits' type-A neurons in layer 3", h.figure("8").title());
    assertTrue(low.statement().contains("of layer 3") && !low.statement().contains("layer 4"), low.statement());
    assertTrue(h.figure("7").caption().contains("MNIST^i_d; colours are layers 1-3."), h.figure("7").caption());
  }

  private static final int[][] FALLING = {{20, 10, 4}, {10, 5, 2}, {70, 35, 14}};

  @Test
  void beyondTheStudyTheFiguresAreUnnumberedJudgeNothingAndSpeakOfClassesAndScale() throws Exception {
    List<String> models = List.of("MLP", "MLP-scaled");
    String d = "{Fashion-MNIST_1.0;Fashion-MNIST_mix;Fashion-MNIST_0.8;Fashion-MNIST_1.2}"; // the set D (the harness's cells hold no commas)
    List<String> r = new ArrayList<>(rows("MLP", d, FALLING, 0.1));
    r.addAll(rows("MLP-scaled", d, FALLING, 0.1));
    FigureHarness h = FigureHarness.run(new NeuronTypesFigures(), FigureHarness.setting("Fashion-MNIST", "scale", "mlp", models), "{}", models, HEADER, r);
    assertEquals(3, h.figures.size(), "fractions, counts and correlations are drawn all the same");
    for (Figure f : h.figures) {
      assertNull(f.number(), "no study number outside the study's setting: " + f.title());
      assertEquals(2, f.panels().size());
      String words = f.title() + " | " + f.caption();
      assertTrue(words.contains("class"), words);
      assertFalse(words.contains("digit") || words.contains("rotat") || words.contains("Figure 7") || words.contains("layer 4"), words);
      assertFalse(words.replace("Fashion-MNIST", "").contains("MNIST"), words);
    }
    assertTrue(h.figures.get(0).caption().contains("Fashion-MNIST^i_d") && h.figures.get(0).caption().contains("scale amounts"), h.figures.get(0).caption());
    assertTrue(h.figures.get(0).caption().contains("colours are layers 1-3"), h.figures.get(0).caption());
    assertEquals("Correlation between the classes' type-A neurons in layer 3", h.figures.get(2).title());
    assertTrue(h.claims.isEmpty(), "falling counts and low correlations, but the claims are the study's: " + h.claims);
  }

  @Test
  void theStudysDataAndTransformWithAModelFromAnotherPluginIsBeyondTheStudy() throws Exception {
    Map<String, String> plugins = new LinkedHashMap<>();
    plugins.put("F", "frozen-head");
    plugins.put("CNN", "dl4j");
    List<String> r = new ArrayList<>(rows("F", FALLING, 0.1));
    r.addAll(rows("CNN", FALLING, 0.1));
    FigureHarness h = FigureHarness.run(new NeuronTypesFigures(), new ReportContext.Setting("MNIST", "rotation", "rotation", plugins), "{}",
        List.of("F", "CNN"), HEADER, r);
    assertEquals(3, h.figures.size());
    for (Figure f : h.figures) assertNull(f.number(), f.title());
    assertTrue(h.claims.isEmpty(), h.claims.toString());
  }
}
