package org.invariance.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.plugin.ReportContext;

/**
 * The run's budget beside the one the claims were first measured with (when the probes' words
 * name one): iterations per model, images, seeds. Under the claims, since a claim "not held" on a
 * hundredth of the study's training says something else than one not held on all of it.
 */
final class RunBudget {
  private RunBudget() {}

  static void view(Map<String, Object> page, JsonNode prov, ReportContext.Wording words) {
    List<Map<String, String>> rows = new ArrayList<>();
    rows.add(row("this run", iterations(prov.path("config").path("models")), String.format("%,d", prov.path("data").path("train_images").asLong()),
        String.format("%,d", prov.path("data").path("test_images").asLong()), "1 (seed " + prov.path("seed").asText("?") + ")"));
    ReportContext.Budget other = words.budget();
    if (other != null) rows.add(row(other.who(), other.iterations(), other.trainImages(), other.testImages(), other.seeds()));
    Map<String, Object> budget = new LinkedHashMap<>();
    budget.put("rows", rows);
    budget.put("note", other == null
        ? "Each claim is judged on this run's numbers, from one seed; a sweep over seeds says how often it holds."
        : "Each claim is judged on this run's numbers, from one seed: where this run's budget is smaller than " + other.who()
            + "'s, a claim not held means this run did not show it, not that it is false. A sweep over seeds says how often it holds.");
    page.put("budget", budget);
  }

  /** Each model's training budget as its section says it ("iterations", "epochs"); models without one are left out. */
  static String iterations(JsonNode models) {
    List<String> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      List<String> parts = new ArrayList<>();
      for (String k : List.of("iterations", "epochs")) {
        JsonNode v = e.getValue().path(k);
        if (v.isNumber()) parts.add(String.format("%,d", v.asLong()) + " " + k);
      }
      if (!parts.isEmpty()) out.add(e.getKey() + " " + String.join(", ", parts));
    }
    return out.isEmpty() ? "-" : String.join("; ", out);
  }

  private static Map<String, String> row(String who, String iterations, String train, String test, String seeds) {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("who", who);
    r.put("iterations", iterations);
    r.put("train", train);
    r.put("test", test);
    r.put("seeds", seeds);
    return r;
  }
}
