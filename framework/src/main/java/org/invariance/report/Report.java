package org.invariance.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invariance.data.ImageShape;
import org.invariance.experiment.ConfigBinder;
import org.invariance.files.AtomicWrite;
import org.invariance.plugin.Figures;
import org.invariance.plugin.PluginException;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Claim;
import org.invariance.results.ClaimsCsv;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code report/index.html} for a run directory: what was run (from provenance.json), the
 * table of claims (its headline counts those of {@link Claim.Scope#STUDY} only; rows that apply the
 * same tests beyond what was analysed come apart, labelled, below them), and every figure, ordered
 * by number. It reads only the run directory, so a report can be redrawn without recomputing.
 * Figures come from the {@link Figures} registered under each probe's plugin name; the report never
 * names a probe, and the words around the claims and figures are those the probes' figures give for
 * their setting ({@link Figures#wording}; a study's plugins give the study's), else plain ones. The
 * page embeds its images (it opens from disk, alone); the PNGs are also kept in
 * {@code report/figures/} for papers.
 */
public final class Report {
  private static final Logger LOG = LoggerFactory.getLogger(Report.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What was written; {@code failures} lists probes whose figures could not be drawn. {@code claims}
   * and {@code held} count the claims of {@link Claim.Scope#STUDY} only; {@code beyond} counts the
   * rows of {@link Claim.Scope#BEYOND} (the same tests on numbers the claims are not about),
   * {@code beyondHeld} those of them that held.
   */
  public record Outcome(Path index, int figures, int claims, int held, List<String> failures, int beyond, int beyondHeld) {}

  /** Where a run's judged claims are written, beside the page: what a sweep counts across seeds. */
  public static Path claimsFile(Path runDir) {
    return runDir.resolve("report").resolve("claims.csv");
  }

  private final Map<String, Figures> figures;

  public Report(Map<String, Figures> figures) {
    this.figures = figures;
  }

  /**
   * A run directory the report cannot read whole: a CSV with a bad row, a provenance.json that is
   * not JSON. {@link #getMessage()} is one line naming the file and, where it can, the line
   * ({@code <file>:<line>: <problem>}); nothing was written, the report that was there is kept.
   */
  public static final class Unreadable extends IOException {
    private static final long serialVersionUID = 1L;

    public Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Draws every probe's figures (each probe's CSVs read whole first, one probe at a time, so only
   * one probe's tables are held), then writes the page and the claims. Nothing is written unless
   * every file could be read: a file that cannot be (provenance.json, a probe's CSV, training.csv)
   * is an {@link Unreadable} and the report that was there stays. A figures plugin that throws is
   * listed on the page as missing figures, naming the plugin and its jar.
   */
  public Outcome write(Path runDir) throws IOException {
    Path provFile = runDir.resolve("provenance.json");
    if (!Files.isRegularFile(provFile)) throw new IOException(provFile + ": not found; is " + runDir + " a run directory?");
    JsonNode prov = provenance(provFile);
    JsonNode config = prov.path("config");
    ReportContext.Wording wording = wording(prov, figures);

    List<Figure> drawn = new ArrayList<>();
    List<Claim> claims = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    // said once everything could be read: a run directory that cannot be read gets its one line alone
    List<Runnable> said = new ArrayList<>();
    for (JsonNode probe : prov.path("probes")) {
      String name = probe.path("name").asText();
      String plugin = probe.path("plugin").asText();
      Figures f = figures.get(plugin);
      if (f == null) continue;
      Path csv = runDir.resolve(name + ".csv");
      boolean finished = "finished".equals(probe.path("status").asText());
      if (finished && !Files.isRegularFile(csv) && probe.has("file")) {
        // the run recorded it: it was there and is gone
        throw new Unreadable(csv + ": no such file, though " + provFile.getFileName() + " records it for probe " + name, null);
      }
      if (!finished || !Files.isRegularFile(csv)) {
        failures.add("probe " + name + " did not finish (" + probe.path("error").asText(probe.path("status").asText("no status")) + "): no figures");
        continue;
      }
      long t0 = System.nanoTime();
      ResultTable table = table(csv);
      Path summaryCsv = runDir.resolve(name + "_summary.csv");
      ResultTable summaries = Files.isRegularFile(summaryCsv) ? table(summaryCsv) : ResultTable.empty();
      try {
        JsonNode probeConfig = config.path("probes").path(name);
        // the config as the run resolved it (the defaults its transform decides filled in); an older run has only its YAML
        JsonNode resolved = prov.path("config_with_defaults").path("probes").path(name).path("config");
        List<String> models = new ArrayList<>();
        probe.path("models").forEach(m -> models.add(m.asText()));
        List<Figure> mine = new ArrayList<>();
        List<Claim> myClaims = new ArrayList<>();
        f.draw(new Context(name, table, summaries, probeConfig, resolved.isObject() ? resolved : probeConfig, models, setting(prov, probe, models), mine, myClaims));
        drawn.addAll(mine);
        claims.addAll(myClaims);
        String seconds = String.format("%.1f", (System.nanoTime() - t0) / 1e9);
        said.add(() -> LOG.info("report: {} figure(s), {} claim(s) from {} in {} s", mine.size(), myClaims.size(), csv.getFileName(), seconds));
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Exception | Error e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith(csv + ":") || message.startsWith(summaryCsv + ":")) {
          // a cell the figures read as a number and is not one (ResultTable.Row#number): the CSV is at fault, not the plugin
          throw new Unreadable(message.strip().lines().findFirst().orElse(message), e);
        }
        String msg = "figures of probe " + name + ": " + PluginException.threw(plugin, f, e).getMessage();
        failures.add(msg);
        said.add(() -> {
          LOG.error("report: {}", msg);
          LOG.debug("report: figures of probe {} failed", name, e);
        });
      }
    }
    try {
      drawn.addAll(TrainingFigure.draw(runDir.resolve("training.csv")));
    } catch (IOException e) {
      throw new Unreadable(e.getMessage(), e);
    }
    said.forEach(Runnable::run);
    drawn.sort(Comparator.comparing(Figure::number, Comparator.nullsLast(Report::compareNumbers)));

    Path dir = runDir.resolve("report");
    Path pngDir = dir.resolve("figures");
    Files.createDirectories(pngDir);
    StringBuilder html = new StringBuilder(1 << 20);
    page(html, prov, drawn, claims, failures, pngDir, wording);
    ClaimsCsv.write(claimsFile(runDir), claims);
    Path index = dir.resolve("index.html");
    AtomicWrite.text(index, html);
    int study = (int) claims.stream().filter(Claim::isStudy).count();
    int held = (int) claims.stream().filter(c -> c.isStudy() && c.held()).count();
    int beyondHeld = (int) claims.stream().filter(c -> !c.isStudy() && c.held()).count();
    return new Outcome(index, drawn.size(), study, held, failures, claims.size() - study, beyondHeld);
  }

  /**
   * The words of a run's page: the first a probe's figures give for that probe's setting, in the
   * run's order ({@link Figures#wording}), else {@link ReportContext.Wording#PLAIN}. A sweep's page
   * asks one of its points.
   */
  public static ReportContext.Wording wording(Path runDir, Map<String, Figures> figures) throws IOException {
    return wording(provenance(runDir.resolve("provenance.json")), figures);
  }

  private static ReportContext.Wording wording(JsonNode prov, Map<String, Figures> figures) {
    for (JsonNode probe : prov.path("probes")) {
      Figures f = figures.get(probe.path("plugin").asText());
      if (f == null) continue;
      List<String> models = new ArrayList<>();
      probe.path("models").forEach(m -> models.add(m.asText()));
      try {
        Optional<ReportContext.Wording> w = f.wording(setting(prov, probe, models));
        if (w != null && w.isPresent()) return w.get();
      } catch (RuntimeException e) {
        LOG.warn("report: figures of probe {}: {}", probe.path("name").asText(), PluginException.threw(probe.path("plugin").asText(), f, e).getMessage());
      }
    }
    return ReportContext.Wording.PLAIN;
  }

  /** A probe's CSV, read whole; a bad row is an {@link Unreadable} at its line. */
  private static ResultTable table(Path csv) throws Unreadable {
    try {
      return ResultTable.read(csv);
    } catch (IOException e) {
      throw new Unreadable(e.getMessage(), e);
    }
  }

  /**
   * A run's provenance.json, which must be a JSON object; otherwise one line:
   * {@code <path>: not JSON (<reason>, line L, column C)}.
   */
  static JsonNode provenance(Path file) throws Unreadable {
    JsonNode prov;
    try (InputStream in = Files.newInputStream(file)) {
      prov = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(in);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 1 ? "" : ", line " + at.getLineNr() + (at.getColumnNr() > 0 ? ", column " + at.getColumnNr() : "");
      throw new Unreadable(file + ": not JSON (" + jsonReason(e) + where + ")", e);
    } catch (IOException e) {
      throw new Unreadable(file + ": cannot be read (" + (e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage())) + ")", e);
    }
    if (prov == null || prov.isMissingNode()) throw new Unreadable(file + ": not JSON (empty file)", null);
    if (!prov.isObject()) throw new Unreadable(file + ": not a run's provenance (a JSON " + prov.getNodeType().toString().toLowerCase(Locale.ROOT) + ", not an object)", null);
    return prov;
  }

  /** The parser's complaint, short: "unexpected character 'x'", "unexpected end of file", "unrecognized token 'abc'". */
  static String jsonReason(JsonProcessingException e) {
    String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip().lines().findFirst().orElse("");
    Matcher c = Pattern.compile("^Unexpected character \\('(.*?)' \\(code \\d+\\)\\)").matcher(m);
    if (c.find()) return "unexpected character '" + c.group(1) + "'";
    if (m.startsWith("Unexpected end-of-input")) return "unexpected end of file";
    Matcher t = Pattern.compile("^Unrecognized token '([^']{0,40})").matcher(m);
    if (t.find()) return "unrecognized token '" + t.group(1) + (t.group(1).length() == 40 ? "..." : "") + "'";
    if (m.startsWith("Trailing token")) return "more after the end of the JSON value";
    int colon = m.indexOf(':');
    String s = colon > 0 ? m.substring(0, colon) : m;
    s = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return s.isEmpty() ? e.getClass().getSimpleName() : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  /** A probe's setting, from provenance: the data's name, its transform and the plugins behind its models. */
  static ReportContext.Setting setting(JsonNode prov, JsonNode probe, List<String> models) {
    String transform = probe.path("transform").asText("");
    String transformPlugin = prov.path("config").path("transforms").path(transform).path("plugin").asText(transform);
    Map<String, String> plugins = new LinkedHashMap<>();
    for (String m : models) plugins.put(m, prov.path("models").path(m).path("plugin").asText("?"));
    List<String> classes = new ArrayList<>();
    prov.path("data").path("classes").forEach(c -> classes.add(c.asText()));
    return new ReportContext.Setting(prov.path("data").path("name").asText("?"), transform, transformPlugin, plugins, classes, imageShape(prov.path("data")));
  }

  /** The data's image shape as provenance records it ({@code image_shape}, or a grey {@code image_size} of an older run); null when absent. */
  static ImageShape imageShape(JsonNode data) {
    try {
      if (data.path("image_shape").isTextual()) return ImageShape.parse(data.path("image_shape").asText(), "image_shape");
      if (data.path("image_size").isTextual()) return ImageShape.parse(data.path("image_size").asText(), "image_size");
    } catch (IllegalArgumentException e) {
      LOG.warn("report: provenance's image shape is unreadable ({}); figures of images assume square grey ones", e.getMessage());
    }
    return null;
  }

  /** "2" < "3" < "5a" < "5b" < "10": by number, then by suffix. */
  static int compareNumbers(String a, String b) {
    int c = Integer.compare(leadingInt(a), leadingInt(b));
    return c != 0 ? c : a.compareTo(b);
  }

  private static int leadingInt(String s) {
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
    return i == 0 ? Integer.MAX_VALUE : Integer.parseInt(s.substring(0, i));
  }

  /** One line on what was run, appended to every caption. */
  static String runLine(JsonNode prov) {
    JsonNode config = prov.path("config");
    JsonNode data = prov.path("data");
    // every model's training budget, if its plugin has one ("iterations", "epochs"): whatever its section says
    List<String> budget = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = config.path("models").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      List<String> parts = new ArrayList<>();
      for (String k : List.of("iterations", "epochs")) {
        JsonNode v = e.getValue().path(k);
        if (v.isNumber()) parts.add(String.format("%,d", v.asLong()) + " " + k);
      }
      budget.add(e.getKey() + (parts.isEmpty() ? "" : " " + String.join(", ", parts)));
    }
    String source = data.has("package") ? "npm " + data.path("package").asText() : data.path("plugin").asText("?");
    return "Run: " + prov.path("experiment").asText("?") + ", seed " + prov.path("seed").asText("?") + "; models: "
        + String.join(", ", budget) + "; data: " + String.format("%,d", data.path("test_images").asLong()) + " test images of "
        + data.path("name").asText("?") + " (" + source + ").";
  }

  private void page(StringBuilder h, JsonNode prov, List<Figure> drawn, List<Claim> claims, List<String> failures, Path pngDir,
      ReportContext.Wording words) throws IOException {
    String title = prov.path("experiment").asText("experiment") + ": report";
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title)).append("</title>\n")
        .append("<style>\n")
        .append("body{font-family:sans-serif;max-width:1220px;margin:2em auto;padding:0 1em;color:#222}\n")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}\n")
        .append("th{background:#f3f3f3}.held{color:#1a7f37;font-weight:bold}.not{color:#b42318;font-weight:bold}\n")
        .append("tr.beyond td{color:#555;background:#fafafa}td.scope{font-style:italic;white-space:nowrap}\n")
        .append("figure{margin:2em 0;border-top:1px solid #ddd;padding-top:1em}.panels{display:flex;flex-wrap:wrap;gap:8px}\n")
        .append(".panel{text-align:center;font-size:90%}.panel img{display:block;max-width:100%}figcaption{margin-top:.5em}\n")
        .append(".run{color:#555;font-size:90%}.failure{color:#b42318}pre{background:#f7f7f7;padding:1em;overflow:auto;font-size:85%}\n")
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(title)).append("</h1>\n");
    summary(h, prov);

    String runLine = runLine(prov);
    h.append("<h2 id=\"claims\">").append(text(words.title())).append(" on this run</h2>\n");
    List<Claim> study = claims.stream().filter(Claim::isStudy).toList();
    List<Claim> others = claims.stream().filter(c -> !c.isStudy()).toList();
    if (claims.isEmpty()) {
      h.append("<p>No probe of this run judges a claim.</p>\n");
    } else {
      long held = study.stream().filter(Claim::held).count();
      h.append("<p>").append(held).append(" of ").append(study.size()).append(" of ").append(text(words.claims())).append(" held.");
      if (!others.isEmpty()) {
        long othersHeld = others.stream().filter(Claim::held).count();
        h.append(" ").append(others.size()).append(others.size() == 1 ? " row applies" : " rows apply")
            .append(" ").append(text(words.tests())).append(" (").append(othersHeld).append(" held), listed apart below and not counted.");
      }
      h.append(" ").append(esc(runLine)).append("</p>\n");
      if (!study.isEmpty()) claimsTable(h, study, "", words.source());
      if (!others.isEmpty()) {
        h.append("<h3 id=\"claims-beyond\">Comparisons ").append(text(words.beyond())).append("</h3>\n")
            .append("<p>").append(text(words.explanation())).append("</p>\n");
        claimsTable(h, others, words.beyond(), words.source());
      }
    }
    if (!failures.isEmpty()) {
      h.append("<h2>Missing figures</h2>\n<ul>\n");
      for (String f : failures) h.append("<li class=\"failure\">").append(esc(f)).append("</li>\n");
      h.append("</ul>\n");
    }

    boolean beyond = false;
    int extra = 0;
    for (Figure f : drawn) {
      if (f.number() == null && !beyond) {
        beyond = true;
        h.append("<h2 id=\"beyond\">").append(text(words.figures())).append("</h2>\n");
      }
      String id = f.number() != null ? "figure-" + f.number() : "extra-" + (++extra);
      h.append("<figure id=\"").append(esc(id)).append("\">\n<h2>")
          .append(f.number() != null ? "Figure " + esc(f.number()) + ". " : "").append(esc(f.title())).append("</h2>\n<div class=\"panels\">\n");
      int k = 0;
      for (Figure.Panel p : f.panels()) {
        byte[] png = Charts.png(p.chart(), p.width(), p.height());
        String file = id + "-" + (++k) + ".png";
        Files.write(pngDir.resolve(file), png);
        h.append("<div class=\"panel\"><img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
            .append("\" width=\"").append(p.width()).append("\" height=\"").append(p.height()).append("\" alt=\"")
            .append(esc(f.title() + (p.label().isEmpty() ? "" : ": " + p.label()))).append("\" data-file=\"figures/").append(file)
            .append("\">").append(esc(p.label())).append("</div>\n");
      }
      h.append("</div>\n<figcaption>").append(esc(f.caption())).append(" <span class=\"run\">").append(esc(runLine))
          .append("</span></figcaption>\n</figure>\n");
    }
    h.append("<h2>Configuration</h2>\n<pre>").append(esc(prov.path("config").toPrettyString())).append("</pre>\n");
    h.append("</body>\n</html>\n");
  }

  /** A table of claims; {@code label}, when not empty, is shown in each row's Scope cell; {@code source} heads the column of where each is made. */
  private static void claimsTable(StringBuilder h, List<Claim> claims, String label, String source) {
    boolean labelled = !label.isEmpty();
    h.append("<table class=\"claims").append(labelled ? " beyond" : "").append("\">\n<tr><th>Claim</th><th>").append(esc(source)).append("</th><th>Model</th>")
        .append(labelled ? "<th>Scope</th>" : "").append("<th>This run</th><th>Test</th><th>Held</th></tr>\n");
    for (Claim c : claims) {
      h.append("<tr").append(labelled ? " class=\"beyond\"" : "").append("><td>").append(esc(c.statement())).append("</td><td>")
          .append(esc(c.source())).append("</td><td>").append(esc(c.model())).append("</td>");
      if (labelled) h.append("<td class=\"scope\">").append(esc(label)).append("</td>");
      h.append("<td>").append(esc(c.measured())).append("</td><td>").append(esc(c.test()))
          .append("</td><td class=\"").append(c.held() ? "held\">held" : "not\">not held").append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void summary(StringBuilder h, JsonNode prov) {
    JsonNode data = prov.path("data");
    JsonNode config = prov.path("config");
    h.append("<table class=\"summary\">\n");
    row(h, "experiment", prov.path("experiment").asText() + " (" + prov.path("experiment_file").asText() + ")");
    row(h, "seed", prov.path("seed").asText());
    row(h, "data", data.path("name").asText() + " from " + data.path("plugin").asText()
        + (data.has("package") ? " (" + data.path("package").asText() + ", sha256 " + data.path("package_sha256").asText() + ")" : "")
        + ": " + data.path("train_images").asText() + " training, " + data.path("test_images").asText() + " test images; "
        + data.path("split").asText() + "; checksum " + data.path("checksum").asText());
    for (Iterator<Map.Entry<String, JsonNode>> it = config.path("transforms").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      row(h, "transform " + e.getKey(), e.getValue().toString());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = config.path("models").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      row(h, "model " + e.getKey(), e.getValue().toString());
    }
    JsonNode code = prov.path("code");
    String commit = code.isMissingNode() ? prov.path("git_commit").asText() : code.path("commit").asText(); // older runs recorded git_commit
    row(h, "code", "invariance " + code.path("version").asText("?") + ", commit " + commit + "; " + prov.path("versions").toString());
    if (prov.path("command").isArray()) {
      List<String> words = new ArrayList<>();
      prov.path("command").forEach(w -> words.add(w.asText()));
      row(h, "command", String.join(" ", words));
    }
    row(h, "started", prov.path("started").asText());
    List<String> models = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = prov.path("models").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode m = e.getValue();
      models.add(e.getKey() + ": " + m.path("plugin").asText() + (m.has("on") ? " on " + m.path("on").asText() : "") + ", layers "
          + m.path("layers").asText() + ", " + m.path("classes").asInt() + " classes, " + m.path("origin").asText()
          + (m.has("seconds") ? String.format(" (%.0f s)", m.path("seconds").asDouble()) : "") + ", key " + m.path("key").asText());
    }
    if (!models.isEmpty()) row(h, "models", String.join("; ", models));
    h.append("</table>\n");
  }

  private static void row(StringBuilder h, String k, String v) {
    h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
  }

  /** Text between tags: only what would start markup or an entity is escaped (a word's apostrophe stays as written). */
  static String text(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String esc(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private record Context(String probeName, ResultTable results, ResultTable summaries, JsonNode config, JsonNode resolved, List<String> models, Setting setting,
      List<Figure> figures, List<Claim> claims) implements ReportContext {
    /** Bound as the run bound it: the experiment's binder, from the config with its defaults resolved. */
    @Override
    public <C> C config(Class<C> type) {
      return ReportContext.bindSection(resolved, type, ConfigBinder.MAPPER);
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
}
