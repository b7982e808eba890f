package org.invariance.plugins.accuracy;

import static org.invariance.testing.FigureHarness.FASHION_CLASSES;
import static org.invariance.testing.FigureHarness.assertSpeaksOfTheSetting;
import static org.invariance.testing.FigureHarness.assertWholeLabels;
import static org.invariance.testing.FigureHarness.fashion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.testing.FigureHarness;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;

class AccuracyFiguresTest {
  private static final String HEADER = "model,dataset,amount,mix,digit,metric,value";

  private static List<String> rows(double aer0, double aeur0, double aer30, double aeur30) {
    List<String> r = new ArrayList<>();
    r.add("AER,MNIST_30,30,,,accuracy," + aer30);
    r.add("AER,MNIST_0,0,,,accuracy," + aer0);
    r.add("AER,MNIST_mix,,rotation,,accuracy,0.8");
    r.add("AER,MNIST_0,0,,3,accuracy,0.9");
    r.add("AEUR,MNIST_30,30,,,accuracy," + aeur30);
    r.add("AEUR,MNIST_0,0,,,accuracy," + aeur0);
    r.add("AEUR,MNIST_mix,,rotation,,accuracy,0.4");
    r.add("AEUR,MNIST_0,0,,3,accuracy,0.7");
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
    assertEquals("|difference| ≤ 0.03 (claim_tie)", tie.test());
    assertEquals(0.03, tie.threshold(), "the number the test states");
    assertTrue(tie.isStudy(), "section 3 compares the two classifiers: the study's claim");
    assertTrue(tie.measured().contains("0.870 vs 0.856 (difference +0.014)"), tie.measured());
    // headline: AER - AEUR on MNIST_0 = 0.870 - 0.856 = +0.014
    assertEquals(0.014, tie.value(), 1e-12);
    assertTrue(tie.quantity().contains("difference") && tie.quantity().contains("AER - AEUR"), tie.quantity());
    Claim beats = h.claim("AER vs AEUR", "outperforms");
    assertTrue(beats.held());
    assertEquals("AER more accurate on every set with θ ≠ 0 and on MNIST_mix (margin > 0, claim_margin)", beats.test());
    assertTrue(beats.isStudy());
    assertTrue(beats.measured().contains("higher on 2 of 2 rotated sets"), beats.measured());
    // margins: MNIST_30 0.85 - 0.5 = 0.35, MNIST_mix 0.8 - 0.4 = 0.4; the smallest is 0.35
    assertEquals(0.35, beats.value(), 1e-12);
    assertTrue(beats.quantity().contains("smallest"), beats.quantity());
    assertEquals(1, h.figure("2").panels().size());
    assertEquals(1, h.figure("3").panels().size());
  }

  @Test
  void aGapUprightIsNoTieAndOneLostRotatedSetIsNoWin() throws Exception {
    FigureHarness h = run(rows(0.87, 0.80, 0.5, 0.6));
    Claim tie = h.claim("AER vs AEUR", "nearly equally");
    assertFalse(tie.held(), "0.07 apart is more than the 0.03 tie");
    assertEquals(0.07, tie.value(), 1e-12, "0.87 - 0.80");
    Claim beats = h.claim("AER vs AEUR", "outperforms");
    assertFalse(beats.held());
    // margins: MNIST_30 0.5 - 0.6 = -0.1, MNIST_mix 0.8 - 0.4 = 0.4; the smallest, -0.1, is not above 0
    assertEquals(-0.1, beats.value(), 1e-12);
    assertTrue(beats.measured().contains("higher on 1 of 2") && beats.measured().contains("smallest -0.100 (30°)"), beats.measured());
  }

