package org.invariance.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Claim;

/**
 * The page's claims: the headline count (of the study's claims only), their table, and the rows
 * that apply the same tests beyond them, labelled and apart. Its own class since what counts as a
 * claim, and how it is worded, is the report's main statement. Gives the page template its values;
 * the template escapes them.
 */
final class ClaimsTable {
  private ClaimsTable() {}

  /** The claims' part of the page's view, in {@code words}; {@code runLine} closes its paragraph. */
  static void view(Map<String, Object> page, List<Claim> claims, ReportContext.Wording words, String runLine) {
    page.put("claimsTitle", words.title());
    List<Claim> study = claims.stream().filter(Claim::isStudy).toList();
    List<Claim> others = claims.stream().filter(c -> !c.isStudy()).toList();
    page.put("anyClaims", !claims.isEmpty());
    page.put("held", study.stream().filter(Claim::held).count());
    page.put("judged", study.size());
    page.put("claimsWords", words.claims());
    page.put("runLine", runLine);
    if (!others.isEmpty()) {
      page.put("others", Map.of("count", others.size(), "rowsApply", others.size() == 1 ? "row applies" : "rows apply", "tests", words.tests(),
          "held", others.stream().filter(Claim::held).count()));
    }
    List<Map<String, Object>> tables = new ArrayList<>();
    if (!study.isEmpty()) tables.add(table(study, "", words, false));
    if (!others.isEmpty()) tables.add(table(others, words.beyond(), words, true));
    page.put("tables", tables);
  }

  /** A table of claims; {@code label}, when not empty, is shown in each row's Scope cell. */
  private static Map<String, Object> table(List<Claim> claims, String label, ReportContext.Wording words, boolean heading) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("labelled", !label.isEmpty());
    t.put("label", label);
    t.put("source", words.source());
    if (heading) t.put("heading", Map.of("beyond", words.beyond(), "explanation", words.explanation()));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Claim c : claims) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("statement", c.statement());
      r.put("source", c.source());
      r.put("model", c.model());
      r.put("measured", c.measured());
      r.put("test", c.test());
      // the test's number on its own, so a reader compares it with the measured one at a glance
      r.put("threshold", Double.isNaN(c.threshold()) ? "" : Html.number(c.threshold()));
      r.put("heldClass", c.held() ? "held" : "not");
      r.put("heldWord", c.held() ? "held" : "not held");
      rows.add(r);
    }
    t.put("rows", rows);
    return t;
  }
}
