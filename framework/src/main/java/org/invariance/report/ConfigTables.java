package org.invariance.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration and provenance as a reader takes them in: one table per section, one row per
 * setting under its dotted key (as {@code --set} writes it), lists of numbers or words on one line.
 * Never raw JSON on the page.
 */
final class ConfigTables {
  private ConfigTables() {}

  /** One section per top-level key of {@code config}, in order. */
  static List<Map<String, Object>> sections(JsonNode config) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      List<Map<String, String>> rows = new ArrayList<>();
      flatten(e.getKey(), e.getValue(), rows);
      Map<String, Object> section = new LinkedHashMap<>();
      section.put("section", e.getKey());
      section.put("rows", rows);
      out.add(section);
    }
    return out;
  }

  /** {@code node} in words on one line: a value, a list joined by commas, a mapping as "key: value; ...". */
  static String inline(JsonNode node) {
    List<Map<String, String>> rows = new ArrayList<>();
    flatten("", node, rows);
    if (rows.size() == 1 && rows.get(0).get("key").isEmpty()) return rows.get(0).get("value");
    List<String> parts = new ArrayList<>();
    for (Map<String, String> r : rows) parts.add(r.get("key") + ": " + r.get("value"));
    return String.join("; ", parts);
  }

  private static void flatten(String key, JsonNode n, List<Map<String, String>> rows) {
    if (n.isObject()) {
      if (n.isEmpty()) rows.add(row(key, "{}"));
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(key.isEmpty() ? e.getKey() : key + "." + e.getKey(), e.getValue(), rows);
      }
    } else if (n.isArray() && allScalars(n)) {
      List<String> items = new ArrayList<>();
      n.forEach(v -> items.add(scalar(v)));
      rows.add(row(key, items.isEmpty() ? "(none)" : String.join(", ", items)));
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) flatten(key + "." + i, n.get(i), rows);
    } else {
      rows.add(row(key, scalar(n)));
    }
  }

  private static boolean allScalars(JsonNode array) {
    for (JsonNode v : array) if (v.isContainerNode()) return false;
    return true;
  }

  private static String scalar(JsonNode v) {
    return v.isNull() ? "null" : v.asText();
  }

  private static Map<String, String> row(String key, String value) {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("key", key);
    r.put("value", value);
    return r;
  }
}
