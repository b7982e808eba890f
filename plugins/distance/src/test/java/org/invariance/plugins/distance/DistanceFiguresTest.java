package org.invariance.plugins.distance;

import static org.invariance.testing.FigureHarness.assertSpeaksOfTheSetting;
import static org.invariance.testing.FigureHarness.fashion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.testing.FigureHarness;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.junit.jupiter.api.Test;

class DistanceFiguresTest {
  /** Two samples per layer whose mean is the given value; the normalised means are given separately. */
  private static List<String> rows(String model, double[] raw, double[] normalized) {
    return rows(model, "0 vs mix", new int[] {1, 2, 3, 4}, raw, normalized);
  }

  /** Lines of both files, the summary's without a sample cell; {@link #run} parts them. */
  private static List<String> rows(String model, String pair, int[] layers, double[] raw, double[] normalized) {
    List<String> r = new ArrayList<>();
    String datasets = pair.replace(" vs ", ",");
    for (int l = 0; l < raw.length; l++) {
      int layer = layers[l];
      for (int s = 0; s < 2; s++) {
        r.add(model + "," + datasets + "," + layer + "," + s + ",distance," + (raw[l] + (s == 0 ? -0.5 : 0.5)));
        r.add(model + "," + datasets + "," + layer + "," + s + ",normalized_distance," + normalized[l]);
      }
      r.add(model + "," + datasets + "," + layer + ",mean_distance," + raw[l]);
      r.add(model + "," + datasets + "," + layer + ",mean_normalized_distance," + normalized[l]);
    }
    return r;
  }

  private static FigureHarness run(ReportContext.Setting setting, String config, List<String> models, List<String> lines) throws Exception {
    List<String> raw = lines.stream().filter(l -> l.split(",").length == 7).toList();
    List<String> summary = lines.stream().filter(l -> l.split(",").length == 6).toList();
    return FigureHarness.run(new DistanceFigures(), setting, config, models, "model,dataset,other_dataset,layer,sample,metric,value", raw,
        "model,dataset,other_dataset,layer,metric,value", summary);
  }

  @Test
  void shrinkingMeansHoldAndARiseIsNamed() throws Exception {
    List<String> r = new ArrayList<>(rows("AER", new double[] {9, 7, 3, 1}, new double[] {0.30, 0.31, 0.2, 0.08}));
    // the study compares a pair of classifiers (one alone is not its setting); AEUR has no rows here
    FigureHarness h = run(FigureHarness.study(List.of("AER", "AEUR")), "{}", List.of("AER", "AEUR"), r);
    Claim raw = h.claim("AER", "(raw)");
    assertTrue(raw.held(), raw.measured());
    assertTrue(raw.isStudy(), "section 4 analyses the AER network, the first model");
    assertEquals("for every pair, each layer's mean below the previous layer's (ratio < 1, claim_max_ratio)", raw.test());
    assertTrue(raw.measured().contains("0 vs mix: 9.00, 7.00, 3.00, 1.00"), raw.measured());
    Claim normalized = h.claim("AER", "sqrt");
    assertFalse(normalized.held());
    assertTrue(normalized.measured().contains("(rises 1→2)"), normalized.measured());
    // raw means 9, 7, 3, 1: ratios 7/9, 3/7, 1/3; the largest, 7/9 ≈ 0.778, is below 1 (held)
    assertEquals(7.0 / 9, raw.value(), 1e-12);
    assertTrue(raw.quantity().contains("largest ratio") && raw.quantity().contains("raw"), raw.quantity());
    // normalised means 0.30, 0.31, 0.2, 0.08: ratios 0.31/0.30 ≈ 1.033, 0.2/0.31 ≈ 0.645, 0.08/0.2 = 0.4; the largest is above 1 (not held)
    assertEquals(0.31 / 0.30, normalized.value(), 1e-12);
    assertEquals("Figure 5b", normalized.source());
    assertEquals(1, h.figure("5a").panels().size());
    assertTrue(h.figure("5a").caption().contains("(layer 1: the input pixels; 2-4: the encoder's sigmoid layers)"), h.figure("5a").caption());
    // two samples per box, none beyond its whiskers
    assertTrue(h.figure("5a").caption().endsWith("Samples beyond the whiskers, not drawn one by one: AER 0.0%."), h.figure("5a").caption());
  }

