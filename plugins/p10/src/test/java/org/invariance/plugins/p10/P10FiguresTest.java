package org.invariance.plugins.p10;

import static org.invariance.testing.FigureHarness.assertSpeaksOfTheSetting;
import static org.invariance.testing.FigureHarness.fashion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.testing.FigureHarness;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class P10FiguresTest {
  private static void layer(List<String> r, String model, String dataset, int layer, double... p10) {
    for (int n = 0; n < p10.length; n++) r.add(model + "," + dataset + "," + layer + "," + n + ",p10," + p10[n]);
  }

  @Test
  void sameActiveNeuronsHoldReversedOnesDoNot() throws Exception {
    List<String> r = new ArrayList<>();
    // model S: MNIST_30's p10 is MNIST_0's scaled (r = 1) in both layers
    layer(r, "S", "MNIST_0", 1, 0.1, 0.3, 0.0, 0.2);
    layer(r, "S", "MNIST_30", 1, 0.05, 0.15, 0.0, 0.1);
    layer(r, "S", "MNIST_0", 2, 0.4, 0.0, 0.1);
    layer(r, "S", "MNIST_30", 2, 0.4, 0.0, 0.1);
    // model R: layer 2 swaps which of two neurons is active
    layer(r, "R", "MNIST_0", 1, 0.1, 0.3, 0.0, 0.2);
    layer(r, "R", "MNIST_30", 1, 0.1, 0.3, 0.0, 0.2);
    layer(r, "R", "MNIST_0", 2, 0.4, 0.0, 0.2);
    layer(r, "R", "MNIST_30", 2, 0.0, 0.4, 0.2);
    FigureHarness h = FigureHarness.run(new P10Figures(), "{\"fraction\": 0.1}", List.of("S", "R"), "model,dataset,layer,neuron,metric,value", r);
    Claim same = h.claim("S", "same neurons");
    assertTrue(same.held(), same.measured());
    assertTrue(same.isStudy(), "the study analyses its first model, AER");
    assertEquals("mean r ≥ 0.8 in every layer (claim_min_correlation)", same.test());
    assertTrue(same.measured().contains("layer 1: mean r 1.00") && same.measured().contains("layer 2: mean r 1.00"), same.measured());
    Claim reversed = h.claim("R", "same neurons");
    assertFalse(reversed.held());
    assertEquals(Claim.Scope.BEYOND, reversed.scope(), "sections 4-5 analyse AER only: the second model's row is a comparison beyond the study");
    // deviations (0.2,-0.2,0) and (-0.2,0.2,0): r = -1
    assertTrue(reversed.measured().contains("layer 2: mean r -1.00"), reversed.measured());
    // S: r = 1 in both layers, the lowest is 1; R: r = 1 in layer 1 (same p10) and -1 in layer 2, the lowest is -1
    assertEquals(1.0, same.value(), 1e-12);
    assertEquals(-1.0, reversed.value(), 1e-12);
    assertTrue(reversed.quantity().contains("lowest per-layer mean") && reversed.quantity().contains("MNIST_0"), reversed.quantity());
    assertEquals(2, h.figure("6").panels().size(), "layer 2 of both models");
    assertEquals(4, h.figure("12").panels().size(), "2 layers x 2 models");
    // Figure 12 sets each neuron's p10 under MNIST_30 (y) against its p10 on MNIST_0 (x), r in the legend
    XYDataset reversedLayer2 = h.figure("12").panels().stream().filter(p -> p.label().equals("R, layer 2")).findFirst().orElseThrow()
        .chart().getXYPlot().getDataset();
    assertEquals(1, reversedLayer2.getSeriesCount(), "one series per dataset other than the first");
    assertEquals("MNIST_30, r = -1.00", reversedLayer2.getSeriesKey(0));
    assertEquals(0.4, reversedLayer2.getXValue(0, 0), 1e-12, "neuron 0 on MNIST_0");
    assertEquals(0.0, reversedLayer2.getYValue(0, 0), 1e-12, "neuron 0 on MNIST_30");
    assertEquals(0.4, reversedLayer2.getYValue(0, 1), 1e-12, "neuron 1 on MNIST_30");
    // both axes run from 0 to the largest p10 (0.4), so the diagonal is the same line in every panel
    assertEquals(0.4, h.figure("12").panels().get(0).chart().getXYPlot().getDomainAxis().getUpperBound(), 1e-12);
    assertEquals(0.4, h.figure("12").panels().get(0).chart().getXYPlot().getRangeAxis().getUpperBound(), 1e-12);
  }

  private static final String HEADER = "model,dataset,layer,neuron,metric,value";

  @Test
  void theCorrelationThresholdComesFromTheExperimentAndTheTestSaysWhichItUsed() throws Exception {
    List<String> r = new ArrayList<>();
    // deviations from the means: MNIST_0 (-1.5, -0.5, 0.5, 1.5) / 10, MNIST_30 (-1.75, 0.25, -0.75, 2.25) / 10:
    // r = 5.5 / sqrt(5 * 8.75) = 0.83
    layer(r, "S", "MNIST_0", 2, 0.0, 0.1, 0.2, 0.3);
    layer(r, "S", "MNIST_30", 2, 0.0, 0.2, 0.1, 0.4);
    Claim byDefault = FigureHarness.run(new P10Figures(), "{}", List.of("S", "R"), HEADER, r).claim("S", "same neurons");
    assertTrue(byDefault.held(), "0.83 ≥ 0.8: " + byDefault.measured());
    assertEquals(5.5 / Math.sqrt(5 * 8.75), byDefault.value(), 1e-12);
    assertTrue(byDefault.measured().contains("layer 2: mean r 0.83"), byDefault.measured());
    Claim strict = FigureHarness.run(new P10Figures(), "{\"claim_min_correlation\": 0.9}", List.of("S", "R"), HEADER, r).claim("S", "same neurons");
    assertFalse(strict.held(), "0.83 < 0.9");
    assertEquals("mean r ≥ 0.9 in every layer (claim_min_correlation)", strict.test());
    assertEquals(0.9, strict.threshold(), "the correlation the test states");
  }

  /** The same p10 on every dataset and layer: the study's claim would hold for every model. */
  private static List<String> same(List<String> models, List<String> datasets, int... layers) {
    List<String> r = new ArrayList<>();
    for (String m : models) for (String d : datasets) for (int l : layers) layer(r, m, d, l, 0.4, 0.0, 0.1, 0.3);
    return r;
  }

  @Test
  void theStudysCaptionsNameTheLayersMeasured() throws Exception {
    List<String> models = List.of("AER", "AEUR");
    FigureHarness h = FigureHarness.run(new P10Figures(), "{}", models, HEADER, same(models, List.of("MNIST_0", "MNIST_30"), 1, 2, 3, 4));
    assertEquals("p10 of every neuron, layers 1-4", h.figure("12").title());
    assertTrue(h.figure("12").caption().contains("(rows: layer 1, the input pixels, to layer 4)"), h.figure("12").caption());
    assertEquals("p10 of the first 80 neurons of layer 2", h.figure("6").title());

    // only layers 3 and 4 measured: no layer 2, so no Figure 6, and Figure 12 says which layers it shows
    FigureHarness upper = FigureHarness.run(new P10Figures(), "{\"layers\": [3, 4]}", models, HEADER, same(models, List.of("MNIST_0", "MNIST_30"), 3, 4));
    assertEquals("p10 of every neuron, layers 3-4", upper.figure("12").title());
    assertTrue(upper.figure("12").caption().contains("(rows: layer 3 to layer 4)"), upper.figure("12").caption());
    assertTrue(upper.figures.stream().noneMatch(f -> "6".equals(f.number())), "the study's Figure 6 is layer 2");
    assertEquals("Figure 12", upper.claim("AER", "same neurons").source());
  }

  @Test
  void beyondTheStudyTheFiguresAreUnnumberedJudgeNothingAndSpeakOfScale() throws Exception {
    List<String> models = List.of("MLP", "MLP-scaled");
    List<String> datasets = List.of("Fashion-MNIST_1.0", "Fashion-MNIST_mix", "Fashion-MNIST_0.8", "Fashion-MNIST_1.2");
    FigureHarness h = FigureHarness.run(new P10Figures(), FigureHarness.setting("Fashion-MNIST", "scale", "mlp", models), "{\"fraction\": 0.1}", models,
        HEADER, same(models, datasets, 1, 2, 3));
    assertEquals(2, h.figures.size(), "the first neurons of layer 2 and every neuron of every layer, drawn all the same");
    for (Figure f : h.figures) {
      assertNull(f.number(), "no study number outside the study's setting: " + f.title());
      String words = f.title() + " | " + f.caption();
      assertTrue(f.caption().contains("scale amount"), f.caption());
      // the data's own name (Fashion-MNIST) is named; no other MNIST
      assertFalse(words.contains("rotat") || words.replace("Fashion-MNIST", "").contains("MNIST") || words.contains("layer 4") || words.contains("1-4"), words);
    }
    assertEquals(2, h.figures.get(0).panels().size());
    // beyond the study the title goes on to name the probe and its transform
    assertTrue(h.figures.get(1).title().startsWith("p10 of every neuron, layers 1-3"), h.figures.get(1).title());
    assertEquals(6, h.figures.get(1).panels().size(), "3 layers x 2 models");
    assertTrue(h.claims.isEmpty(), "the study's claim is about its own pair of models: " + h.claims);
  }

  @Test
  void theStudysDataAndTransformWithAModelFromAnotherPluginIsBeyondTheStudy() throws Exception {
    List<String> models = List.of("AER", "CNN");
    FigureHarness h = FigureHarness.run(new P10Figures(), FigureHarness.studyDataWithAnotherModel(), "{}", models, HEADER,
        same(models, List.of("MNIST_0", "MNIST_30"), 1, 2));
    assertEquals(2, h.figures.size());
    for (Figure f : h.figures) assertNull(f.number(), f.title());
    assertTrue(h.claims.isEmpty(), h.claims.toString());
  }

  @Test
  void beyondTheStudyTitlesAndCaptionsNameTheProbeTheTransformAndTheData() throws Exception {
    List<String> models = List.of("MLP", "MLP-contrast");
    FigureHarness h = FigureHarness.run(new P10Figures(), "p10-contrast", fashion("contrast", "mlp", models), "{}", models, HEADER,
        same(models, List.of("FashionMNIST_1.0", "FashionMNIST_mix", "FashionMNIST_0.5"), 1, 2, 3));
    assertEquals(2, h.figures.size());
    for (Figure f : h.figures) assertSpeaksOfTheSetting(f, "p10-contrast", h.setting());
    assertTrue(h.figures.get(0).caption().contains("FashionMNIST_mix"), h.figures.get(0).caption());
    assertTrue(h.claims.isEmpty());
  }
}