  @Test
  void theTieAndMarginComeFromTheExperimentAndTheTestsSayWhichTheyUsed() throws Exception {
    // MNIST_0 0.87 vs 0.80 (0.07 apart); margins 0.35 on MNIST_30 and 0.4 on MNIST_mix
    FigureHarness h = FigureHarness.run(new AccuracyFigures(), "{\"claim_tie\": 0.08, \"claim_margin\": 0.36}", List.of("AER", "AEUR"), HEADER,
        rows(0.87, 0.80, 0.85, 0.5));
    Claim tie = h.claim("AER vs AEUR", "nearly equally");
    assertTrue(tie.held(), "0.07 apart is within a tie of 0.08");
    assertEquals("|difference| ≤ 0.08 (claim_tie)", tie.test());
    assertEquals(0.08, tie.threshold());
    Claim beats = h.claim("AER vs AEUR", "outperforms");
    assertFalse(beats.held(), "0.35 on MNIST_30 is not more than 0.36");
    assertEquals("AER more accurate by more than 0.36 on every set with θ ≠ 0 and on MNIST_mix (margin > 0.36, claim_margin)", beats.test());
    assertEquals(0.36, beats.threshold(), "the margin the test states");
    assertTrue(beats.measured().contains("AER ahead by more than 0.36 on 1 of 2 rotated sets"), beats.measured());
    assertEquals(0.35, beats.value(), 1e-12);
  }

  @Test
  void amountsSortNumericallyWithMixLast() {
    assertEquals(List.of("-90", "-15", "0", "15", "90", "mix"), AccuracyFigures.amountOrder(List.of("mix", "15", "-90", "0", "90", "-15")));
  }

  /** An MLP pair on Fashion-MNIST under scale: 1.0 is the identity, and the classes are indices. */
  private static List<String> fashionScaleRows() {
    List<String> r = new ArrayList<>();
    for (String model : List.of("MLP", "MLP-scaled")) {
      r.add(model + ",Fashion-MNIST_0.8,0.8,,,accuracy,0.61");
      r.add(model + ",Fashion-MNIST_1.0,1.0,,,accuracy,0.86");
      r.add(model + ",Fashion-MNIST_1.2,1.2,,,accuracy,0.64");
      r.add(model + ",Fashion-MNIST_mix,,scale,,accuracy,0.7");
      r.add(model + ",Fashion-MNIST_1.0,1.0,,,images,2000");
      for (int c = 0; c < 10; c++) {
        r.add(model + ",Fashion-MNIST_1.0,1.0,," + c + ",accuracy,0." + (50 + c));
        r.add(model + ",Fashion-MNIST_mix,,scale," + c + ",accuracy,0." + (40 + c));
      }
    }
    return r;
  }

  @Test
  void beyondTheStudyFiguresAreUnnumberedJudgeNothingAndSpeakOfScaleAndClasses() throws Exception {
    List<String> models = List.of("MLP", "MLP-scaled");
    FigureHarness h = FigureHarness.run(new AccuracyFigures(), FigureHarness.setting("Fashion-MNIST", "scale", "mlp", models), "{}", models, HEADER,
        fashionScaleRows());
    assertEquals(2, h.figures.size(), "accuracy per amount and per class are drawn all the same");
    for (Figure f : h.figures) assertEquals(null, f.number(), "no study number outside the study's setting: " + f.title());
    assertTrue(h.claims.isEmpty(), "the study's claims are about its own pair of models: " + h.claims);
    Figure perAmount = h.figures.get(0);
    String words = text(perAmount);
    assertTrue(perAmount.title().contains("scale"), perAmount.title());
    assertTrue(words.contains("Fashion-MNIST_mix") && words.contains("MLP-scaled"), words);
    notTheStudysWords(words);
    assertEquals(List.of("0.8", "1.0", "1.2", "mix"), columns(perAmount.panels().get(0).chart()), "amounts without degree signs");
    Figure perClass = h.figures.get(1);
    String classWords = text(perClass);
    assertTrue(classWords.contains("class") && classWords.contains("Fashion-MNIST^i_d"), classWords);
    assertEquals("class", ((CategoryPlot) perClass.panels().get(0).chart().getPlot()).getDomainAxis().getLabel());
    notTheStudysWords(classWords);
  }

