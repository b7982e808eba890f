package org.invariance.plugins.neurontypes;

import static org.invariance.testing.FigureHarness.FASHION_CLASSES;
import static org.invariance.testing.FigureHarness.assertSpeaksOfTheSetting;
import static org.invariance.testing.FigureHarness.assertWholeLabels;
import static org.invariance.testing.FigureHarness.fashion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.testing.FigureHarness;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.renderer.category.BarRenderer;
import org.junit.jupiter.api.Test;

class NeuronTypesFiguresTest {
  /** The probe's summary rows, all its figures read. */
  private static final String HEADER = "model,dataset,layer,digit,type,other_digit,metric,value";

  private static FigureHarness run(ReportContext.Setting setting, String config, List<String> models, List<String> summaryRows) throws Exception {
    return FigureHarness.run(new NeuronTypesFigures(), setting, config, models, "model,dataset,layer,digit,type,neuron,metric,value", List.of(), HEADER,
        summaryRows);
  }

  /**
   * Counts per layer 1..3 for each type, the same for all digits together and for each of the digits
   * 0..9, and a 2-digit Pearson table with off-diagonal r.
   */
  private static List<String> rows(String model, int[][] counts, double r) {
    return rows(model, "D", counts, r);
  }

  private static List<String> rows(String model, String dataset, int[][] counts, double r) {
    return rows(model, dataset, counts, -1, null, r);
  }

