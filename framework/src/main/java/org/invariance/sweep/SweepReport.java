package org.invariance.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.experiment.Plan;
import org.invariance.files.AtomicWrite;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Charts;
import org.invariance.report.HtmlTemplate;
import org.invariance.report.PanelFiles;
import org.invariance.report.Report;
import org.invariance.results.Figure;

/**
 * The sweep's page ({@code report/index.html} in the sweep directory), from its template
 * ({@code sweep.mustache}, which escapes all it inserts): a table of contents, the claims as "held
 * in k of n seeds" with each claim's number as mean and 95% interval, its points with links to their
 * own reports, each probe's headline numbers drawn across seeds, and the summary tables (long ones
 * linked, not inlined), classes named where the data names them.
 */
public final class SweepReport {
  /** Summary tables longer than this are linked rather than shown. */
  static final int INLINE_ROWS = 150;

  private static final HtmlTemplate PAGE = HtmlTemplate.of(SweepReport.class, "sweep.mustache");

  private SweepReport() {}

  /** The page in the report's plain words. */
  public static Path write(Path out, Plan plan, Summary.Outcome summary, Map<String, String> pointStatus) throws IOException {
    return write(out, plan, summary, pointStatus, ReportContext.Wording.PLAIN);
  }

  /** The page, its claims worded as the points' reports word theirs ({@link Report#wording}). */
  public static Path write(Path out, Plan plan, Summary.Outcome summary, Map<String, String> pointStatus, ReportContext.Wording words)
      throws IOException {
    Map<String, Object> page = new LinkedHashMap<>();
    String title = plan.base().name() + ": sweep of " + plan.points().size() + " points";
    page.put("title", title);
    List<Map<String, String>> toc = new ArrayList<>();
    ClassNames classes = ClassNames.of(out, plan);
    page.put("intro", "Seeds " + (plan.sweep().seeds() != null ? plan.sweep().seeds() : List.of(plan.base().seed()))
        + (plan.sweep().grid().isEmpty() ? "" : "; grid " + plan.sweep().grid())
        + ". Every point is a whole run with its own report; intervals are 95% intervals of the mean over seeds (Student's t).");

    // which claims turn on a grid key's setting, first: the summary of the claims' tables below (its own template's escaped output; "" without a grid)
    String robustness = ClaimRobustness.write(out, plan);
    page.put("robustness", robustness);
    if (!robustness.isEmpty()) toc.add(entry("robustness", "How robust is each claim?"));
    toc.add(entry("claims", "Claims across seeds"));
    page.put("anyClaims", !summary.claimRows().isEmpty());
    List<Map<String, Object>> tables = new ArrayList<>();
    List<Summary.ClaimAcross> study = summary.claimRows().stream().filter(c -> c.first().isStudy()).toList();
    List<Summary.ClaimAcross> beyond = summary.claimRows().stream().filter(c -> !c.first().isStudy()).toList();
    if (!beyond.isEmpty()) {
      page.put("beyondNote", study.size() + " of these rows are " + words.claims() + "; " + beyond.size() + (beyond.size() == 1 ? " applies " : " apply ")
          + words.tests() + ", listed apart below and not counted among " + words.claims() + ".");
    }
    if (!study.isEmpty()) tables.add(claimsTable(plan, study, "", words.source(), null));
    if (!beyond.isEmpty()) {
      String heading = "Comparisons " + words.beyond();
      tables.add(claimsTable(plan, beyond, words.beyond(), words.source(), heading));
      toc.add(entry("claims-beyond", heading));
    }
    page.put("claimTables", tables);

    toc.add(entry("points", "Points"));
    List<Map<String, Object>> points = new ArrayList<>();
    for (Plan.Point p : plan.points()) {
      points.add(Map.of("id", p.id(), "seed", p.seed(), "status", pointStatus.getOrDefault(p.id(), "?")));
    }
    page.put("points", points);

    Path dir = out.resolve("report");
    Path figures = dir.resolve("figures");
    Files.createDirectories(figures);
    toc.add(entry("figures", "Figures across seeds"));
    List<Map<String, Object>> drawn = new ArrayList<>();
    for (Map.Entry<String, Path> e : summary.probes().entrySet()) {
      List<List<String>> t = Summary.readCsv(e.getValue());
      int grid = plan.sweep() == null ? 0 : plan.sweep().grid().size();
      for (Figure f : SweepFigures.draw(e.getKey(), t, grid, summary.seedValues().getOrDefault(e.getKey(), Map.of()), classes)) {
        drawn.add(figure(f, "across-" + (drawn.size() + 1), figures));
      }
    }
    page.put("figures", drawn);

    toc.add(entry("summary", "Headline numbers across seeds"));
    List<Map<String, Object>> summaries = new ArrayList<>();
    for (Map.Entry<String, Path> e : summary.probes().entrySet()) {
      summaries.add(summaryTable(e.getKey(), Summary.readCsv(e.getValue()), classes));
    }
    page.put("summaries", summaries);
    page.put("toc", toc);
    Path index = dir.resolve("index.html");
    AtomicWrite.text(index, PAGE.render(page));
    return index;
  }