  @Test
  void outsideTheStudyClassesAreNamedAsTheDataNamesThem() throws Exception {
    List<String> models = List.of("MLP", "MLP-scaled");
    List<String> names = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    ReportContext.Setting named = new ReportContext.Setting("Fashion-MNIST", "scale", "scale", FigureHarness.setting("Fashion-MNIST", "scale", "mlp", models).modelPlugins(), names);
    FigureHarness h = FigureHarness.run(new AccuracyFigures(), named, "{}", models, HEADER, fashionScaleRows());
    List<String> axis = columns(h.figures.get(1).panels().get(0).chart());
    assertEquals(names.subList(0, axis.size()), axis, "class names in the data's order");
    assertTrue(text(h.figures.get(1)).contains("as the data names it"));
    // unknown names: the indices the CSV holds
    FigureHarness unnamed = FigureHarness.run(new AccuracyFigures(), FigureHarness.setting("Fashion-MNIST", "scale", "mlp", models), "{}", models, HEADER, fashionScaleRows());
    assertEquals("0", columns(unnamed.figures.get(1).panels().get(0).chart()).get(0));
  }

  @Test
  void theStudysDataAndTransformWithAModelFromAnotherPluginIsBeyondTheStudy() throws Exception {
    Map<String, String> plugins = new LinkedHashMap<>();
    plugins.put("AER", "frozen-head");
    plugins.put("AEUR", "dl4j");
    ReportContext.Setting mixed = new ReportContext.Setting("MNIST", "rotation", "rotation", plugins);
    // the numbers would hold both study claims (see the first test), yet no claim is judged
    FigureHarness h = FigureHarness.run(new AccuracyFigures(), mixed, "{}", List.of("AER", "AEUR"), HEADER, rows(0.87, 0.856, 0.85, 0.5));
    assertEquals(2, h.figures.size());
    for (Figure f : h.figures) assertEquals(null, f.number(), f.title());
    assertTrue(h.claims.isEmpty(), h.claims.toString());
    assertTrue(h.figures.get(0).title().contains("rotation"), h.figures.get(0).title());
  }

  @Test
  void oneFrozenHeadModelAloneIsNoStudyComparison() throws Exception {
    FigureHarness h = FigureHarness.run(new AccuracyFigures(), "{}", List.of("AER"), HEADER, rows(0.87, 0.856, 0.85, 0.5).subList(0, 4));
    for (Figure f : h.figures) assertEquals(null, f.number(), f.title());
    assertTrue(h.claims.isEmpty(), h.claims.toString());
  }

  // the mix is a category: a mark of its own, never on the line through the amounts
  @Test
  void theMixIsDrawnApartFromTheLineThroughTheAmounts() throws Exception {
    CategoryPlot p = (CategoryPlot) run(rows(0.87, 0.856, 0.85, 0.5)).figure("2").panels().get(0).chart().getPlot();
    CategoryDataset line = p.getDataset(0);
    CategoryDataset marks = p.getDataset(1);
    assertEquals(List.of("0°", "30°", "mix"), line.getColumnKeys().stream().map(Object::toString).toList());
    assertEquals(null, line.getValue("AER", "mix"), "no line runs to the mix");
    assertEquals(0.85, line.getValue("AER", "30°").doubleValue());
    assertEquals(0.8, marks.getValue("AER", "mix").doubleValue());
    assertEquals(null, marks.getValue("AER", "30°"));
    assertFalse(((LineAndShapeRenderer) p.getRenderer(1)).getDefaultLinesVisible(), "the mix is a mark alone");
  }

  private static void notTheStudysWords(String words) {
    assertFalse(words.contains("rotat") || words.contains("angle") || words.contains("°"), "no rotation outside it: " + words);
    assertFalse(words.replace("Fashion-MNIST", "").contains("MNIST"), "no MNIST but the data's own name: " + words);
    assertFalse(words.contains("digit") || words.contains("upright") || words.contains("AER"), words);
  }

  private static List<String> columns(JFreeChart chart) {
    List<String> out = new ArrayList<>();
    for (Object k : ((CategoryPlot) chart.getPlot()).getDataset().getColumnKeys()) out.add(k.toString());
    return out;
  }

