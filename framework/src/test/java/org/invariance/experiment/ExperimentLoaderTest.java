package org.invariance.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.invariance.metrics.MetricsConfig;
import org.invariance.plugin.PluginRegistry;
import org.invariance.testing.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ExperimentLoaderTest {
  public static final PluginRegistry PLUGINS = PluginRegistry.of(List.of(new TestPlugins()));
  @TempDir Path dir;

  /** Line numbers in the tests below count from "name" (line 1). */
  public static final String VALID = """
      name: tiny
      seed: 7
      data:
        plugin: test-digits
        count: 40
      transforms:
        shift:
          amounts: [-2, 0, 2]
      models:
        A:
          plugin: fixed-encoder
          units: 8
        H:
          plugin: fixed-head
          on: A
      probes:
        count:
          datasets: ["0", "mix"]
      """;

  Path file(String text) throws IOException {
    Path f = dir.resolve("exp.yaml");
    Files.writeString(f, text);
    return f;
  }

  Experiment load(String text, String... overrides) throws IOException {
    return new ExperimentLoader(PLUGINS).load(file(text), List.of(overrides));
  }

  ConfigException fails(String text, String... overrides) throws IOException {
    Path f = file(text);
    return assertThrows(ConfigException.class, () -> new ExperimentLoader(PLUGINS).load(f, List.of(overrides)));
  }

  /** The error's one line starts with file:line:col: field: (the place a researcher edits). */
  void assertAt(ConfigException e, int line, String field) {
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().startsWith(dir.resolve("exp.yaml") + ":" + line + ":" + e.column() + ": " + field + ": "), e.getMessage());
  }

  @Test
  void validFileResolvesDefaultsAndPluginConfigs() throws IOException {
    Experiment e = load(VALID);
    assertEquals("tiny", e.name());
    assertEquals(7, e.seed());
    assertEquals("test-digits", e.data().plugin());
    assertEquals(40, e.data().config(TestPlugins.DigitsConfig.class).count());
    assertEquals(0.3, e.data().config(TestPlugins.DigitsConfig.class).testFraction(), "the source's own default");
    assertEquals(List.of("shift"), List.copyOf(e.transforms().keySet()));
    assertEquals("shift", e.transforms().get("shift").use().plugin(), "a transform's key names its plugin by default");
    assertEquals(List.of(-2.0, 0.0, 2.0), e.transforms().get("shift").amounts());
    assertEquals("shift", e.defaultTransform());
    TestPlugins.EncoderConfig c = e.models().get("A").use().config(TestPlugins.EncoderConfig.class);
    assertEquals(8, c.units());
    assertEquals(0.01, c.scale(), "default filled in by the plugin's record");
    assertNull(e.models().get("A").on());
    assertEquals("A", e.models().get("H").on());
    assertEquals("shift", e.models().get("H").transform(), "a model draws from the first transform by default");
    Experiment.ProbeUse p = e.probes().get("count");
    assertEquals("count", p.use().plugin(), "a probe's key names its plugin by default");
    assertEquals(List.of("H"), p.models(), "by default a probe measures the models no other builds on");
    assertEquals("shift", p.transform());
    assertEquals(8, e.resolved().at("/models/A/units").asInt());
  }

  static final String HEADS_FIRST = VALID.replace("""
        A:
          plugin: fixed-encoder
          units: 8
        H:
          plugin: fixed-head
          on: A
      """, """
        H: {plugin: fixed-head, on: A}
        B: {plugin: fixed-encoder, units: 2}
        A: {plugin: fixed-encoder, units: 8}
        HB: {plugin: fixed-head, on: B}
      """);

  @Test
  void modelsAreOrderedAfterTheStageTheyBuildOnAndLeavesAreTheDefaultForProbes() throws IOException {
    Experiment e = load(HEADS_FIRST);
    List<String> order = List.copyOf(e.models().keySet());
    assertEquals(4, order.size());
    assertTrue(order.indexOf("A") < order.indexOf("H") && order.indexOf("B") < order.indexOf("HB"), "each after its upstream: " + order);
    assertEquals(Set.of("H", "HB"), Set.copyOf(e.leafModels()));
    assertEquals(Set.of("H", "HB"), Set.copyOf(e.probes().get("count").models()));
  }

  @Test
  void apartFromUpstreamsModelsKeepTheirFileOrder() throws IOException {
    Experiment e = load(HEADS_FIRST);
    assertEquals(List.of("B", "A", "H", "HB"), List.copyOf(e.models().keySet()), "each after its upstream, otherwise in file order");
    assertEquals(List.of("H", "HB"), e.probes().get("count").models(), "a probe's default models in the order the file declares them");
  }

  @Test
  void probesAndModelsMayNameTheirTransformAndModels() throws IOException {
    Experiment e = load(VALID
        .replace("    amounts: [-2, 0, 2]\n", "    amounts: [-2, 0, 2]\n  wide:\n    plugin: shift\n    amounts: [5]\n")
        .replace("    on: A\n", "    on: A\n    transform: wide\n")
        .replace("    datasets: [\"0\", \"mix\"]\n", "    datasets: [\"0\", \"mix\"]\n    models: [A, H]\n    transform: wide\n"));
    assertEquals(List.of("shift", "wide"), List.copyOf(e.transforms().keySet()));
    assertEquals("shift", e.transforms().get("wide").use().plugin());
    assertEquals("wide", e.models().get("H").transform());
    assertEquals("shift", e.models().get("A").transform());
    assertEquals(List.of("A", "H"), e.probes().get("count").models());
    assertEquals("wide", e.probes().get("count").transform());
  }

  @Test
  void unknownKeyNamesItsOwnLineColumnAndTheKnownKeys() throws IOException {
    ConfigException e = fails(VALID.replace("    units: 8", "    units: 8\n    unts: 9"));
    assertAt(e, 13, "models.A.unts");
    assertEquals(5, e.column());
    assertTrue(e.getMessage().startsWith(dir.resolve("exp.yaml") + ":13:5: models.A.unts: unknown key 'unts'"), e.getMessage());
    assertTrue(e.getMessage().contains("known keys: scale, units"), e.getMessage());
  }

  @Test
  void aMisspeltRequiredKeyIsNamedAtItsOwnLineWithTheKeyItMeant() throws IOException {
    // line 5 is "  cont: 40": count is required, but the misspelt key is what the researcher must fix
    ConfigException e = fails(VALID.replace("  count: 40", "  cont: 40"));
    assertAt(e, 5, "data.cont");
    assertTrue(e.problem().startsWith("unknown key 'cont' (did you mean 'count'?); known keys: "), e.problem());
    ConfigException far = fails(VALID.replace("  count: 40", "  count: 40\n  colour: red"));
    assertTrue(far.problem().startsWith("unknown key 'colour'; known keys"), "no suggestion for a word that is not a typo: " + far.problem());
  }

  @Test
  void aFileThatIsMissingOrNotTextIsSaidInPlainWords() throws IOException {
    Path missing = dir.resolve("nope.yaml");
    ConfigException none = assertThrows(ConfigException.class, () -> new ExperimentLoader(PLUGINS).load(missing));
    assertEquals(missing + ": no such file", none.getMessage());
    // "name: t" then the Latin-1 byte 0xE9 ("é") at offset 9: not UTF-8
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, new byte[] {'n', 'a', 'm', 'e', ':', ' ', 't', '\n', '#', (byte) 0xE9, '\n'});
    ConfigException bad = assertThrows(ConfigException.class, () -> new ExperimentLoader(PLUGINS).load(latin1));
    assertEquals(latin1 + ": not UTF-8 text (byte 0xE9 at offset 9)", bad.getMessage());
    ConfigException folder = assertThrows(ConfigException.class, () -> new ExperimentLoader(PLUGINS).load(dir));
    assertEquals(dir + ": is a directory, not an experiment file", folder.getMessage());
  }

  @Test
  void aliasBombsAndDeepNestingAreRefusedInOneLine() throws IOException {
    // the "billion laughs": nine levels of nine aliases would expand to 10^9 strings
    StringBuilder bomb = new StringBuilder(VALID).append("lol0: &a0 [lol]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("lol").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      bomb.append("]\n");
    }
    // line 20 is "lol1: &a1 [*a0, ...": the first alias; nothing is expanded
    ConfigException e = fails(bomb.toString());
    assertAt(e, 20, "lol1[0]");
    assertEquals("YAML aliases (*a0) are not supported: write the value out", e.problem());
    // an alias where a value is expected would otherwise be read as the anchor's name
    ConfigException alias = fails(VALID.replace("units: 8", "units: &u 8").replace("count: 40", "count: *u"));
    assertAt(alias, 5, "data.count");
    // nesting is bounded (an experiment needs five or six levels): the error stands at the first bracket too deep
    String deep = VALID + "deep: " + "[".repeat(2000) + "]".repeat(2000) + "\n";
    ConfigException d = fails(deep);
    assertEquals(dir.resolve("exp.yaml") + ":19:71: nested deeper than 64 levels", d.getMessage());
  }

  @Test
  void aFileLargerThanOneMebibyteIsRefusedBeforeItIsRead() throws IOException {
    String big = VALID + "# " + "x".repeat(ExperimentLoader.MAX_BYTES) + "\n";
    ConfigException e = fails(big);
    assertEquals(dir.resolve("exp.yaml") + ": the file is larger than 1 MiB; an experiment file is a few KiB", e.getMessage());
    // the same text handed over as text (a cluster worker's copy) is refused alike
    ConfigException t = assertThrows(ConfigException.class, () -> new ExperimentLoader(PLUGINS).plan(dir.resolve("exp.yaml"), big, List.of()));
    assertEquals(e.getMessage(), t.getMessage());
    // just under the bound is read (and fails or passes on its content alone)
    assertEquals("tiny", load(VALID + "# " + "x".repeat(ExperimentLoader.MAX_BYTES - VALID.length() - 10) + "\n").name());
  }

  @Test
  void aKeyWithALineBreakIsEchoedOnOneLine() throws IOException {
    ConfigException e = fails(VALID + "\"ex\\ntra\": 1\n");
    assertTrue(e.getMessage().startsWith(dir.resolve("exp.yaml") + ":19:1: ex\\ntra: unknown key 'ex\\ntra'"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    ConfigException o = fails(VALID, "seed=\"1\\n2\"");
    assertEquals(1, o.getMessage().lines().count(), o.getMessage());
  }

  @Test
  void aSweepOfMoreThanTenThousandRunsIsRefusedBeforeAnyIsBuilt() throws IOException {
    // 32 keys of two values: 2^32 combinations, which once overflowed the count of points
    StringBuilder grid = new StringBuilder(VALID).append("sweep:\n  grid:\n");
    for (int i = 0; i < 32; i++) grid.append("    models.A.k").append(i).append(": [1, 2]\n");
    ConfigException e = assertThrows(ConfigException.class, () -> new ExperimentLoader(PLUGINS).plan(file(grid.toString()), List.of()));
    assertTrue(e.getMessage().startsWith(dir.resolve("exp.yaml") + ":19:1: sweep: the sweep makes more than 10000 runs"), e.getMessage());
  }

  @Test
  void unknownTopLevelSection() throws IOException {
    ConfigException e = fails(VALID + "extra: 1\n");
    assertAt(e, 19, "extra");
    assertTrue(e.problem().contains("known keys: checkpoints, cluster, data, metrics, models, name, probes, seed, sweep, transforms"), e.problem());
  }

  @Test
  void wrongTypeNamesTheValueAndExpectedType() throws IOException {
    ConfigException e = fails(VALID.replace("units: 8", "units: many"));
    assertAt(e, 12, "models.A.units");
    assertTrue(e.problem().contains("expected an integer"), e.problem());
    assertTrue(e.problem().contains("many"), e.problem());
  }

  @Test
  void missingRequiredPluginKeyPointsAtTheSection() throws IOException {
    ConfigException e = fails(VALID.replace("    units: 8\n", "    scale: 0.5\n"));
    assertAt(e, 10, "models.A.units");
    assertTrue(e.problem().contains("required"), e.problem());
  }

  @Test
  void aSourceConfigIsCheckedWhenTheFileIsLoaded() throws IOException {
    ConfigException missing = fails(VALID.replace("  plugin: test-digits\n  count: 40\n", "  plugin: test-idx\n  labels: lb.idx\n"));
    assertAt(missing, 3, "data.images");
    assertTrue(missing.problem().contains("required"), missing.problem());
    ConfigException bad = fails(VALID.replace("count: 40", "count: 0"));
    assertAt(bad, 5, "data.count");
    assertTrue(bad.problem().contains("must be positive"), bad.problem());
    ConfigException none = fails(VALID.replace("data:\n  plugin: test-digits\n  count: 40\n", ""));
    assertEquals("data", none.field());
    assertTrue(none.problem().contains("required section is missing"), none.problem());
  }

  @Test
  void transformsNeedAmounts() throws IOException {
    ConfigException e = fails(VALID.replace("    amounts: [-2, 0, 2]\n", "    plugin: shift\n"));
    assertAt(e, 7, "transforms.shift.amounts");
    assertTrue(e.problem().startsWith("required"), e.problem());
  }

  @Test
  void unknownPluginListsTheKnownOnes() throws IOException {
    ConfigException e = fails(VALID.replace("plugin: fixed-encoder", "plugin: fixed-encodr"));
    assertAt(e, 11, "models.A.plugin");
    assertTrue(e.problem().contains("unknown plugin 'fixed-encodr' (did you mean 'fixed-encoder'?); known models: fixed-encoder, fixed-head"), e.problem());
    // a transform (or probe) whose key is its plugin's name: the error points at the key
    ConfigException t = fails(VALID.replace("  shift:\n", "  spin:\n"));
    assertAt(t, 7, "transforms.spin");
    assertTrue(t.problem().contains("unknown plugin 'spin'; known transforms: dim, shift"), t.problem());
  }

  @Test
  void aPluginOfAnotherKindIsUnknownHere() throws IOException {
    ConfigException e = fails(VALID.replace("plugin: test-digits", "plugin: fixed-encoder"));
    assertAt(e, 4, "data.plugin");
    assertTrue(e.problem().contains("unknown plugin 'fixed-encoder'; known sources: test-digits, test-idx"), e.problem());
  }

  @Test
  void semanticCheckInAConfigRecordNamesTheField() throws IOException {
    ConfigException e = fails(VALID.replace("units: 8", "units: -1"));
    assertAt(e, 12, "models.A.units");
    assertTrue(e.problem().contains("must be positive"));
  }

  @Test
  void anUnknownOnIsReportedAtItsLine() throws IOException {
    ConfigException e = fails(VALID.replace("on: A", "on: Z"));
    assertAt(e, 15, "models.H.on");
    assertTrue(e.problem().contains("no model named 'Z'; models: A, H"), e.problem());
  }

  @Test
  void anUnknownOnFurtherDownAChainIsReportedAtItsOwnLine() throws IOException {
    // H (checked first) builds on G, which builds on a model that does not exist
    ConfigException e = fails(VALID.replace("    on: A\n", "    on: G\n  G:\n    plugin: fixed-head\n    on: Z\n"));
    assertAt(e, 18, "models.G.on");
    assertTrue(e.problem().contains("no model named 'Z'; models: A, H, G"), e.problem());
  }

  @Test
  void modelsThatBuildOnEachOtherInACycleAreRefused() throws IOException {
    ConfigException e = fails(VALID.replace("""
          A:
            plugin: fixed-encoder
            units: 8
        """, """
          A:
            plugin: fixed-head
            on: H
        """));
    assertAt(e, 12, "models.A.on");
    assertTrue(e.problem().contains("cycle: A -> H -> A"), e.problem());
    ConfigException self = fails(VALID.replace("on: A", "on: H"));
    assertAt(self, 15, "models.H.on");
    assertTrue(self.problem().contains("cycle: H -> H"), self.problem());
  }

  @Test
  void onForAPluginThatBuildsOnNothingIsRefused() throws IOException {
    ConfigException e = fails(VALID.replace("    units: 8\n", "    units: 8\n    on: H\n"));
    assertAt(e, 13, "models.A.on");
    assertTrue(e.problem().contains("'fixed-encoder' trains from scratch and builds on no other model"), e.problem());
  }

  @Test
  void aPluginThatBuildsOnAnotherModelNeedsOn() throws IOException {
    ConfigException e = fails(VALID.replace("    on: A\n", ""));
    assertAt(e, 13, "models.H");
    assertTrue(e.problem().contains("'fixed-head' builds on another model: add on: <model> (models: A, H)"), e.problem());
  }

  @Test
  void anUnknownTransformIsReportedWhereItIsNamed() throws IOException {
    ConfigException probe = fails(VALID + "    transform: spin\n");
    assertAt(probe, 19, "probes.count.transform");
    assertTrue(probe.problem().contains("no transform named 'spin'; transforms: shift"), probe.problem());
    ConfigException model = fails(VALID.replace("    on: A\n", "    on: A\n    transform: spin\n"));
    assertAt(model, 16, "models.H.transform");
    assertTrue(model.problem().contains("no transform named 'spin'; transforms: shift"), model.problem());
  }

  @Test
  void anUnknownModelInAProbeIsReportedAtItsEntry() throws IOException {
    ConfigException e = fails(VALID + "    models:\n      - H\n      - Q\n");
    assertAt(e, 21, "probes.count.models[1]");
    assertTrue(e.problem().contains("no model named 'Q'; models: A, H"), e.problem());
    ConfigException empty = fails(VALID + "    models: []\n");
    assertAt(empty, 19, "probes.count.models");
    assertTrue(empty.problem().contains("names no model"), empty.problem());
  }

  @Test
  void metricsSectionSetsTheEndpointAndABadPortIsReportedAtItsLine() throws IOException {
    Experiment d = load(VALID);
    assertEquals("127.0.0.1", d.metrics().host());
    assertEquals(MetricsConfig.DEFAULT_PORT, d.metrics().portOrDefault());
    Experiment e = load(VALID + "metrics:\n  port: 0\n"); // 0: any free port
    assertEquals(0, e.metrics().port());
    ConfigException bad = fails(VALID + "metrics:\n  host: 127.0.0.1\n  port: 70000\n");
    assertAt(bad, 21, "metrics.port");
    assertTrue(bad.problem().contains("0 (a free port) to 65535, got 70000"), bad.problem());
    ConfigException unknown = fails(VALID + "metrics:\n  prot: 9000\n");
    assertEquals("metrics.prot", unknown.field());
  }

  @Test
  void overridesReplaceValuesAndBadOnesNameTheOverride() throws IOException {
    Experiment e = load(VALID, "models.A.units=3", "seed=11", "transforms.shift.amounts=[0, 5]", "probes.count.models=[A, H]");
    assertEquals(3, e.models().get("A").use().config(TestPlugins.EncoderConfig.class).units());
    assertEquals(11, e.seed());
    assertEquals(List.of(0.0, 5.0), e.transforms().get("shift").amounts());
    assertEquals(List.of("A", "H"), e.probes().get("count").models());
    assertEquals(3, e.resolved().at("/models/A/units").asInt(), "provenance keeps the resolved value");

    ConfigException bad = fails(VALID, "models.A.units=lots");
    assertEquals("--set models.A.units=lots", bad.source());
    assertEquals("models.A.units", bad.field());
    ConfigException badOn = fails(VALID, "models.H.on=Z");
    assertEquals("--set models.H.on=Z", badOn.source());
    assertEquals("models.H.on", badOn.field());
    ConfigException unknownTop = fails(VALID, "heads.lr=0.1");
    assertEquals("--set heads.lr=0.1", unknownTop.source(), "a top-level key only an override names is said at the override");
    assertEquals("heads", unknownTop.field());
    ConfigException notMapping = fails(VALID, "seed.x=1");
    assertTrue(notMapping.problem().contains("not a mapping"), notMapping.problem());
  }

  @Test
  void overrideValuesAreReadWithTheFilesBounds() throws IOException {
    // as in a file: an alias is refused, never read as its anchor's name; a tag asks for no type
    ConfigException alias = fails(VALID, "name=*x");
    assertEquals("--set name=*x", alias.source());
    assertEquals("name", alias.field());
    assertEquals("YAML aliases (*x) are not supported: write the value out", alias.problem());
    ConfigException tag = fails(VALID, "models.A.units=!!java.io.File /etc/passwd");
    assertEquals("models.A.units", tag.field());
    assertTrue(tag.problem().startsWith("YAML tags (!"), tag.problem());
    ConfigException deep = fails(VALID, "models.A.units=" + "[".repeat(100) + "]".repeat(100));
    assertEquals("the value is nested deeper than 64 levels", deep.problem());
    ConfigException big = fails(VALID, "name=" + "x".repeat((1 << 20) + 1));
    assertTrue(big.problem().startsWith("the value is longer than 1 MiB"), big.problem());
    assertEquals(List.of(1.0, 2.0), load(VALID, "transforms.shift.amounts=" + "[1, 2]").transforms().get("shift").amounts(), "within the bounds, as before");
  }

  @Test
  void yamlSyntaxErrorHasAOneBasedLine() throws IOException {
    ConfigException e = fails("name: x\nseed: [1, 2\nmodels: {}\n");
    assertTrue(e.line() >= 2 && e.line() <= 3, "line " + e.line());
    assertTrue(e.problem().startsWith("not valid YAML"), e.problem());
  }

  @Test
  void duplicateKeysAreErrors() throws IOException {
    ConfigException e = fails(VALID + "seed: 8\n");
    assertTrue(e.problem().contains("Duplicate field 'seed'"), e.problem());
  }

  @Test
  void javaTagsAreRefusedNotInstantiated() throws IOException {
    // a YAML tag naming a Java type is refused at its line: nothing is constructed, nothing silently kept
    ConfigException e = fails(VALID.replace("name: tiny", "name: !!java.io.File tiny"));
    assertAt(e, 1, "name");
    assertEquals("YAML tags (!tag:yaml.org,2002:java.io.File) are not supported: an experiment is plain data", e.problem());
  }

  @Test
  void dottedPathsFromPointers() {
    assertEquals("models.AER.iterations", Locations.dotted("/models/AER/iterations"));
    assertEquals("transforms.rotation.amounts[2]", Locations.dotted("/transforms/rotation/amounts/2"));
  }
}
