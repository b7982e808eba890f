package org.invariance.plugins.dropout;

import static org.invariance.testing.FigureHarness.assertSpeaksOfTheSetting;
import static org.invariance.testing.FigureHarness.fashion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invariance.config.InvalidConfig;
import org.invariance.experiment.ConfigException;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.plugin.PluginRegistry;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.invariance.testing.FigureHarness;
import org.invariance.testing.TestPlugins;
import org.jfree.data.xy.YIntervalSeries;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropoutFiguresTest {
  private static final double[][] CURVE = {{0, 0.1, 0.2, 0.3}, {0.9, 0.8, 0.6, 0.5}};

  @Test
  void equivalentFractionInterpolatesTheMeanCurve() {
    assertEquals(0.15, DropoutFigures.equivalentFraction(CURVE, 0.7), 1e-12, "halfway between 0.8 at 10% and 0.6 at 20%");
    assertEquals(0.1, DropoutFigures.equivalentFraction(CURVE, 0.8), 1e-12);
    assertEquals(0.0, DropoutFigures.equivalentFraction(CURVE, 0.95), "no loss: no random neurons needed");
    assertEquals(Double.POSITIVE_INFINITY, DropoutFigures.equivalentFraction(CURVE, 0.4), "beyond the measured fractions");
  }

  /**
   * Random dropout: two trials per fraction and, as summary lines (no trial cell), their given means
   * (the trials ±0.01); type A at fraction fa with accuracy acc. {@link #run} parts the lines.
   */
  private static List<String> rows(String model, String dataset, double fa, double acc) {
    List<String> r = new ArrayList<>();
    for (int i = 0; i < CURVE[0].length; i++) {
      r.add(model + "," + dataset + ",random," + CURVE[0][i] + ",0,accuracy," + (CURVE[1][i] - 0.01));
      r.add(model + "," + dataset + ",random," + CURVE[0][i] + ",1,accuracy," + (CURVE[1][i] + 0.01));
      r.add(model + "," + dataset + ",random," + CURVE[0][i] + ",accuracy," + CURVE[1][i]);
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
    FigureHarness h = run(FigureHarness.study(List.of("AER", "AEUR")), "{\"trials\": 2}", List.of("AER", "AEUR"), r);
    Claim twice = h.claim("AER", "twice");
    assertTrue(twice.held(), twice.measured());
    assertTrue(twice.isStudy(), "the study makes the claim for AER");
    assertTrue(twice.test().contains("in [1.5, 2.5] (claim_band)"), twice.test());
    assertTrue(twice.measured().contains("MNIST_0: type A is 8% of the layer, accuracy 0.700; random dropout reaches it at 15% (2.00 x)"), twice.measured());
    Claim once = h.claim("AEUR", "twice");
    assertFalse(once.held());
    assertEquals(Claim.Scope.BEYOND, once.scope(), "sections 4-5 analyse AER only: AEUR's row is a comparison beyond the study");
    assertEquals(List.of(twice), h.studyClaims());
    assertTrue(once.measured().contains("(1.00 x)"), once.measured());
    assertEquals(3, h.figure("11").panels().size());
    // AER: 0.15 / 0.075 = 2 on MNIST_0 and 0.2 / 0.1 = 2 on MNIST_mix: the weakest dataset's ratio is 2
    assertEquals(2.0, twice.value(), 1e-9);
    assertTrue(twice.quantity().contains("type-A fraction") && twice.quantity().contains("[1.5, 2.5]"), twice.quantity());
    // AEUR: accuracy 0.8 is the curve's at 10%, for 10% type A: 0.1 / 0.1 = 1, below 1.5
    assertEquals(1.0, once.value(), 1e-9);
  }

  /** AER: 2.0 on MNIST_0, 2.8 on MNIST_mix; AEUR: 2.0, then infinite. */
  private static List<String> twoAndNearlyThree() {
    List<String> r = new ArrayList<>(rows("AER", "MNIST_0", 0.075, 0.7)); // 0.15 / 0.075 = 2.0
    // accuracy 0.52 lies between 0.6 at 20% and 0.5 at 30%: 0.2 + (0.6 - 0.52) / (0.6 - 0.5) * 0.1 = 0.28; 0.28 / 0.1 = 2.8
    r.addAll(rows("AER", "MNIST_mix", 0.1, 0.52));
    r.addAll(rows("AEUR", "MNIST_0", 0.075, 0.7)); // 2.0 again
    r.addAll(rows("AEUR", "MNIST_mix", 0.1, 0.4)); // random dropout never falls to 0.4 within 30%: ratio infinite, outside
    return r;
  }

  @Test
  void nearlyThreeTimesIsNotNearlyTwiceAndTheHeadlineRatioIsTheDatasetFarthestOutsideTheBand() throws Exception {
    FigureHarness h = run(FigureHarness.study(List.of("AER", "AEUR")), "{\"trials\": 2}", List.of("AER", "AEUR"), twoAndNearlyThree());
    Claim aer = h.claim("AER", "twice");
    // the old band [1.5, 3.0] let 2.8 pass; the study's "nearly twice" is [1.5, 2.5]: 2.8 lies 0.3 above it
    assertFalse(aer.held(), aer.measured());
    assertTrue(aer.measured().contains("MNIST_mix: type A is 10% of the layer, accuracy 0.520; random dropout reaches it at 28% (2.80 x)"), aer.measured());
    assertEquals(2.8, aer.value(), 1e-9, "2.8 is 0.3 outside the upper bound, 2.0 is 0.5 inside: 2.8 is the one the test turns on");
    Claim aeur = h.claim("AEUR", "twice");
    assertFalse(aeur.held());
    assertEquals(Double.POSITIVE_INFINITY, aeur.value());
  }

  @Test
  void theBandComesFromTheExperimentAndTheTestSaysWhichItUsed() throws Exception {
    FigureHarness h = run(FigureHarness.study(List.of("AER", "AEUR")), "{\"trials\": 2, \"claim_band\": [1.5, 3.0]}", List.of("AER", "AEUR"), twoAndNearlyThree());
    Claim aer = h.claim("AER", "twice");
    assertTrue(aer.held(), "2.0 and 2.8 both lie in [1.5, 3]: " + aer.measured());
    assertTrue(aer.test().contains("in [1.5, 3] (claim_band)"), aer.test());
    assertEquals(2.8, aer.value(), 1e-9, "2.8 is 0.2 from the upper bound, 2.0 is 0.5 from the lower one");
  }

  /** An experiment of the framework's test plugins with a dropout probe whose section is {@code section}. */
  private static Experiment load(Path dir, String section) throws Exception {
    Path yaml = dir.resolve("e.yaml");
    Files.writeString(yaml, TestPlugins.BARS + """
        models:
          A: {plugin: fixed-encoder, units: 6}
          H: {plugin: fixed-head, on: A}
        probes:
          dropout: %s
        """.formatted(section));
    var plugins = PluginRegistry.of(List.of(new TestPlugins(), new DropoutModule()));
    return new ExperimentLoader(plugins).load(yaml, List.of());
  }

  @Test
  void theBandIsReadFromTheExperimentFileAndAWrongOneStopsItAtItsLine(@TempDir Path dir) throws Exception {
    var use = load(dir, "{claim_band: [1.5, 3.0]}").probes().get("dropout").use();
    assertEquals(List.of(1.5, 3.0), use.config(DropoutConfig.class).claimBand());
    assertEquals(List.of(1.5, 2.5), load(dir, "{}").probes().get("dropout").use().config(DropoutConfig.class).claimBand(), "the study's by default");
    var e = Assertions.assertThrows(ConfigException.class, () -> load(dir, "{claim_band: [3, 1.5]}"));
    assertTrue(e.getMessage().contains("e.yaml:10:") && e.getMessage().contains("claim_band") && e.getMessage().contains("0 < low <= high"), e.getMessage());
  }

  @Test
  void theBandIsCheckedWhereItIsWritten() {
    assertEquals(List.of(1.5, 2.5), new DropoutConfig(null, null, null, null, null, null).claimBand(), "the study's band by default");
    InvalidConfig e = Assertions.assertThrows(InvalidConfig.class,
        () -> new DropoutConfig(null, null, null, null, null, null, List.of(2.5, 1.5)));
    assertEquals("claim_band", e.field());
  }

  private static final String HEADER = "model,dataset,drop,fraction,trial,metric,value";

  private static FigureHarness run(ReportContext.Setting setting, String config, List<String> models, List<String> lines) throws Exception {
    List<String> raw = lines.stream().filter(l -> l.split(",", -1).length == 7).toList();
    List<String> means = lines.stream().filter(l -> l.split(",", -1).length == 6).toList();
    return FigureHarness.run(new DropoutFigures(), setting, config, models, HEADER, raw, "model,dataset,drop,fraction,metric,value", means);
  }

  @Test
  void beyondTheStudyTheFigureIsUnnumberedJudgesNothingAndSpeaksOfTheTopLayerAndScale() throws Exception {
    List<String> models = List.of("MLP", "MLP-scaled");
    List<String> r = new ArrayList<>();
    for (String m : models) {
      r.addAll(rows(m, "Fashion-MNIST_1.0", 0.075, 0.7)); // type A costs twice its share: the study's claim would hold
      r.addAll(rows(m, "Fashion-MNIST_mix", 0.1, 0.6));
    }
    FigureHarness h = run(FigureHarness.setting("Fashion-MNIST", "scale", "mlp", models), "{\"trials\": 2, \"digit\": 1}", models, r);
    assertEquals(1, h.figures.size());
    Figure f = h.figures.get(0);
    assertNull(f.number(), "no study number outside the study's setting");
    assertEquals(4, f.panels().size(), "2 models x 2 datasets");
    assertTrue(h.claims.isEmpty(), "the claim is the study's: " + h.claims);
    String words = f.title() + " | " + f.caption();
    assertTrue(f.title().contains("top layer") && f.title().contains("scale"), f.title());
    assertTrue(f.caption().contains("class 1's subsets Fashion-MNIST^1_d") && f.caption().contains("2 seeded trials"), f.caption());
    assertFalse(words.contains("layer 4") || words.contains("digit") || words.contains("rotat"), words);
    assertFalse(words.replace("Fashion-MNIST", "").contains("MNIST"), words);
  }

  @Test
  void theStudysDataAndTransformWithAModelFromAnotherPluginIsBeyondTheStudy() throws Exception {
    List<String> r = new ArrayList<>(rows("AER", "MNIST_0", 0.075, 0.7));
    r.addAll(rows("CNN", "MNIST_0", 0.075, 0.7));
    FigureHarness h = run(FigureHarness.studyDataWithAnotherModel(), "{\"trials\": 2}", List.of("AER", "CNN"), r);
    assertEquals(1, h.figures.size());
    assertNull(h.figures.get(0).number());
    assertTrue(h.claims.isEmpty(), h.claims.toString());
  }

  @Test
  void beyondTheStudyTitlesAndCaptionsNameTheProbeTheTransformTheDataAndTheClass() throws Exception {
    List<String> models = List.of("MLP", "MLP-contrast");
    List<String> r = new ArrayList<>();
    for (String m : models) {
      r.addAll(rows(m, "FashionMNIST_1.0", 0.075, 0.7));
      r.addAll(rows(m, "FashionMNIST_mix", 0.1, 0.6));
    }
    List<String> raw = r.stream().filter(l -> l.split(",", -1).length == 7).toList();
    List<String> means = r.stream().filter(l -> l.split(",", -1).length == 6).toList();
    FigureHarness h = FigureHarness.run(new DropoutFigures(), "dropout-contrast", fashion("contrast", "mlp", models), "{\"trials\": 2, \"digit\": 1}", models, HEADER, raw,
        "model,dataset,drop,fraction,metric,value", means);
    assertEquals(1, h.figures.size());
    Figure f = h.figures.get(0);
    assertSpeaksOfTheSetting(f, "dropout-contrast", h.setting());
    assertTrue(f.caption().contains("class 1's subsets FashionMNIST^1_d (class 1 is Trouser)"), f.caption());
    assertTrue(h.claims.isEmpty());
  }

  // two trials at 10%: 0.5 and 0.7, mean 0.6, sd 0.1414; t(0.975, 1 df) = 12.706, so 0.6 ± 12.706 * 0.1414 / sqrt(2) = 0.6 ± 1.2706
  @Test
  void theRandomCurveCarriesTheIntervalOfItsTrialsMean() throws Exception {
    Path csv = Files.createTempFile("dropout", ".csv");
    Files.writeString(csv, "model,dataset,drop,fraction,trial,metric,value\nAER,D,random,0.1,0,accuracy,0.5\nAER,D,random,0.1,1,accuracy,0.7\n"
        + "AER,D,random,0.2,0,accuracy,0.4\n");
    YIntervalSeries band = DropoutFigures.trialBand(ResultTable.read(csv));
    assertEquals(2, band.getItemCount());
    assertEquals(10.0, band.getX(0).doubleValue(), 1e-12);
    assertEquals(0.6, band.getYValue(0), 1e-12);
    assertEquals(0.6 - 1.2706, band.getYLowValue(0), 1e-3);
    assertEquals(0.6 + 1.2706, band.getYHighValue(0), 1e-3);
    assertEquals(0.4, band.getYLowValue(1), 1e-12, "one trial: no interval");
    Files.delete(csv);
  }
}