package org.invariance.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.invariance.plugin.Figures;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Charts;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;

/** Runs a {@link Figures} on a hand-built table, renders every panel, and keeps what it produced. */
public final class FigureHarness implements ReportContext {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ResultTable table;
  private final ResultTable summaries;
  private final JsonNode config;
  private final List<String> models;
  private final Setting setting;
  public final List<Figure> figures = new ArrayList<>();
  public final List<Claim> claims = new ArrayList<>();

  private FigureHarness(ResultTable table, ResultTable summaries, JsonNode config, List<String> models, Setting setting) {
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
    java.util.Map<String, String> plugins = new java.util.LinkedHashMap<>();
    plugins.put("AER", "frozen-head");
    plugins.put("CNN", "dl4j");
    return new Setting("MNIST", "rotation", "rotation", plugins);
  }

  /** A setting whose models are all made by {@code modelPlugin}. */
  public static Setting setting(String data, String transformPlugin, String modelPlugin, List<String> models) {
    java.util.Map<String, String> plugins = new java.util.LinkedHashMap<>();
    for (String m : models) plugins.put(m, modelPlugin);
    return new Setting(data, transformPlugin, transformPlugin, plugins);
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
    ResultTable summaries = summaryHeader == null ? ResultTable.empty() : table(summaryHeader, summaryRows);
    FigureHarness h = new FigureHarness(table(header, rows), summaries, JSON.readTree(configJson), models, setting);
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

  @Override
  public String probeName() {
    return "test";
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

  @Override
  public JsonNode config() {
    return config;
  }

  /** Bound as a run binds it (the experiment's binder): a test's section gets the record's defaults, and an unknown key fails. */
  @Override
  public <C> C config(Class<C> type) {
    return ReportContext.bindSection(config, type, org.invariance.experiment.ConfigBinder.MAPPER);
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
}
