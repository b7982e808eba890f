package org.invariance.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was run, in words from provenance: the table at the top of the page, and the one line
 * appended to every caption. Apart from the page, since a run's record changes for other reasons
 * than its layout.
 */
final class RunSummary {
  private RunSummary() {}

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

  /** The table of what was run: experiment, seed, data, transforms, models, code, command, start; every value in words. */
  static List<Map<String, String>> rows(JsonNode prov) {
    List<Map<String, String>> rows = new ArrayList<>();
    JsonNode data = prov.path("data");
    JsonNode config = prov.path("config");
    row(rows, "experiment", prov.path("experiment").asText() + " (" + prov.path("experiment_file").asText() + ")");
    row(rows, "seed", prov.path("seed").asText());
    row(rows, "data", data.path("name").asText() + " from " + data.path("plugin").asText()
        + (data.has("package") ? " (" + data.path("package").asText() + ", sha256 " + data.path("package_sha256").asText() + ")" : "")
        + ": " + data.path("train_images").asText() + " training, " + data.path("test_images").asText() + " test images; "
        + data.path("split").asText() + "; checksum " + data.path("checksum").asText());
    for (Iterator<Map.Entry<String, JsonNode>> it = config.path("transforms").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      row(rows, "transform " + e.getKey(), ConfigTables.inline(e.getValue()));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = config.path("models").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      row(rows, "model " + e.getKey(), ConfigTables.inline(e.getValue()));
    }
    JsonNode code = prov.path("code");
    String commit = code.isMissingNode() ? prov.path("git_commit").asText() : code.path("commit").asText(); // older runs recorded git_commit
    List<String> versions = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = prov.path("versions").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      versions.add(e.getKey() + " " + ConfigTables.inline(e.getValue()));
    }
    row(rows, "code", "invariance " + code.path("version").asText("?") + ", commit " + commit + (versions.isEmpty() ? "" : "; " + String.join(", ", versions)));
    if (prov.path("command").isArray()) {
      List<String> words = new ArrayList<>();
      prov.path("command").forEach(w -> words.add(w.asText()));
      row(rows, "command", String.join(" ", words));
    }
    row(rows, "started", prov.path("started").asText());
    List<String> models = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = prov.path("models").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode m = e.getValue();
      // a model that does not classify (an encoder) has no classes to list
      models.add(e.getKey() + ": " + m.path("plugin").asText() + (m.has("on") ? " on " + m.path("on").asText() : "") + ", layers "
          + m.path("layers").asText() + (m.path("classes").asInt() > 0 ? ", " + m.path("classes").asInt() + " classes" : "") + ", "
          + m.path("origin").asText() + (m.has("seconds") ? String.format(" (%.0f s)", m.path("seconds").asDouble()) : "") + ", key " + m.path("key").asText());
    }
    if (!models.isEmpty()) row(rows, "models", String.join("; ", models));
    return rows;
  }

  private static void row(List<Map<String, String>> rows, String k, String v) {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("key", k);
    r.put("value", v);
    rows.add(r);
  }
}
