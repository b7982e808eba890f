package org.invariance.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.invariance.data.ImageShape;
import org.invariance.experiment.ConfigBinder;
import org.invariance.plugin.Figures;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Charts;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.CategoryTick;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.text.TextLine;
import org.jfree.chart.ui.RectangleEdge;

/** Runs a {@link Figures} on a hand-built table, renders every panel, and keeps what it produced. */
public final class FigureHarness implements ReportContext {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The probe's name where a test does not give one. */
  private static final String PROBE = "test";

  /** Fashion-MNIST's ten class names by index, as a run of that data names them. */
  public static final List<String> FASHION_CLASSES =
      List.of("T-shirt_top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private final String probeName;
  private final ResultTable table;
  private final ResultTable summaries;
  private final JsonNode config;
  private final List<String> models;
  private final Setting setting;
  public final List<Figure> figures = new ArrayList<>();
  public final List<Claim> claims = new ArrayList<>();

  private FigureHarness(String probeName, ResultTable table, ResultTable summaries, JsonNode config, List<String> models, Setting setting) {
    this.probeName = probeName;
    this.table = table;
    this.summaries = summaries;
    this.config = config;
    this.models = models;
    this.setting = setting;
  }

  /** The seed study's setting: MNIST digits, the rotation transform, softmax heads on frozen encoders. */
  public static Setting study(List<String> models) {
    return setting("MNIST", "rotation", "frozen-head", models);
  }

  /**
   * The study's data and transform, with its first model a frozen-head classifier named AER and its
   * second a Deeplearning4j network named CNN: not the study's setting (its pair is two frozen heads).
   */
  public static Setting studyDataWithAnotherModel() {
    Map<String, String> plugins = new LinkedHashMap<>();
    plugins.put("AER", "frozen-head");
    plugins.put("CNN", "dl4j");
    return new Setting("MNIST", "rotation", "rotation", plugins);
  }

  /** A setting whose models are all made by {@code modelPlugin}. */
  public static Setting setting(String data, String transformPlugin, String modelPlugin, List<String> models) {
    return new Setting(data, transformPlugin, transformPlugin, plugins(modelPlugin, models));
  }

  /**
   * Beyond the study, as a real run names it: FashionMNIST (its {@link #FASHION_CLASSES} by name, 1 x
   * 28 x 28 images) under the transform {@code transform} (named as its plugin), every model made by
   * {@code modelPlugin}.
   */
  public static Setting fashion(String transform, String modelPlugin, List<String> models) {
    return new Setting("FashionMNIST", transform, transform, plugins(modelPlugin, models), FASHION_CLASSES, new ImageShape(1, 28, 28));
  }

  private static Map<String, String> plugins(String modelPlugin, List<String> models) {
    Map<String, String> plugins = new LinkedHashMap<>();
    for (String m : models) plugins.put(m, modelPlugin);
    return plugins;
  }

  /** {@link #run(Figures, Setting, String, List, String, List)} in the seed study's setting. */
  public static FigureHarness run(Figures f, String configJson, List<String> models, String header, List<String> rows) throws Exception {
    return run(f, study(models), configJson, models, header, rows);
  }

  /**
   * @param header the CSV header, e.g. "model,dataset,amount,mix,digit,metric,value"
   * @param rows CSV lines without quoting (cells must not contain commas)
   */
  public static FigureHarness run(Figures f, Setting setting, String configJson, List<String> models, String header, List<String> rows) throws Exception {
    return run(f, setting, configJson, models, header, rows, null, List.of());
  }

  /** {@link #run(Figures, Setting, String, List, String, List, String, List)} in the seed study's setting. */
  public static FigureHarness run(Figures f, String configJson, List<String> models, String header, List<String> rows, String summaryHeader,
      List<String> summaryRows) throws Exception {
    return run(f, study(models), configJson, models, header, rows, summaryHeader, summaryRows);
  }

  /**
   * With summary rows ({@code <probe>_summary.csv}, {@link ReportContext#summaries()}).
   *
   * @param summaryHeader the summary CSV's header; null: the probe wrote no summary
   */
  public static FigureHarness run(Figures f, Setting setting, String configJson, List<String> models, String header, List<String> rows,
      String summaryHeader, List<String> summaryRows) throws Exception {
    return run(f, PROBE, setting, configJson, models, header, rows, summaryHeader, summaryRows);
  }

  /**
   * {@link #run(Figures, Setting, String, List, String, List)} for the probe named {@code probe} in
   * the experiment ({@link #probeName()}), as figures beyond the study name it in their words.
   */
  public static FigureHarness run(Figures f, String probe, Setting setting, String configJson, List<String> models, String header, List<String> rows)
      throws Exception {
    return run(f, probe, setting, configJson, models, header, rows, null, List.of());
  }

  /** {@link #run(Figures, Setting, String, List, String, List, String, List)} for the probe named {@code probe}. */
  public static FigureHarness run(Figures f, String probe, Setting setting, String configJson, List<String> models, String header, List<String> rows,
      String summaryHeader, List<String> summaryRows) throws Exception {
    ResultTable summaries = summaryHeader == null ? ResultTable.empty() : table(summaryHeader, summaryRows);
    FigureHarness h = new FigureHarness(probe, table(header, rows), summaries, JSON.readTree(configJson), models, setting);
    f.draw(h);
    for (Figure fig : h.figures) {
      for (Figure.Panel p : fig.panels()) Charts.png(p.chart(), p.width(), p.height()); // every chart must render
    }
    return h;
  }

  private static ResultTable table(String header, List<String> rows) {
    List<List<String>> cells = new ArrayList<>();
    for (String r : rows) cells.add(Arrays.asList(r.split(",", -1)));
    return ResultTable.of(Arrays.asList(header.split(",")), cells);
  }

  /** The only claim made about {@code model} whose statement contains {@code words}. */
  public Claim claim(String model, String words) {
    List<Claim> found = claims.stream().filter(c -> c.model().equals(model) && c.statement().contains(words)).toList();
    if (found.size() != 1) throw new AssertionError("expected one claim on " + model + " about '" + words + "', found " + found + " in " + claims);
    return found.get(0);
  }

  public Figure figure(String number) {
    return figures.stream().filter(f -> number.equals(f.number())).findFirst()
        .orElseThrow(() -> new AssertionError("no figure " + number + " among " + figures.stream().map(Figure::number).toList()));
  }

  /** The name {@code run} was given, or "test". */
  @Override
  public String probeName() {
    return probeName;
  }

  @Override
  public Setting setting() {
    return setting;
  }

  @Override
  public ResultTable results() {
    return table;
  }

  @Override
  public ResultTable summaries() {
    return summaries;
  }

  /** A copy, as the report gives one: a figure that changes it changes nothing it reads next. */
  @Override
  public JsonNode config() {
    return config.deepCopy();
  }

  /** Bound as a run binds it (the experiment's binder): a test's section gets the record's defaults, and an unknown key fails. */
  @Override
  public <C> C config(Class<C> type) {
    return ReportContext.bindSection(config, type, ConfigBinder.MAPPER);
  }

  /** The claims the study makes (scope STUDY), in the order they were added. */
  public List<Claim> studyClaims() {
    return claims.stream().filter(Claim::isStudy).toList();
  }

  /** The rows that apply the study's tests beyond what it analysed (scope BEYOND). */
  public List<Claim> beyondClaims() {
    return claims.stream().filter(c -> !c.isStudy()).toList();
  }

  @Override
  public List<String> models() {
    return models;
  }

  @Override
  public void figure(Figure figure) {
    figures.add(figure);
  }

  @Override
  public void claim(Claim claim) {
    claims.add(claim);
  }

  /** Every word a figure shows: title, caption, panel labels, and each chart's title, axis labels, categories, series and annotations. */
  public static String shown(Figure f) {
    StringBuilder b = new StringBuilder(f.title()).append(" | ").append(f.caption());
    for (Figure.Panel p : f.panels()) {
      b.append(" | ").append(p.label());
      JFreeChart c = p.chart();
      if (c.getTitle() != null) b.append(" | ").append(c.getTitle().getText());
      if (c.getPlot() instanceof CategoryPlot cp) {
        b.append(" | ").append(cp.getDomainAxis().getLabel()).append(" | ").append(cp.getRangeAxis().getLabel());
        b.append(" | ").append(cp.getDataset().getColumnKeys()).append(" | ").append(cp.getDataset().getRowKeys());
      }
      if (c.getPlot() instanceof XYPlot xp) {
        b.append(" | ").append(xp.getDomainAxis().getLabel()).append(" | ").append(xp.getRangeAxis().getLabel());
        if (xp.getDomainAxis() instanceof SymbolAxis s) b.append(" | ").append(List.of(s.getSymbols()));
        for (int d = 0; d < xp.getDatasetCount(); d++) {
          if (xp.getDataset(d) == null) continue;
          for (int s = 0; s < xp.getDataset(d).getSeriesCount(); s++) b.append(" | ").append(xp.getDataset(d).getSeriesKey(s));
        }
        if (xp.getRenderer() instanceof AbstractXYItemRenderer r) {
          for (Object a : r.getAnnotations()) {
            if (a instanceof XYTextAnnotation t) b.append(" | ").append(t.getText());
          }
        }
      }
    }
    return b.toString();
  }

  /**
   * Asserts that a figure drawn beyond the study says what it shows in its setting's words: the
   * probe and the transform in its title; the probe ("Probe p"), the transform ("transform t"), the
   * data and every one of the data's classes in its caption; no study figure number; and, anywhere
   * it {@linkplain #shown shows words}, nothing that assumes the seed study's rotated MNIST digits:
   * none of "rotat", "degree", "upright", "digit", "MNIST_mix", "°", and no "MNIST" but inside the
   * data's own name (so a setting whose data is FashionMNIST may say "FashionMNIST"), case ignored.
   *
   * @param probe the probe's name in the experiment, as given to {@code run}
   * @param setting the setting the figure was drawn in (its transform, data and classes are looked for)
   */
  public static void assertSpeaksOfTheSetting(Figure f, String probe, Setting setting) {
    String words = shown(f);
    String lower = words.toLowerCase(Locale.ROOT).replace(setting.data().toLowerCase(Locale.ROOT), ""); // the data's own name may hold "MNIST"
    for (String w : List.of("rotat", "degree", "upright", "digit", "mnist_mix", "°")) assertFalse(lower.contains(w), "'" + w + "' in: " + words);
    assertFalse(lower.contains("mnist"), "no MNIST but the data's own name: " + words);
    String transform = setting.transform();
    assertTrue(f.title().contains(probe) && f.title().contains(transform), f.title());
    assertTrue(f.caption().contains("Probe " + probe) && f.caption().contains("transform " + transform) && f.caption().contains(setting.data()), f.caption());
    for (String c : setting.classes()) assertTrue(f.caption().contains(c), c + " in: " + f.caption());
    assertNull(f.number(), "no study number: " + f.title());
  }

  /** Each category label of a panel as JFreeChart lays it out when the report draws the panel: the text of each line ("first|..." where cut). */
  public static List<List<String>> categoryLabels(Figure.Panel p) {
    JFreeChart chart = p.chart();
    Charts.png(chart, p.width(), p.height()); // as the report draws it (long labels turned upright)
    ChartRenderingInfo info = new ChartRenderingInfo();
    BufferedImage image = chart.createBufferedImage(p.width(), p.height(), info);
    Graphics2D g2 = image.createGraphics();
    List<List<String>> out = new ArrayList<>();
    for (Object t : chart.getCategoryPlot().getDomainAxis().refreshTicks(g2, new AxisState(), info.getPlotInfo().getDataArea(), RectangleEdge.BOTTOM)) {
      List<String> lines = new ArrayList<>();
      for (Object l : ((CategoryTick) t).getLabel().getLines()) {
        TextLine line = (TextLine) l;
        lines.add(line.getFirstTextFragment() == line.getLastTextFragment() ? line.getFirstTextFragment().getText() : line.getFirstTextFragment().getText() + "|...");
      }
      out.add(lines);
    }
    g2.dispose();
    return out;
  }

  /** Asserts that the panel's category labels are {@code expected}, each shown whole on one line. */
  public static void assertWholeLabels(Figure.Panel p, List<String> expected) {
    List<List<String>> whole = new ArrayList<>();
    for (String e : expected) whole.add(List.of(e));
    assertEquals(whole, categoryLabels(p), "every label whole, none cut to \"...\"");
  }
}