  /** A figure's words: title, caption, and each panel's label, chart title and axis labels. */
  static String text(Figure f) {
    StringBuilder b = new StringBuilder(f.title()).append(" | ").append(f.caption());
    for (Figure.Panel p : f.panels()) {
      b.append(" | ").append(p.label());
      JFreeChart c = p.chart();
      if (c.getTitle() != null) b.append(" | ").append(c.getTitle().getText());
      if (c.getPlot() instanceof CategoryPlot cp) b.append(" | ").append(cp.getDomainAxis().getLabel()).append(" | ").append(cp.getRangeAxis().getLabel());
      if (c.getPlot() instanceof XYPlot xp) b.append(" | ").append(xp.getDomainAxis().getLabel()).append(" | ").append(xp.getRangeAxis().getLabel());
    }
    return b.toString();
  }

  /** MLPs on FashionMNIST under contrast: per amount, and per class (indices in the CSV, as the probe writes them) on two datasets. */
  private static List<String> contrastRows(List<String> models) {
    List<String> r = new ArrayList<>();
    for (String model : models) {
      r.add(model + ",FashionMNIST_0.5,0.5,,,accuracy,0.61");
      r.add(model + ",FashionMNIST_1.0,1.0,,,accuracy,0.86");
      r.add(model + ",FashionMNIST_mix,,contrast,,accuracy,0.7");
      for (int c = 0; c < 10; c++) {
        r.add(model + ",FashionMNIST_1.0,1.0,," + c + ",accuracy,0." + (50 + c));
        r.add(model + ",FashionMNIST_mix,,contrast," + c + ",accuracy,0." + (40 + c));
      }
    }
    return r;
  }

  @Test
  void beyondTheStudyTitlesAndCaptionsNameTheProbeTheTransformTheDataAndTheClassesWhole() throws Exception {
    List<String> models = List.of("MLP", "MLP-contrast");
    FigureHarness h = FigureHarness.run(new AccuracyFigures(), "accuracy-contrast", fashion("contrast", "mlp", models), "{}", models, HEADER, contrastRows(models));
    assertEquals(2, h.figures.size());
    for (Figure f : h.figures) assertSpeaksOfTheSetting(f, "accuracy-contrast", h.setting());
    assertTrue(h.claims.isEmpty(), h.claims.toString());
    assertEquals("dataset (contrast amount)", ((CategoryPlot) h.figures.get(0).panels().get(0).chart().getPlot()).getDomainAxis().getLabel());
    Figure perClass = h.figures.get(1);
    assertEquals(FASHION_CLASSES, columns(perClass.panels().get(0).chart()), "the classes by name, not by index");
    assertWholeLabels(perClass.panels().get(0), FASHION_CLASSES);
  }

  @Test
  void aFortyCharacterClassNameStandsWholeUprightUnderItsBars() throws Exception {
    List<String> models = List.of("MLP", "MLP-contrast");
    List<String> names = new ArrayList<>(FASHION_CLASSES);
    names.set(9, "a-very-long-class-name-of-forty-characters");
    ReportContext.Setting s = fashion("contrast", "mlp", models);
    ReportContext.Setting long_ = new ReportContext.Setting(s.data(), s.transform(), s.transformPlugin(), s.modelPlugins(), names, s.image());
    FigureHarness h = FigureHarness.run(new AccuracyFigures(), "accuracy-contrast", long_, "{}", models, HEADER, contrastRows(models));
    Figure.Panel p = h.figures.get(1).panels().get(0);
    assertTrue(p.height() > 400 + 150, "the panel makes room below for the long name upright: " + p.height());
    assertWholeLabels(p, names);
    assertEquals(CategoryLabelPositions.UP_90, p.chart().getCategoryPlot().getDomainAxis().getCategoryLabelPositions());
    assertTrue(h.figures.get(1).caption().contains("a-very-long-class-name-of-forty-characters"), h.figures.get(1).caption());
  }
}
