package org.invariance.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.invariance.experiment.Plan;
import org.invariance.files.AtomicWrite;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Charts;
import org.invariance.report.Report;
import org.invariance.results.Figure;

/**
 * The sweep's page ({@code report/index.html} in the sweep directory): its points with links to
 * their own reports, the claims as "held in k of n seeds" with each claim's number as mean ± sd, and
 * the summary tables (long ones are linked, not inlined).
 */
public final class SweepReport {
  /** Summary tables longer than this are linked rather than shown. */
  static final int INLINE_ROWS = 150;

  private SweepReport() {}

  /** The page in the report's plain words. */
  public static Path write(Path out, Plan plan, Summary.Outcome summary, Map<String, String> pointStatus) throws IOException {
    return write(out, plan, summary, pointStatus, ReportContext.Wording.PLAIN);
  }

  /** The page, its claims worded as the points' reports word theirs ({@link Report#wording}). */
  public static Path write(Path out, Plan plan, Summary.Outcome summary, Map<String, String> pointStatus, ReportContext.Wording words)
      throws IOException {
    StringBuilder h = new StringBuilder();
    String title = plan.base().name() + ": sweep of " + plan.points().size() + " points";
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title)).append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;max-width:1220px;margin:2em auto;padding:0 1em;color:#222}\n")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}\n")
        .append("th{background:#f3f3f3}.all{color:#1a7f37;font-weight:bold}.none{color:#b42318;font-weight:bold}.some{color:#9a6700;font-weight:bold}\n")
        .append("tr.beyond td{color:#555;background:#fafafa}td.scope{font-style:italic;white-space:nowrap}\n")
        .append("figure{margin:2em 0;border-top:1px solid #ddd;padding-top:1em}.panels{display:flex;flex-wrap:wrap;gap:8px}\n")
        .append(".panel{text-align:center;font-size:90%}.panel img{display:block;max-width:100%}.files{font-size:85%;color:#555}\n")
        .append("</style>\n</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n");
    h.append("<p>Seeds ").append(esc(String.valueOf(plan.sweep().seeds() != null ? plan.sweep().seeds() : List.of(plan.base().seed()))));
    if (!plan.sweep().grid().isEmpty()) h.append("; grid ").append(esc(plan.sweep().grid().toString()));
    h.append(". Every point is a whole run with its own report; intervals are 95% intervals of the mean over seeds (Student's t).</p>\n");

    h.append("<h2 id=\"claims\">Claims across seeds</h2>\n");
    if (summary.claimRows().isEmpty()) {
      h.append("<p>No probe of this sweep judges a claim.</p>\n");
    } else {
      List<Summary.ClaimAcross> study = summary.claimRows().stream().filter(c -> c.first().isStudy()).toList();
      List<Summary.ClaimAcross> beyond = summary.claimRows().stream().filter(c -> !c.first().isStudy()).toList();
      if (!beyond.isEmpty()) {
        boolean one = beyond.size() == 1;
        h.append("<p>").append(study.size()).append(" of these rows are ").append(esc(words.claims())).append("; ").append(beyond.size())
            .append(one ? " applies " : " apply ").append(esc(words.tests())).append(", listed apart below and not counted among ")
            .append(esc(words.claims())).append(".</p>\n");
      }
      if (!study.isEmpty()) claimsTable(h, plan, study, "", words.source());
      if (!beyond.isEmpty()) {
        h.append("<h3 id=\"claims-beyond\">Comparisons ").append(esc(words.beyond())).append("</h3>\n");
        claimsTable(h, plan, beyond, words.beyond(), words.source());
      }
    }

    h.append(ClaimRobustness.write(out, plan)); // which claims turn on a grid key's setting ("" without a grid)

    h.append("<h2 id=\"points\">Points</h2>\n<table>\n<tr><th>Point</th><th>Seed</th><th>Status</th><th>Report</th></tr>\n");
    for (Plan.Point p : plan.points()) {
      h.append("<tr><td>").append(esc(p.id())).append("</td><td>").append(p.seed()).append("</td><td>")
          .append(esc(pointStatus.getOrDefault(p.id(), "?"))).append("</td><td><a href=\"../points/").append(esc(p.id()))
          .append("/report/index.html\">report</a></td></tr>\n");
    }
    h.append("</table>\n");

    Path dir = out.resolve("report");
    Path figures = dir.resolve("figures");
    Files.createDirectories(figures);
    h.append("<h2 id=\"figures\">Figures across seeds</h2>\n");
    int drawn = 0;
    for (Map.Entry<String, Path> e : summary.probes().entrySet()) {
      List<List<String>> t = Summary.readCsv(e.getValue());
      int grid = plan.sweep() == null ? 0 : plan.sweep().grid().size();
      for (Figure f : SweepFigures.draw(e.getKey(), t, grid, summary.seedValues().getOrDefault(e.getKey(), Map.of()))) {
        figure(h, f, "across-" + (++drawn), figures);
      }
    }
    if (drawn == 0) h.append("<p>No headline number varies across seeds against a numeric key.</p>\n");

    h.append("<h2 id=\"summary\">Headline numbers across seeds</h2>\n");
    for (Map.Entry<String, Path> e : summary.probes().entrySet()) {
      List<List<String>> t = Summary.readCsv(e.getValue());
      int keys = t.get(0).size() - Summary.STATS.size();
      List<List<String>> varying = t.subList(1, t.size()).stream().filter(r -> !SweepFigures.cannotVary(r, keys)).toList();
      int constant = t.size() - 1 - varying.size();
      h.append("<h3>").append(esc(e.getKey())).append("</h3>\n<p><a href=\"../summary/").append(esc(e.getKey())).append(".csv\">summary/")
          .append(esc(e.getKey())).append(".csv</a>: ").append(t.size() - 1).append(" rows")
          .append(constant > 0 ? "; " + constant + " that cannot vary across seeds (the same in every seed, such as a count of images) are left out here" : "")
          .append("</p>\n");
      if (varying.size() > INLINE_ROWS) continue;
      h.append("<table>\n<tr>");
      t.get(0).forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
      h.append("</tr>\n");
      for (List<String> r : varying) {
        h.append("<tr>");
        r.forEach(c -> h.append("<td>").append(esc(shortNumber(c))).append("</td>"));
        h.append("</tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("</body>\n</html>\n");
    Path index = dir.resolve("index.html");
    AtomicWrite.text(index, h);
    return index;
  }

  /** A figure with its panels embedded, each also written as PNG, SVG and the CSV of what it plots, linked. */
  private static void figure(StringBuilder h, Figure f, String id, Path dir) throws IOException {
    h.append("<figure id=\"").append(esc(id)).append("\">\n<h3>").append(esc(f.title())).append("</h3>\n<div class=\"panels\">\n");
    int k = 0;
    for (Figure.Panel p : f.panels()) {
      String base = id + "-" + (++k);
      byte[] png = Charts.png(p.chart(), p.width(), p.height());
      Files.write(dir.resolve(base + ".png"), png);
      AtomicWrite.text(dir.resolve(base + ".svg"), Charts.svg(p.chart(), p.width(), p.height()));
      Charts.writePlottedData(dir.resolve(base + ".csv"), p.chart());
      h.append("<div class=\"panel\"><img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png)).append("\" width=\"")
          .append(p.width()).append("\" height=\"").append(p.height()).append("\" alt=\"").append(esc(f.title() + " " + p.label())).append("\">")
          .append(esc(p.label())).append("<div class=\"files\"><a href=\"figures/").append(base).append(".png\">PNG</a> · <a href=\"figures/")
          .append(base).append(".svg\">SVG</a> · <a href=\"figures/").append(base).append(".csv\">data (CSV)</a></div></div>\n");
    }
    h.append("</div>\n<figcaption>").append(esc(f.caption())).append("</figcaption>\n</figure>\n");
  }

  /** A table of claims across seeds; {@code label}, when not empty, is shown in each row's Scope cell; {@code source} heads the column of where each is made. */
  private static void claimsTable(StringBuilder h, Plan plan, List<Summary.ClaimAcross> rows, String label, String source) {
    boolean labelled = !label.isEmpty();
    h.append("<table>\n<tr>");
    plan.sweep().grid().keySet().forEach(k -> h.append("<th>").append(esc(k)).append("</th>"));
    h.append("<th>Claim</th><th>").append(esc(source)).append("</th><th>Model</th>").append(labelled ? "<th>Scope</th>" : "")
        .append("<th>Test</th><th>Threshold</th><th>Held</th><th>Number (mean, 95% interval over the seeds, range)</th></tr>\n");
    for (Summary.ClaimAcross c : rows) {
      h.append(labelled ? "<tr class=\"beyond\">" : "<tr>");
      plan.sweep().grid().keySet().forEach(k -> h.append("<td>").append(esc(c.setting().get(k))).append("</td>"));
      String cls = c.held() == c.n() ? "all" : c.held() == 0 ? "none" : "some";
      h.append("<td>").append(esc(c.first().statement())).append("</td><td>").append(esc(c.first().source())).append("</td><td>")
          .append(esc(c.first().model())).append("</td>");
      if (labelled) h.append("<td class=\"scope\">").append(esc(label)).append("</td>");
      h.append("<td>").append(esc(c.first().test())).append("</td><td>")
          .append(Double.isNaN(c.first().threshold()) ? "" : Charts.number(c.first().threshold())).append("</td><td class=\"").append(cls).append("\">held in ")
          .append(c.held()).append(" of ").append(c.n()).append("</td><td>").append(esc(number(c))).append("</td></tr>\n");
    }
    h.append("</table>\n");
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

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
