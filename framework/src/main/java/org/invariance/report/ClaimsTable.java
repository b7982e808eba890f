package org.invariance.report;

import static org.invariance.report.Html.esc;
import static org.invariance.report.Html.text;

import java.util.List;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Claim;

/**
 * The page's claims: the headline count (of the study's claims only), their table, and the rows
 * that apply the same tests beyond them, labelled and apart. Its own class since what counts as a
 * claim, and how it is worded, is the report's main statement.
 */
final class ClaimsTable {
  private ClaimsTable() {}

  /** The claims' section of the page, in {@code words}; {@code runLine} closes its paragraph. */
  static void section(StringBuilder h, List<Claim> claims, ReportContext.Wording words, String runLine) {
    h.append("<h2 id=\"claims\">").append(text(words.title())).append(" on this run</h2>\n");
    List<Claim> study = claims.stream().filter(Claim::isStudy).toList();
    List<Claim> others = claims.stream().filter(c -> !c.isStudy()).toList();
    if (claims.isEmpty()) {
      h.append("<p>No probe of this run judges a claim.</p>\n");
      return;
    }
    long held = study.stream().filter(Claim::held).count();
    h.append("<p>").append(held).append(" of ").append(study.size()).append(" of ").append(text(words.claims())).append(" held.");
    if (!others.isEmpty()) {
      long othersHeld = others.stream().filter(Claim::held).count();
      h.append(" ").append(others.size()).append(others.size() == 1 ? " row applies" : " rows apply")
          .append(" ").append(text(words.tests())).append(" (").append(othersHeld).append(" held), listed apart below and not counted.");
    }
    h.append(" ").append(esc(runLine)).append("</p>\n");
    if (!study.isEmpty()) table(h, study, "", words.source());
    if (!others.isEmpty()) {
      h.append("<h3 id=\"claims-beyond\">Comparisons ").append(text(words.beyond())).append("</h3>\n")
          .append("<p>").append(text(words.explanation())).append("</p>\n");
      table(h, others, words.beyond(), words.source());
    }
  }

  /** A table of claims; {@code label}, when not empty, is shown in each row's Scope cell; {@code source} heads the column of where each is made. */
  private static void table(StringBuilder h, List<Claim> claims, String label, String source) {
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
}
