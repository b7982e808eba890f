package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.invariance.testing.Pandas;

/**
 * Every CSV of a run as docs/RESULTS.md lists it, read by pandas with no options: each column where
 * the docs put it, a numeric dtype (int64, float64) where they say number, object where they say
 * text, so a researcher's {@code pandas.read_csv} needs no {@code dtype=}.
 */
final class TidyTables {
  private static final String N = "number";
  private static final String T = "text";
  /** The columns every probe CSV starts and ends with. */
  private static final List<Col> LEADING = List.of(col("run_id", T), col("seed", N), col("model", T), col("dataset", T));
  private static final List<Col> TRAILING = List.of(col("metric", T), col("value", N));
  /** Per probe plugin, its key columns in {@code <probe>.csv} and (where it writes one) in {@code <probe>_summary.csv}. */
  private static final Map<String, List<List<Col>>> KEYS = new LinkedHashMap<>();

  static {
    keys("accuracy", List.of(col("amount", N), col("mix", T), col("digit", N)), null);
    keys("sta", List.of(col("neuron", N), col("pixel", N)), null);
    keys("distance", List.of(col("other_dataset", T), col("layer", N), col("sample", N)), List.of(col("other_dataset", T), col("layer", N)));
    keys("p10", List.of(col("layer", N), col("neuron", N)), null);
    keys("neuron-types", List.of(col("layer", N), col("digit", N), col("type", T), col("neuron", N)),
        List.of(col("layer", N), col("digit", N), col("type", T), col("other_digit", N)));
    keys("ablation", List.of(col("type", T), col("digit", N)), List.of(col("type", T), col("digit", N)));
    keys("dropout", List.of(col("drop", T), col("fraction", N), col("trial", N)), List.of(col("drop", T), col("fraction", N)));
    keys("cka", List.of(col("other_dataset", T), col("layer", N)), null);
    keys("invariance-score", List.of(col("layer", N)), null);
    keys("equivariance", List.of(col("other_dataset", T), col("amount", N), col("layer", N)), null);
  }

  private static final List<Col> TRAINING = List.of(col("run_id", T), col("seed", N), col("model", T), col("phase", T), col("iteration", N),
      col("seconds", N), col("metric", T), col("layer", N), col("amount", N), col("value", N));
  private static final List<Col> CLAIMS = List.of(col("run_id", T), col("seed", N), col("statement", T), col("source", T), col("model", T),
      col("measured", T), col("test", T), col("held", "boolean"), col("quantity", T), col("value", N), col("threshold", N), col("scope", T));

  private TidyTables() {}

  /** A column and its documented kind. */
  private record Col(String name, String type) {}

  private static Col col(String name, String type) {
    return new Col(name, type);
  }

  private static void keys(String plugin, List<Col> raw, List<Col> summary) {
    List<List<Col>> files = new ArrayList<>();
    files.add(raw);
    files.add(summary);
    KEYS.put(plugin, files);
  }

  private static List<Col> probeColumns(List<Col> keys) {
    List<Col> c = new ArrayList<>(LEADING);
    c.addAll(keys);
    c.addAll(TRAILING);
    return c;
  }

  /** Every {@code *.csv} of the run dir, each probe's named by provenance.json; returns how many were checked. */
  static int assertPandasReadsEveryCsvAsDocumented(Path run) throws Exception {
    Map<String, List<Col>> expected = new LinkedHashMap<>();
    expected.put("training.csv", TRAINING);
    expected.put("report/claims.csv", CLAIMS);
    for (JsonNode probe : new ObjectMapper().readTree(run.resolve("provenance.json").toFile()).path("probes")) {
      List<List<Col>> keys = KEYS.get(probe.path("plugin").asText());
      assertTrue(keys != null, "a probe plugin docs/RESULTS.md does not list: " + probe);
      String name = probe.path("name").asText();
      expected.put(name + ".csv", probeColumns(keys.get(0)));
      if (keys.get(1) != null) expected.put(name + "_summary.csv", probeColumns(keys.get(1)));
    }
    List<String> found;
    try (Stream<Path> s = Files.walk(run)) {
      found = s.filter(p -> p.toString().endsWith(".csv")).map(p -> run.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
    // each figure panel's plotted data, documented once for all: the same columns, the numbers numeric
    List<String> figures = found.stream().filter(f -> f.startsWith("report/figures/")).toList();
    found = found.stream().filter(f -> !f.startsWith("report/figures/")).toList();
    if (!figures.isEmpty()) {
      Map<Path, Map<String, String>> plotted = Pandas.dtypes(figures.stream().map(run::resolve).toList());
      for (String f : figures) {
        Map<String, String> got = plotted.get(run.resolve(f));
        assertEquals(List.of("plot", "series", "x", "y", "z", "low", "high", "stat"), List.copyOf(got.keySet()), f + ": the plotted data's columns");
        for (String c : List.of("plot", "y", "low", "high")) assertTrue(Pandas.numeric(got.get(c)), f + ": " + c + " is read as " + got.get(c));
      }
    }
    assertEquals(expected.keySet().stream().sorted().toList(), found, "every CSV of the run, each documented");
    List<Path> files = found.stream().map(run::resolve).toList();
    Map<Path, Map<String, String>> dtypes = Pandas.dtypes(files);
    for (String f : found) {
      Map<String, String> got = dtypes.get(run.resolve(f));
      List<Col> want = expected.get(f);
      assertEquals(want.stream().map(Col::name).toList(), List.copyOf(got.keySet()), f + ": the documented columns, in order");
      if (Files.readAllLines(run.resolve(f)).size() < 2) continue; // a header alone (no claim judged) says nothing of types
      for (Col c : want) {
        String dtype = got.get(c.name());
        boolean ok = switch (c.type()) {
          case N -> Pandas.numeric(dtype);
          case T -> dtype.equals("object");
          default -> dtype.equals("bool");
        };
        assertTrue(ok, f + ": column " + c.name() + " is documented as " + c.type() + " but pandas reads it as " + dtype + " (all: " + got + ")");
      }
    }
    return found.size();
  }
}