  @Test
  void theRatioBoundComesFromTheExperimentAndTheSecondModelsRowsAreBeyondTheStudy() throws Exception {
    List<String> r = new ArrayList<>(rows("AER", new double[] {9, 7, 3, 1}, new double[] {0.30, 0.31, 0.2, 0.08}));
    r.addAll(rows("AEUR", new double[] {9, 7, 3, 1}, new double[] {0.30, 0.31, 0.2, 0.08}));
    // raw ratios 7/9 = 0.78, 3/7, 1/3: all below 1 but not all below 0.75
    FigureHarness h = run(FigureHarness.study(List.of("AER", "AEUR")), "{\"claim_max_ratio\": 0.75}", List.of("AER", "AEUR"), r);
    Claim raw = h.claim("AER", "(raw)");
    assertFalse(raw.held(), raw.measured());
    assertTrue(raw.measured().contains("0 vs mix: 9.00, 7.00, 3.00, 1.00 (ratio 0.778 at 1→2)"), raw.measured());
    assertEquals("for every pair, each layer's mean below 0.75 x the previous layer's (ratio < 0.75, claim_max_ratio)", raw.test());
    assertEquals(0.75, raw.threshold(), "the ratio the test states");
    // a bound above 1 lets the normalised 0.30 -> 0.31 (ratio 1.03) through
    Claim loose = run(FigureHarness.study(List.of("AER", "AEUR")), "{\"claim_max_ratio\": 1.05}", List.of("AER", "AEUR"), r).claim("AER", "sqrt");
    assertTrue(loose.held(), loose.measured());
    // AEUR: the same test, but section 4 analyses AER only
    assertEquals(Claim.Scope.BEYOND, h.claim("AEUR", "(raw)").scope());
    assertEquals(Claim.Scope.BEYOND, h.claim("AEUR", "sqrt").scope());
    assertEquals(2, h.studyClaims().size());
    assertEquals(2, h.beyondClaims().size());
  }

  @Test
  void theStudysCaptionAndClaimNameTheLayersTheProbeMeasured() throws Exception {
    List<String> r = rows("AER", "MNIST_0 vs MNIST_mix", new int[] {2, 4}, new double[] {3, 4}, new double[] {0.2, 0.1});
    FigureHarness h = run(FigureHarness.study(List.of("AER", "AEUR")), "{\"layers\": [2, 4]}", List.of("AER", "AEUR"), r);
    String caption = h.figure("5a").caption();
    assertTrue(caption.contains("(layers 2, 4: the encoder's sigmoid layers)"), caption);
    assertFalse(caption.contains("layer 1") || caption.contains("2-4"), caption);
    Claim raw = h.claim("AER", "(raw)");
    assertFalse(raw.held());
    assertTrue(raw.measured().contains("(rises 2→4)"), "the previous measured layer, not layer 3: " + raw.measured());
    assertEquals(4.0 / 3, raw.value(), 1e-12, "raw means 3 then 4: ratio 4/3, a rise");
    Claim normalized = h.claim("AER", "sqrt");
    assertTrue(normalized.held());
    assertEquals(0.5, normalized.value(), 1e-12, "normalised means 0.2 then 0.1: ratio 0.5");
  }

  @Test
  void boxesMarkNoOutliersOneByOneAndCountThoseBeyondTheWhiskers() {
    // 1..8 and 100: quartiles 3 and 7 (JFreeChart's), IQR 4, so the whiskers reach 1 and 8 and 100 lies beyond
    double[] values = {1, 2, 3, 4, 5, 6, 7, 8, 100};
    BoxAndWhiskerItem box = DistanceFigures.withoutOutlierMarks(values);
    assertEquals(8, box.getMaxRegularValue().doubleValue(), 0);
    assertEquals(1, box.getMinRegularValue().doubleValue(), 0);
    assertTrue(box.getOutliers().isEmpty(), "clustered outliers would be drawn as a double circle, read as two samples");
    assertEquals(136.0 / 9, box.getMean().doubleValue(), 1e-12);
    assertEquals(1, DistanceFigures.beyondWhiskers(values));
  }

