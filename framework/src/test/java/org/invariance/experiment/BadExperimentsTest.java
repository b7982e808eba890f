package org.invariance.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad experiment files, tried systematically: each is {@link ExperimentLoaderTest#VALID} with one
 * mistake, and the one-line error must name the line and column where the researcher edits, the
 * field, and the problem in words. A missing top-level key stands at the document's start (1:1), a
 * wrong list element at the element itself.
 *
 * <pre>
 *  1 name: tiny            7   shift:                   13   H:
 *  2 seed: 7               8     amounts: [-2, 0, 2]    14     plugin: fixed-head
 *  3 data:                 9 models:                    15     on: A
 *  4   plugin: test-digits 10   A:                      16 probes:
 *  5   count: 40           11     plugin: fixed-encoder 17   count:
 *  6 transforms:           12     units: 8              18     datasets: ["0", "mix"]
 * </pre>
 */
class BadExperimentsTest {
  @TempDir Path dir;

  record Case(String mistake, String text, int line, int column, String field, String problem) {
    @Override public String toString() {
      return mistake;
    }
  }

  static final String V = ExperimentLoaderTest.VALID;

  static Case c(String mistake, String text, int line, int column, String field, String problem) {
    return new Case(mistake, text, line, column, field, problem);
  }

  static Stream<Case> cases() {
    return Stream.of(
        c("a word where a number goes", V.replace("seed: 7", "seed: seven"), 2, 1, "seed", "expected"),
        c("a misspelt section", V.replace("probes:", "probs:"), 16, 1, "probs", "unknown key 'probs' (did you mean 'probes'?)"),
        c("a misspelt required key", V.replace("  count: 40", "  cont: 40"), 5, 3, "data.cont", "unknown key 'cont' (did you mean 'count'?)"),
        c("a misspelt optional key", V.replace("    units: 8\n", "    units: 8\n    scal: 2\n"), 13, 5, "models.A.scal", "unknown key 'scal' (did you mean 'scale'?)"),
        c("a key that is no typo", V.replace("  count: 40", "  count: 40\n  colour: red"), 6, 3, "data.colour", "unknown key 'colour'; known keys: classes, count, name, test_fraction"),
        c("an unknown source", V.replace("plugin: test-digits", "plugin: test-digitz"), 4, 3, "data.plugin", "unknown plugin 'test-digitz' (did you mean 'test-digits'?)"),
        c("an unknown model plugin", V.replace("plugin: fixed-encoder", "plugin: fixed-encodr"), 11, 5, "models.A.plugin", "unknown plugin 'fixed-encodr' (did you mean 'fixed-encoder'?)"),
        c("an unknown probe, named by its key", V.replace("  count:\n    datasets", "  cnt:\n    datasets"), 17, 3, "probes.cnt", "unknown plugin 'cnt'"),
        c("an unknown transform, named by its key", V.replace("  shift:\n", "  spin:\n"), 7, 3, "transforms.spin", "unknown plugin 'spin'"),
        c("a model of zero units", V.replace("units: 8", "units: 0"), 12, 5, "models.A.units", "must be positive"),
        c("a model of negative units", V.replace("units: 8", "units: -3"), 12, 5, "models.A.units", "must be positive"),
        c("units as a word", V.replace("units: 8", "units: eight"), 12, 5, "models.A.units", "expected"),
        c("an empty amount set", V.replace("amounts: [-2, 0, 2]", "amounts: []"), 8, 5, "transforms.shift.amounts", "required: the amounts"),
        c("amounts that are not numbers", V.replace("amounts: [-2, 0, 2]", "amounts: [a, b]"), 8, 15, "transforms.shift.amounts[0]", "expected"),
        c("a probe measuring a model that does not exist", V + "    models: [Z]\n", 19, 14, "probes.count.models[0]", "no model named 'Z'; models: A, H"),
        c("a probe asking for a layer the model will not have", V + "    layers: [1, 9]\n", 19, 17, "probes.count.layers[1]", "model H has layers 1..2 (1 = the input), not 9"),
        c("a dataset of a transform that does not exist", V.replace("[\"0\", \"mix\"]", "[\"0\", \"zoom:2\"]"), 18, 21, "probes.count.datasets[1]", "dataset 'zoom:2' names no transform of this experiment ('zoom'); transforms: shift"),
        c("a probe on a transform that does not exist", V + "    transform: spin\n", 19, 5, "probes.count.transform", "no transform named 'spin'"),
        c("a model trained on a transform that does not exist", V.replace("    units: 8\n", "    units: 8\n    transform: spin\n"), 13, 5, "models.A.transform", "no transform named 'spin'"),
        c("a model on one that does not exist", V.replace("    on: A", "    on: B"), 15, 5, "models.H.on", "no model named 'B'"),
        c("a model from scratch given an upstream", V.replace("    units: 8\n", "    units: 8\n    on: H\n"), 13, 5, "models.A.on", "trains from scratch"),
        c("models building on each other in a cycle", V.replace("    on: A\n", "    on: H2\n  H2:\n    plugin: fixed-head\n    on: H\n"), 15, 5, "models.H.on", "cycle: H -> H2 -> H"),
        c("a model whose plugin builds on another, without on:", V.replace("    on: A\n", ""), 13, 3, "models.H", "builds on another model: add on:"),
        c("two models of the same name", V.replace("    on: A\n", "    on: A\n  A:\n    plugin: fixed-head\n"), 16, 3, null, "Duplicate field 'A'"),
        c("a name that cannot name a directory", V.replace("name: tiny", "name: a/b"), 1, 1, "name", "use letters, digits"),
        c("a name that climbs out of runs/", V.replace("name: tiny", "name: .."), 1, 1, "name", "a name may not start with '.'"),
        c("a model name too long for a file name", V.replace("  A:\n", "  " + "A".repeat(250) + ":\n").replace("on: A", "on: " + "A".repeat(250)), 10, 3, "models." + "A".repeat(250),
            "a name of 250 characters is too long for the file names made from it; at most 100"),
        c("a grid value listed twice", V + "sweep:\n  grid:\n    models.A.units: [8, 8.0]\n", 21, 25, "sweep.grid.models.A.units[1]", "is listed twice (also at [0])"),
        c("a model name with a space", V.replace("  A:\n", "  A B:\n").replace("on: A", "on: A B"), 10, 3, "models.A B", "use letters, digits"),
        c("no seed", V.replace("seed: 7\n", ""), 1, 1, "seed", "required key is missing"),
        c("no data", V.replace("data:\n  plugin: test-digits\n  count: 40\n", ""), 1, 1, "data", "required section is missing"),
        c("data that is not a mapping", V.replace("data:\n  plugin: test-digits\n  count: 40", "data: test-digits"), 3, 1, "data", "expected a mapping with a 'plugin' key"),
        c("a plugin that is a list", V.replace("plugin: test-digits", "plugin: [test-digits]"), 4, 3, "data.plugin", "expected a plugin name"),
        c("a list instead of an experiment", "- name\n- seed\n", 1, 1, "", "an experiment file is a mapping of sections"),
        c("broken YAML", V.replace("amounts: [-2, 0, 2]", "amounts: [-2, 0, 2"), 9, 7, null, "not valid YAML"),
        c("a negative checkpoint interval", V + "checkpoints: {every_iterations: -5}\n", 19, 15, "checkpoints.every_iterations", "must be 0 (not by count)"),
        c("a data limit of zero", V.replace("  count: 40", "  count: 40\n  test_limit: 0"), 6, 3, "data.test_limit", "must be a positive integer"),
        c("a probe asking for an amount nothing declares", V.replace("[\"0\", \"mix\"]", "[\"0\", \"5\"]"), 18, 21, "probes.count.datasets[1]",
            "amount 5 is not declared for transform 'shift' (declared: -2, 0, 2; it leaves images unchanged at 0): add it to transforms.shift.amounts"),
        c("a default the transform cannot decide (it declares no identity)", V.replace("  shift:\n", "  shift:\n    plugin: dim\n").replace("    datasets: [\"0\", \"mix\"]\n", ""),
            18, 3, "probes.count.datasets", "transform 'shift' (plugin 'dim') declares no amount that leaves an image unchanged, so this key has no default: write it out"),
        c("a metrics port out of range", V + "metrics: {port: 70000}\n", 19, 11, "metrics.port", "0 (a free port) to 65535"),
        c("a seed listed twice in a sweep", V + "sweep:\n  seeds: [1, 1]\n", 20, 14, "sweep.seeds[1]", "listed twice"),
        c("a grid key without values", V + "sweep:\n  grid:\n    models.A.units: []\n", 21, 5, "sweep.grid.models.A.units", "names no value"),
        c("a grid value the plugin refuses", V + "sweep:\n  grid:\n    models.A.units: [4, 0]\n", 21, 25, "models.A.units", "must be positive"),
        c("a cluster member without a port", V + "cluster:\n  members: [localhost]\n", 20, 13, "cluster.members[0]", "expected host:port"),
        c("an alias", V.replace("units: 8", "units: &u 8").replace("count: 40", "count: *u"), 5, 10, "data.count", "YAML aliases (*u) are not supported"),
        c("a tag asking for a Java type", V.replace("name: tiny", "name: !!java.io.File tiny"), 1, 7, "name", "YAML tags (!tag:yaml.org,2002:java.io.File) are not supported"),
        // bounds: nothing is expanded, nested without end, or read whole when it is far too large
        c("a billion laughs (aliases of aliases, 10^9 strings once expanded)", V + billionLaughs(), 20, 12, "lol1[0]", "YAML aliases (*a0) are not supported"),
        c("lists nested 100 levels deep", V + "deep: " + "[".repeat(100) + "]".repeat(100) + "\n", 19, 71, null, "nested deeper than 64 levels"),
        c("mappings nested 100 levels deep", V + "deep:\n" + nestedMappings(100), 83, 65, null, "nested deeper than 64 levels"),
        c("a file of more than 1 MiB", V + "# " + "x".repeat(1 << 20) + "\n", 0, 0, null, "the file is larger than 1 MiB; an experiment file is a few KiB"),
        c("a sweep of 2^32 runs", V + "sweep:\n  grid:\n" + grid32(), 19, 1, "sweep", "the sweep makes more than 10000 runs"),
        // found by fuzzing: the parser's complaint named SnakeYAML's event classes (its column is a little past the key's start)
        c("an alias as a key", V + "x: &k y\n*k : 1\n", 20, 3, null, "YAML aliases (*k) are not supported"),
        c("a list as a key", V + "[a, b]: 1\n", 19, 2, null, "not valid YAML: expected a key, got a list"),
        // found by fuzzing: a syntax error quoting "exceeds the limit" from the file was taken for the size bound
        c("a syntax error quoting the words of a bound", "name: d 7ata: exceeds the limit{ad, on: G}\n", 1, 13, null, "not valid YAML: mapping values are not allowed here"),
        c("an escape cut short by the end of the file (found by fuzzing)", V + "x: \"\\x", 19, 2, null, "not valid YAML: an escape (\\x, \\u or \\U) without its hexadecimal digits"));
  }

  /** Nine aliases of nine aliases of ... "lol": 9^9 strings if an alias were ever expanded. */
  static String billionLaughs() {
    StringBuilder b = new StringBuilder("lol0: &a0 [lol]\n");
    for (int i = 1; i < 10; i++) {
      b.append("lol").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      b.append("]\n");
    }
    return b.toString();
  }

  /** "  k1:\n   k2:\n ..." in block style, one level deeper per line. */
  static String nestedMappings(int levels) {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= levels; i++) b.append(" ".repeat(i)).append('k').append(i).append(":\n");
    return b.toString();
  }

  static String grid32() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 32; i++) b.append("    models.A.k").append(i).append(": [1, 2]\n");
    return b.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void oneLineNamingLineColumnFieldAndProblem(Case c) throws Exception {
    Path f = dir.resolve("exp.yaml");
    Files.writeString(f, c.text());
    ConfigException e = assertThrows(ConfigException.class, () -> new ExperimentLoader(ExperimentLoaderTest.PLUGINS).plan(f, List.of()));
    String m = e.getMessage();
    assertEquals(1, m.lines().count(), "one line: " + m);
    assertEquals(c.line(), e.line(), m);
    assertEquals(c.column(), e.column(), m);
    assertEquals(c.field(), e.field(), m);
    assertTrue(e.problem().contains(c.problem()), m);
    assertTrue(m.startsWith(f + (c.line() > 0 ? ":" + c.line() + ":" + c.column() : "") + ": "), m);
    assertTrue(!m.matches(".*\\b(java|com|org)\\.[a-z]+\\.[A-Za-z.]*(Exception|Error)\\b.*"), "no Java class names: " + m);
  }
}
