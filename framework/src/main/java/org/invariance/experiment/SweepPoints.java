package org.invariance.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sweep's grid checked and expanded into its points. Each point is the experiment with its seed
 * and grid values set, resolved on its own, so a value that breaks it is reported at the sweep's
 * line that lists the value.
 */
final class SweepPoints {
  /** A sweep runs at most this many points (grid combinations times seeds), each a whole experiment. */
  static final int MAX_POINTS = 10_000;

  private SweepPoints() {}

  /** One brace group of two or more alternatives: {@code models.{AER-encoder,AEUR-encoder}.init}. */
  private static final Pattern BRACES = Pattern.compile("([A-Za-z0-9._+-]*)\\{([A-Za-z0-9._+-]+(?:,[A-Za-z0-9._+-]+)+)\\}([A-Za-z0-9._+-]*)");

  /**
   * The dotted keys a grid key sets: itself, or, for a key with one brace group ({@code
   * models.{AER-encoder,AEUR-encoder}.init}), each alternative in its place, all set to the same
   * value at every point (one choice made for several models at once).
   */
  static List<String> expand(String key) {
    Matcher m = BRACES.matcher(key);
    if (!m.matches()) return List.of(key);
    List<String> out = new ArrayList<>();
    for (String alt : m.group(2).split(",")) out.add(m.group(1) + alt + m.group(3));
    return out;
  }

  /** Each grid key is a dotted key of the experiment (or one brace group of them) with at least one value (named at its own line). */
  static void checkGrid(SweepSpec sweep, ConfigBinder binder) {
    for (var e : sweep.grid().entrySet()) {
      String at = "/sweep/grid/" + Locations.escape(e.getKey());
      List<String> expanded = expand(e.getKey());
      if (expanded.size() != new LinkedHashSet<>(expanded).size()) throw binder.error(at, "a brace group names the same key twice");
      for (String k : expanded) {
        if (!k.matches("[A-Za-z0-9._+-]+") || k.startsWith(".") || k.endsWith(".") || k.contains("..")) {
          throw binder.error(at, "expected a dotted key such as models.AE.iterations, or several in one brace group such as models.{A,B}.iterations");
        }
        if (k.equals("seed")) throw binder.error(at, "list seeds under sweep.seeds");
        if (k.startsWith("sweep.") || k.startsWith("cluster.")) throw binder.error(at, "a sweep cannot sweep its own settings");
      }
      if (e.getValue() == null || e.getValue().isEmpty()) throw binder.error(at, "names no value");
      // the same value twice would run the same point twice and count it as two seeds' worth of evidence
      List<JsonNode> values = e.getValue();
      for (int i = 0; i < values.size(); i++) {
        for (int j = 0; j < i; j++) {
          if (sameValue(values.get(i), values.get(j))) throw binder.error(at + "/" + i, "the value " + values.get(i) + " is listed twice (also at [" + j + "]): each point would run twice");
        }
      }
    }
    long runs = sweep.seeds() == null ? 1 : sweep.seeds().size();
    for (List<JsonNode> values : sweep.grid().values()) {
      runs *= values.size();
      if (runs > MAX_POINTS) throw binder.error("/sweep", "the sweep makes more than " + MAX_POINTS + " runs (grid combinations times seeds): split it into several files");
    }
  }

  /** Equal as values: 30 and 30.0 are one number. */
  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) return a.doubleValue() == b.doubleValue();
    return a.equals(b);
  }

  /** Every grid combination (file order, the last key fastest) with every seed (innermost). */
  static List<Plan.Point> points(Path file, ObjectNode doc, SweepSpec sweep, Experiment base, Locations locations, ExperimentSections sections) {
    List<String> keys = new ArrayList<>(sweep.grid().keySet());
    List<Long> seeds = sweep.seeds() != null ? sweep.seeds() : List.of(base.seed());
    int combos = 1;
    for (String k : keys) combos = Math.multiplyExact(combos, sweep.grid().get(k).size());
    List<Plan.Point> out = new ArrayList<>();
    int width = String.valueOf(combos * seeds.size() - 1).length();
    for (int c = 0; c < combos; c++) {
      int[] pick = new int[keys.size()];
      for (int k = keys.size() - 1, rest = c; k >= 0; k--) {
        int n = sweep.grid().get(keys.get(k)).size();
        pick[k] = rest % n;
        rest /= n;
      }
      for (int si = 0; si < seeds.size(); si++) {
        ObjectNode pointDoc = doc.deepCopy();
        Locations pl = locations.copy();
        LinkedHashMap<String, String> grid = new LinkedHashMap<>();
        StringBuilder label = new StringBuilder("seed=" + seeds.get(si));
        Overrides.set(pointDoc, "seed", LongNode.valueOf(seeds.get(si)), pl,
            sweep.seeds() != null ? locations.find("/sweep/seeds/" + si) : locations.find("/seed"));
        for (int k = 0; k < keys.size(); k++) {
          String key = keys.get(k);
          JsonNode value = sweep.grid().get(key).get(pick[k]);
          String text = value.isValueNode() ? value.asText() : value.toString();
          grid.put(key, text);
          String shortKey = key.substring(key.lastIndexOf('.') + 1);
          label.append(',').append(shortKey).append('=').append(text.replaceAll("[^A-Za-z0-9._+-]", "_"));
          for (String each : expand(key)) Overrides.set(pointDoc, each, value, pl, locations.find("/sweep/grid/" + Locations.escape(key) + "/" + pick[k]));
        }
        String id = String.format("%0" + width + "d", out.size()) + "-" + label;
        out.add(new Plan.Point(id, seeds.get(si), grid, sections.resolve(file, pointDoc, new ConfigBinder(pl))));
      }
    }
    return out;
  }
}