  private static Map<String, String> entry(String id, String label) {
    return Map.of("id", id, "label", label);
  }

  /** One probe's summary: a note on its rows and, when short enough, its rows that can vary, classes named. */
  private static Map<String, Object> summaryTable(String name, List<List<String>> t, ClassNames classes) {
    int keys = t.get(0).size() - Summary.STATS.size();
    List<List<String>> varying = t.subList(1, t.size()).stream().filter(r -> !SweepFigures.cannotVary(r, keys)).toList();
    int constant = t.size() - 1 - varying.size();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", name);
    v.put("note", (t.size() - 1) + " rows"
        + (constant > 0 ? "; " + constant + " that cannot vary across seeds (the same in every seed, such as a count of images) are left out here" : "")
        + (varying.size() > INLINE_ROWS ? "; " + varying.size() + " rows are too many to show here" : ""));
    if (varying.size() <= INLINE_ROWS) {
      List<String> header = t.get(0);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (List<String> r : varying) {
        List<String> cells = new ArrayList<>(r.size());
        for (int c = 0; c < r.size(); c++) cells.add(c < keys ? classes.cell(header.get(c), r.get(c)) : shortNumber(r.get(c)));
        rows.add(Map.of("cells", cells));
      }
      v.put("table", Map.of("header", header, "rows", rows));
    }
    return v;
  }

  /** A figure with its panels embedded, each also written as PNG, SVG and the CSV of what it plots, linked. */
  private static Map<String, Object> figure(Figure f, String id, Path dir) throws IOException {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", id);
    v.put("title", f.title());
    v.put("panels", PanelFiles.write(f, id, dir));
    v.put("caption", f.caption());
    return v;
  }

  /** A table of claims across seeds; {@code label}, when not empty, is shown in each row's Scope cell; {@code source} heads the column of where each is made. */
  private static Map<String, Object> claimsTable(Plan plan, List<Summary.ClaimAcross> rows, String label, String source, String heading) {
    Map<String, Object> t = new LinkedHashMap<>();
    if (heading != null) t.put("heading", heading);
    t.put("gridKeys", new ArrayList<>(plan.sweep().grid().keySet()));
    t.put("source", source);
    t.put("labelled", !label.isEmpty());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Summary.ClaimAcross c : rows) {
      Map<String, Object> r = new LinkedHashMap<>();
      List<String> setting = new ArrayList<>();
      plan.sweep().grid().keySet().forEach(k -> setting.add(c.setting().get(k)));
      r.put("setting", setting);
      r.put("statement", c.first().statement());
      r.put("source", c.first().source());
      r.put("model", c.first().model());
      r.put("label", label);
      r.put("test", c.first().test());
      r.put("threshold", Double.isNaN(c.first().threshold()) ? "" : Charts.number(c.first().threshold()));
      r.put("heldClass", c.held() == c.n() ? "all" : c.held() == 0 ? "none" : "some");
      r.put("held", c.held());
      r.put("n", c.n());
      r.put("number", number(c));
      out.add(r);
    }
    t.put("rows", out);
    return t;
  }

  /** "difference: +0.012 ± 0.004 (0.008 to 0.017)". */
  static String number(Summary.ClaimAcross c) {
    Stats s = c.value();
    if (s.n() == 0) return "";
    String q = c.first().quantity().isEmpty() ? "" : c.first().quantity() + ": ";
    if (s.n() == 1) return q + String.format("%.3g", s.mean());
    // an infinite value (e.g. a ratio whose curve never crossed) has no mean or spread worth printing
    if (Double.isInfinite(s.mean())) return q + String.format("%.3g to %.3g (not every seed gives a finite number)", s.min(), s.max());
    return q + String.format("%.3g [%.3g, %.3g] (%.3g to %.3g)", s.mean(), s.ciLow(), s.ciHigh(), s.min(), s.max());
  }

  private static String shortNumber(String cell) {
    if (cell.isEmpty() || !(Character.isDigit(cell.charAt(cell.length() - 1)))) return cell;
    try {
      double d = Double.parseDouble(cell);
      if (d == Math.rint(d) && Math.abs(d) < 1e9) return cell;
      return String.format("%.4g", d);
    } catch (NumberFormatException e) {
      return cell;
    }
  }
}