  @Test
  void ratiosAgreeWithTheTestAtZero() {
    assertEquals(0.5, DistanceFigures.ratio(1, 2), 0);
    assertEquals(1.0, DistanceFigures.ratio(0, 0), 0, "0 after 0 does not shrink");
    assertEquals(Double.POSITIVE_INFINITY, DistanceFigures.ratio(1, 0), 0);
  }

  @Test
  void beyondTheStudyTheFiguresAreUnnumberedJudgeNothingAndSpeakOfScale() throws Exception {
    List<String> models = List.of("MLP", "MLP-scaled");
    List<String> r = new ArrayList<>();
    for (String m : models) {
      r.addAll(rows(m, "Fashion-MNIST_1.0 vs Fashion-MNIST_mix", new int[] {1, 2, 3}, new double[] {9, 7, 3}, new double[] {0.3, 0.2, 0.1}));
      r.addAll(rows(m, "Fashion-MNIST_1.0 vs Fashion-MNIST_0.8", new int[] {1, 2, 3}, new double[] {5, 4, 2}, new double[] {0.2, 0.1, 0.05}));
    }
    FigureHarness h = run(FigureHarness.setting("Fashion-MNIST", "scale", "mlp", models), "{}", models, r);
    assertEquals(2, h.figures.size(), "raw and normalised distances are drawn all the same");
    for (Figure f : h.figures) {
      assertNull(f.number(), "no study number outside the study's setting: " + f.title());
      assertEquals(2, f.panels().size());
      String words = f.title() + " | " + f.caption();
      assertTrue(f.title().contains("scale"), f.title());
      assertTrue(f.caption().contains("scale amounts"), f.caption());
      // the data's own name (Fashion-MNIST) is named; no other MNIST
      assertFalse(words.contains("rotat") || words.replace("Fashion-MNIST", "").contains("MNIST") || words.contains("encoder") || words.contains("Figure 5"), words);
    }
    assertTrue(h.figures.get(0).caption().contains("(layer 1: the input pixels; 2-3: the model's layers, counted from the input)"), h.figures.get(0).caption());
    assertTrue(h.claims.isEmpty(), "the study's claim is about its own pair of models: " + h.claims);
  }

  @Test
  void theStudysDataAndTransformWithAModelFromAnotherPluginIsBeyondTheStudy() throws Exception {
    List<String> r = new ArrayList<>(rows("AER", new double[] {9, 7, 3, 1}, new double[] {0.30, 0.31, 0.2, 0.08}));
    r.addAll(rows("CNN", new double[] {9, 7, 3, 1}, new double[] {0.30, 0.31, 0.2, 0.08}));
    FigureHarness h = run(FigureHarness.studyDataWithAnotherModel(), "{}", List.of("AER", "CNN"), r);
    assertEquals(2, h.figures.size());
    for (Figure f : h.figures) assertNull(f.number(), f.title());
    assertTrue(h.claims.isEmpty(), h.claims.toString());
    assertTrue(h.figures.get(0).title().contains("rotation"), h.figures.get(0).title());
  }

  @Test
  void beyondTheStudyTitlesAndCaptionsNameTheProbeTheTransformAndTheData() throws Exception {
    List<String> models = List.of("MLP", "MLP-contrast");
    List<String> r = new ArrayList<>();
    for (String m : models) r.addAll(rows(m, "FashionMNIST_1.0 vs FashionMNIST_0.5", new int[] {1, 2, 3}, new double[] {9, 7, 3}, new double[] {0.3, 0.2, 0.1}));
    List<String> raw = r.stream().filter(l -> l.split(",").length == 7).toList();
    List<String> summary = r.stream().filter(l -> l.split(",").length == 6).toList();
    FigureHarness h = FigureHarness.run(new DistanceFigures(), "distance-contrast", fashion("contrast", "mlp", models), "{}", models,
        "model,dataset,other_dataset,layer,sample,metric,value", raw, "model,dataset,other_dataset,layer,metric,value", summary);
    assertEquals(2, h.figures.size());
    for (Figure f : h.figures) {
      assertSpeaksOfTheSetting(f, "distance-contrast", h.setting());
      assertTrue(f.caption().contains("(FashionMNIST_1.0 vs FashionMNIST_0.5)"), "the pairs, from the rows: " + f.caption());
    }
    assertTrue(h.claims.isEmpty());
  }
}
