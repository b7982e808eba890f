package org.invariance.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Claim;
import org.invariance.results.Figure;

/**
 * {@code report/index.html} from its template ({@code page.mustache}): a table of contents, what
 * was run ({@link RunSummary}), the claims and the budget behind them ({@link ClaimsTable},
 * {@link RunBudget}), missing figures, every figure with its PNGs embedded (each panel also kept
 * in {@code report/figures/} as PNG, SVG and the CSV of what it plots), and the configuration as
 * key-value tables. The template escapes everything it inserts (a name from YAML may hold
 * {@code <}); the only raw insertion is a PNG's base64.
 */
final class ReportPage {
  private static final HtmlTemplate PAGE = HtmlTemplate.of(ReportPage.class, "page.mustache");

  private ReportPage() {}

  /** Appends the page to {@code h}, writing each figure's panels to {@code pngDir} as it goes. */
  static void write(StringBuilder h, JsonNode prov, List<Figure> drawn, List<Claim> claims, List<String> failures, Path pngDir,
      ReportContext.Wording words) throws IOException {
    Map<String, Object> page = new LinkedHashMap<>();
    String title = prov.path("experiment").asText("experiment") + ": report";
    page.put("title", title);
    List<Map<String, String>> toc = new ArrayList<>();
    toc.add(entry("run", "What was run"));
    page.put("summary", RunSummary.rows(prov));
    String runLine = RunSummary.runLine(prov);
    ClaimsTable.view(page, claims, words, runLine);
    toc.add(entry("claims", words.title()));
    RunBudget.view(page, prov, words);
    if (claims.stream().anyMatch(c -> !c.isStudy())) toc.add(entry("claims-beyond", "Comparisons " + words.beyond()));
    page.put("anyFailures", !failures.isEmpty());
    page.put("failures", failures);
    if (!failures.isEmpty()) toc.add(entry("missing", "Missing figures"));
    page.put("figures", figures(drawn, pngDir, words, runLine, toc));
    page.put("config", ConfigTables.sections(prov.path("config")));
    toc.add(entry("configuration", "Configuration"));
    page.put("toc", toc);
    h.append(PAGE.render(page));
  }

  private static Map<String, String> entry(String id, String label) {
    return Map.of("id", id, "label", label);
  }

  /** Every figure in the order given, those without a number under one heading after the numbered ones. */
  private static List<Map<String, Object>> figures(List<Figure> drawn, Path pngDir, ReportContext.Wording words, String runLine,
      List<Map<String, String>> toc) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    boolean beyond = false;
    int extra = 0;
    for (Figure f : drawn) {
      Map<String, Object> v = new LinkedHashMap<>();
      if (f.number() == null && !beyond) {
        beyond = true;
        v.put("beyondHeading", words.figures());
        toc.add(entry("beyond", words.figures()));
      }
      String id = f.number() != null ? "figure-" + f.number() : "extra-" + (++extra);
      String heading = (f.number() != null ? "Figure " + f.number() + ". " : "") + f.title();
      v.put("id", id);
      v.put("heading", heading);
      toc.add(entry(id, heading));
      SharedAxes.apply(f); // models side by side on one y-axis
      // each panel also as PNG, SVG for papers, and the numbers it plots for any other tool
      v.put("panels", PanelFiles.write(f, id, pngDir));
      v.put("caption", f.caption());
      v.put("runLine", runLine);
      out.add(v);
    }
    return out;
  }
}