  /** As above, but digit {@code odd} has the counts {@code oddCounts} (its all-digit counts stay {@code counts}). */
  private static List<String> rows(String model, String dataset, int[][] counts, int odd, int[][] oddCounts, double r) {
    List<String> out = new ArrayList<>();
    String[] types = {"A", "B1", "B2"};
    int[] size = {100, 50, 20};
    List<String> digits = new ArrayList<>(List.of("")); // all digits together
    for (int d = 0; d < 10; d++) digits.add(Integer.toString(d));
    for (int l = 0; l < 3; l++) {
      for (int t = 0; t < 3; t++) {
        for (String digit : digits) {
          int c = digit.equals(Integer.toString(odd)) ? oddCounts[t][l] : counts[t][l];
          out.add(model + "," + dataset + "," + (l + 1) + "," + digit + "," + types[t] + ",,count," + c);
          out.add(model + "," + dataset + "," + (l + 1) + "," + digit + "," + types[t] + ",,fraction," + c / (double) size[l]);
        }
      }
    }
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) out.add(model + "," + dataset + ",3," + i + ",A," + j + ",pearson," + (i == j ? 1 : r));
    }
    return out;
  }

  @Test
  void countsFallingInEveryDigitAndLowCorrelationHoldAndTheSecondModelsRowsAreBeyondTheStudy() throws Exception {
    List<String> r = new ArrayList<>(rows("F", new int[][] {{20, 10, 4}, {10, 5, 2}, {70, 35, 14}}, 0.1));
    r.addAll(rows("G", new int[][] {{20, 10, 4}, {10, 12, 2}, {70, 35, 14}}, 0.6));
    FigureHarness h = run(FigureHarness.study(List.of("F", "G")), "{}", List.of("F", "G"), r);
    Claim falls = h.claim("F", "absolute number");
    assertTrue(falls.held(), falls.measured());
    assertTrue(falls.measured().startsWith("neurons per layer [1, 2, 3] and digit: A falls in 10 of 10 digits, per layer 20, 10, 4; "
        + "B1 falls in 10 of 10 digits, per layer 10, 5, 2; B2 falls in 10 of 10 digits, per layer 70, 35, 14; "
        + "all digits together: A: 20, 10, 4; B1: 10, 5, 2; B2: 70, 35, 14"), falls.measured());
    assertEquals("for every type, each layer's count below the previous layer's in at least 10 of the 10 digits (claim_min_digits)", falls.test());
    // every type falls in all 10 digits: the fewest is 10
    assertEquals(10, falls.value(), 0);
    assertEquals(10, falls.threshold(), 0, "at least 10 digits, as the test states");
    assertTrue(falls.quantity().contains("fewest digits"), falls.quantity());
    assertTrue(falls.isStudy(), "the study analyses its first model, AER");
    Claim rises = h.claim("G", "absolute number");
    assertFalse(rises.held(), "B1 rises from 10 in layer 1 to 12 in layer 2 in every digit");
    assertEquals(0, rises.value(), 0, "B1 falls in no digit");
    assertTrue(rises.measured().contains("B1 falls in 0 of 10 digits (not 0: 10→12 at layers 1→2; 1: 10→12 at layers 1→2;"), rises.measured());
    assertEquals(Claim.Scope.BEYOND, rises.scope(), "sections 4-5 analyse AER only: the second model's rows are comparisons beyond the study");
    Claim low = h.claim("F", "differ between digits");
    assertTrue(low.held());
    assertTrue(low.isStudy());
    assertTrue(low.measured().contains("mean off-diagonal r = 0.10 over 1 digit pairs"), low.measured());
    assertEquals("mean r < 0.3 (claim_max_correlation)", low.test());
    assertEquals(0.3, low.threshold(), "the correlation the test states");
    // the off-diagonal cells (0,1) and (1,0) both hold r = 0.1: their mean is 0.1
    assertEquals(0.1, low.value(), 1e-12);
    assertTrue(low.quantity().contains("mean off-diagonal"), low.quantity());
    Claim high = h.claim("G", "differ between digits");
    assertFalse(high.held());
    assertEquals(Claim.Scope.BEYOND, high.scope());
    assertEquals(0.6, high.value(), 1e-12, "(0.6 + 0.6) / 2");
    assertEquals(List.of(falls, low), h.studyClaims().stream().sorted(Comparator.comparing(Claim::source).reversed()).toList());
    // Figures 7 and 9: a panel per model and type (3 types x 2 models), digits as bars, layers as colours; 8: a panel per model
    assertEquals(List.of("F, type A", "F, type B1", "F, type B2", "G, type A", "G, type B1", "G, type B2"),
        h.figure("7").panels().stream().map(Figure.Panel::label).toList());
    assertEquals(2, h.figure("8").panels().size());
    assertEquals(6, h.figure("9").panels().size());
    assertTrue(h.figure("9").panels().get(0).chart().getCategoryPlot().getRenderer() instanceof BarRenderer, "digits are categories: bars, no line");
    // the correlations were computed in layer 3 (the top of these models): the figure and claim say so
    assertEquals("Correlation between the digits' type-A neurons in layer 3", h.figure("8").title());
    assertTrue(low.statement().contains("of layer 3") && !low.statement().contains("layer 4"), low.statement());
    assertTrue(h.figure("7").caption().contains("MNIST^i_d; colours are layers 1-3."), h.figure("7").caption());
  }

  /** Type A's count falls 20, 10, 4 for all digits together, but in digit 3 it rises from 10 in layer 2 to 11 in layer 3. */
  private static List<String> riseInDigitThree() {
    int[][] falling = {{20, 10, 4}, {10, 5, 2}, {70, 35, 14}};
    return rows("F", "D", falling, 3, new int[][] {{20, 10, 11}, {10, 5, 2}, {70, 35, 14}}, 0.1);
  }

  @Test
  void aRiseInOneDigitThatTheAllDigitCountsHideFailsTheClaim() throws Exception {
    FigureHarness h = run(FigureHarness.study(List.of("F", "G")), "{}", List.of("F", "G"), riseInDigitThree());
    Claim c = h.claim("F", "absolute number");
    // the old rule read the all-digit counts (20, 10, 4: falling) and held; Figure 9 shows digit 3's rise
    assertFalse(c.held(), c.measured());
    assertTrue(c.measured().contains("A falls in 9 of 10 digits (not 3: 10→11 at layers 2→3), per layer 20, 10, 4-11"), c.measured());
    assertTrue(c.measured().contains("all digits together: A: 20, 10, 4"), c.measured());
    assertEquals(9, c.value(), 0, "type A falls in 9 digits, B1 and B2 in 10: the fewest is 9");
  }

  @Test
  void theThresholdsComeFromTheExperimentAndTheTestsSayWhichTheyUsed() throws Exception {
    FigureHarness h = run(FigureHarness.study(List.of("F", "G")), "{\"claim_min_digits\": 9, \"claim_max_correlation\": 0.05}", List.of("F", "G"), riseInDigitThree());
    Claim c = h.claim("F", "absolute number");
    assertTrue(c.held(), "9 of 10 digits is enough when the experiment asks for 9: " + c.measured());
    assertTrue(c.test().contains("in at least 9 of the 10 digits (claim_min_digits)"), c.test());
    Claim low = h.claim("F", "differ between digits");
    assertFalse(low.held(), "r = 0.1 is not below 0.05");
    assertEquals("mean r < 0.05 (claim_max_correlation)", low.test());
  }

  private static final int[][] FALLING = {{20, 10, 4}, {10, 5, 2}, {70, 35, 14}};

  @Test
  void beyondTheStudyTheFiguresAreUnnumberedJudgeNothingAndSpeakOfClassesAndScale() throws Exception {
    List<String> models = List.of("MLP", "MLP-scaled");
    String d = "{Fashion-MNIST_1.0;Fashion-MNIST_mix;Fashion-MNIST_0.8;Fashion-MNIST_1.2}"; // the set D (the harness's cells hold no commas)
    List<String> r = new ArrayList<>(rows("MLP", d, FALLING, 0.1));
    r.addAll(rows("MLP-scaled", d, FALLING, 0.1));
    FigureHarness h = run(FigureHarness.setting("Fashion-MNIST", "scale", "mlp", models), "{}", models, r);
    assertEquals(3, h.figures.size(), "fractions, counts and correlations are drawn all the same");
    for (Figure f : h.figures) {
      assertNull(f.number(), "no study number outside the study's setting: " + f.title());
      assertEquals(f.title().contains("Correlation") ? 2 : 6, f.panels().size(), f.title());
      String words = f.title() + " | " + f.caption();
      assertTrue(words.contains("class"), words);
      assertFalse(words.contains("digit") || words.contains("rotat") || words.contains("Figure 7") || words.contains("layer 4"), words);
      assertFalse(words.replace("Fashion-MNIST", "").contains("MNIST"), words);
    }
    assertTrue(h.figures.get(0).caption().contains("Fashion-MNIST^i_d") && h.figures.get(0).caption().contains("scale amounts"), h.figures.get(0).caption());
    assertTrue(h.figures.get(0).caption().contains("colours are layers 1-3"), h.figures.get(0).caption());
    // beyond the study the title goes on to name the probe and its transform
    assertTrue(h.figures.get(2).title().startsWith("Correlation between the classes' type-A neurons in layer 3"), h.figures.get(2).title());
    assertTrue(h.claims.isEmpty(), "falling counts and low correlations, but the claims are the study's: " + h.claims);
  }

  @Test
  void theStudysDataAndTransformWithAModelFromAnotherPluginIsBeyondTheStudy() throws Exception {
    Map<String, String> plugins = new LinkedHashMap<>();
    plugins.put("F", "frozen-head");
    plugins.put("CNN", "dl4j");
    List<String> r = new ArrayList<>(rows("F", FALLING, 0.1));
    r.addAll(rows("CNN", FALLING, 0.1));
    FigureHarness h = run(new ReportContext.Setting("MNIST", "rotation", "rotation", plugins), "{}", List.of("F", "CNN"), r);
    assertEquals(3, h.figures.size());
    for (Figure f : h.figures) assertNull(f.number(), f.title());
    assertTrue(h.claims.isEmpty(), h.claims.toString());
  }

  @Test
  void beyondTheStudyTheClassesAreNamedWholeOnTheAxesAndTheWordsAreTheSettings() throws Exception {
    List<String> models = List.of("MLP", "MLP-contrast");
    String d = "{FashionMNIST_1.0;FashionMNIST_mix;FashionMNIST_0.5}";
    List<String> r = new ArrayList<>(rows("MLP", d, FALLING, 0.1));
    r.addAll(rows("MLP-contrast", d, FALLING, 0.1));
    FigureHarness h = FigureHarness.run(new NeuronTypesFigures(), "types-contrast", fashion("contrast", "mlp", models), "{}", models,
        "model,dataset,layer,digit,type,neuron,metric,value", List.of(), HEADER, r);
    assertEquals(3, h.figures.size());
    for (Figure f : h.figures) assertSpeaksOfTheSetting(f, "types-contrast", h.setting());
    assertTrue(h.figures.get(0).caption().contains("class i as the data names it"), h.figures.get(0).caption());
    Figure.Panel fractions = h.figures.get(0).panels().get(0);
    List<String> axis = new ArrayList<>();
    for (Object k : fractions.chart().getCategoryPlot().getDataset().getColumnKeys()) axis.add(k.toString());
    assertEquals(FASHION_CLASSES, axis, "the classes by name");
    assertWholeLabels(fractions, FASHION_CLASSES);
    SymbolAxis x = (SymbolAxis) h.figures.get(2).panels().get(0).chart().getXYPlot().getDomainAxis();
    assertEquals(List.of("T-shirt_top", "Trouser"), List.of(x.getSymbols()), "the correlations' classes by name");
    assertTrue(h.claims.isEmpty());
  }
}
