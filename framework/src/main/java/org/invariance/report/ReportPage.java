package org.invariance.report;

import static org.invariance.report.Html.esc;
import static org.invariance.report.Html.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.invariance.files.AtomicWrite;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Claim;
import org.invariance.results.Figure;

/**
 * The HTML of {@code report/index.html}: head and style, what was run ({@link RunSummary}), the
 * claims ({@link ClaimsTable}), missing figures, every figure with its PNGs embedded (and kept in
 * {@code report/figures/}), and the configuration. Only layout lives here; the report decides what
 * goes on the page.
 */
final class ReportPage {
  private ReportPage() {}

  /** Appends the page to {@code h}, writing each figure's PNGs to {@code pngDir} as it goes. */
  static void write(StringBuilder h, JsonNode prov, List<Figure> drawn, List<Claim> claims, List<String> failures, Path pngDir,
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
        .append(".files{font-size:85%;color:#555}.files a{color:#555}\n")
        .append(".run{color:#555;font-size:90%}.failure{color:#b42318}pre{background:#f7f7f7;padding:1em;overflow:auto;font-size:85%}\n")
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(title)).append("</h1>\n");
    RunSummary.table(h, prov);

    String runLine = RunSummary.runLine(prov);
    ClaimsTable.section(h, claims, words, runLine);
    if (!failures.isEmpty()) {
      h.append("<h2>Missing figures</h2>\n<ul>\n");
      for (String f : failures) h.append("<li class=\"failure\">").append(esc(f)).append("</li>\n");
      h.append("</ul>\n");
    }
    figures(h, drawn, pngDir, words, runLine);
    h.append("<h2>Configuration</h2>\n<pre>").append(esc(prov.path("config").toPrettyString())).append("</pre>\n");
    h.append("</body>\n</html>\n");
  }

  /** Every figure in the order given, those without a number under one heading after the numbered ones. */
  private static void figures(StringBuilder h, List<Figure> drawn, Path pngDir, ReportContext.Wording words, String runLine) throws IOException {
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
        String base = id + "-" + (++k);
        Files.write(pngDir.resolve(base + ".png"), png);
        // the same drawing as SVG for papers, and the numbers it plots for any other tool
        AtomicWrite.text(pngDir.resolve(base + ".svg"), Svg.of(p.chart(), p.width(), p.height()));
        PlottedData.write(pngDir.resolve(base + ".csv"), p.chart());
        h.append("<div class=\"panel\"><img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
            .append("\" width=\"").append(p.width()).append("\" height=\"").append(p.height()).append("\" alt=\"")
            .append(esc(f.title() + (p.label().isEmpty() ? "" : ": " + p.label()))).append("\" data-file=\"figures/").append(base)
            .append(".png\">").append(esc(p.label()))
            .append("<div class=\"files\"><a href=\"figures/").append(base).append(".png\">PNG</a> · <a href=\"figures/").append(base)
            .append(".svg\">SVG</a> · <a href=\"figures/").append(base).append(".csv\">data (CSV)</a></div></div>\n");
      }
      h.append("</div>\n<figcaption>").append(esc(f.caption())).append(" <span class=\"run\">").append(esc(runLine))
          .append("</span></figcaption>\n</figure>\n");
    }
  }
}
