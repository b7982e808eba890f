package org.invariance.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.invariance.experiment.Plan;

/**
 * The data's class names, as the sweep's points recorded them in their provenance, so the sweep's
 * tables and figures say "Trouser (class 1)" where the summaries hold the index 1. Data whose
 * names are their indices (the digits) keep the index alone.
 */
final class ClassNames {
  /** The columns whose cells are class indices (docs/RESULTS.md). */
  static final Set<String> CLASS_COLUMNS = Set.of("digit", "other_digit");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> names;

  ClassNames(List<String> names) {
    this.names = List.copyOf(names);
  }

  /** The names the first point with a run record wrote; none when no point has one yet. */
  static ClassNames of(Path out, Plan plan) {
    for (Plan.Point p : plan.points()) {
      Path prov = PointDirs.of(out, plan, p).resolve("provenance.json");
      if (!Files.isRegularFile(prov)) continue;
      try {
        JsonNode classes = JSON.readTree(prov.toFile()).path("data").path("classes");
        List<String> names = new ArrayList<>();
        classes.forEach(c -> names.add(c.asText()));
        return new ClassNames(names);
      } catch (IOException e) {
        // an unreadable record names nothing; the report on it says why
      }
    }
    return new ClassNames(List.of());
  }

  /** Class {@code index}'s name, or null when the data gives none other than the index. */
  String name(String index) {
    try {
      int i = Integer.parseInt(index);
      if (i < 0 || i >= names.size() || names.get(i).equals(index)) return null;
      return names.get(i);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A key cell as shown: a class column's index as "Trouser (class 1)" where the data names it, every other cell as it is. */
  String cell(String column, String value) {
    if (!CLASS_COLUMNS.contains(column)) return value;
    String name = name(value);
    return name == null ? value : name + " (class " + value + ")";
  }
}
