package org.invariance.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invariance.testing.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep section becomes points: every grid combination with every seed, each a checked experiment. */
class SweepPlanTest {
  @TempDir Path dir;

  /** Line numbers count from "name" (line 1). */
  static final String SWEEP = ExperimentLoaderTest.VALID + """
      sweep:
        seeds: [1, 2]
        grid:
          models.A.units: [4, 8]
      """;

  Plan plan(String text, String... overrides) throws IOException {
    Path f = dir.resolve("exp.yaml");
    Files.writeString(f, text);
    return new ExperimentLoader(ExperimentLoaderTest.PLUGINS).plan(f, List.of(overrides));
  }

  ConfigException fails(String text, String... overrides) throws IOException {
    Path f = dir.resolve("exp.yaml");
    Files.writeString(f, text);
    return assertThrows(ConfigException.class, () -> new ExperimentLoader(ExperimentLoaderTest.PLUGINS).plan(f, List.of(overrides)));
  }

  @Test
  void everyGridValueWithEverySeedSeedsInnermost() throws IOException {
    Plan p = plan(SWEEP);
    assertTrue(p.isSweep());
    assertEquals(List.of("0-seed=1,units=4", "1-seed=2,units=4", "2-seed=1,units=8", "3-seed=2,units=8"), p.points().stream().map(Plan.Point::id).toList());
    assertEquals(List.of(1L, 2L, 1L, 2L), p.points().stream().map(pt -> pt.experiment().seed()).toList());
    assertEquals(List.of(4, 4, 8, 8), p.points().stream().map(pt -> pt.experiment().models().get("A").use().config(TestPlugins.EncoderConfig.class).units()).toList());
    assertEquals("models.A.units=8", p.points().get(3).setting());
    for (Plan.Point pt : p.points()) {
      assertFalse(pt.experiment().resolved().has("sweep"), "a point's provenance holds what it ran, not the sweep");
      assertEquals(pt.seed(), pt.experiment().resolved().get("seed").asLong());
    }
    assertEquals(7, p.base().seed(), "the base keeps the file's seed");
  }

  @Test
  void theCommandLineNarrowsTheSweepAndOverridesEveryPoint() throws IOException {
    Plan p = plan(SWEEP, "sweep.seeds=[5]", "models.A.scale=0.5");
    assertEquals(List.of("0-seed=5,units=4", "1-seed=5,units=8"), p.points().stream().map(Plan.Point::id).toList());
    p.points().forEach(pt -> assertEquals(0.5, pt.experiment().models().get("A").use().config(TestPlugins.EncoderConfig.class).scale()));
  }

  @Test
  void withoutSeedsTheExperimentsSeedIsUsedAndWithoutASweepThereIsOnePoint() throws IOException {
    Plan p = plan(ExperimentLoaderTest.VALID + "sweep:\n  grid:\n    models.A.units: [3, 5, 9]\n");
    assertEquals(List.of("0-seed=7,units=3", "1-seed=7,units=5", "2-seed=7,units=9"), p.points().stream().map(Plan.Point::id).toList());
    Plan single = plan(ExperimentLoaderTest.VALID);
    assertFalse(single.isSweep());
    assertEquals(1, single.points().size());
  }

  /** One brace group sets several keys to the same value at every point: one choice made for two models at once. */
  @Test
  void aBraceGroupSetsEachOfItsKeysToTheSameValue() throws IOException {
    String two = ExperimentLoaderTest.VALID.replace("  H:\n", "  B:\n    plugin: fixed-encoder\n    units: 8\n  H:\n");
    Plan p = plan(two + """
        sweep:
          seeds: [1]
          grid:
            models.{A,B}.units: [4, 6]
        """);
    assertEquals(List.of("0-seed=1,units=4", "1-seed=1,units=6"), p.points().stream().map(Plan.Point::id).toList());
    for (Plan.Point pt : p.points()) {
      int units = Integer.parseInt(pt.grid().get("models.{A,B}.units"));
      assertEquals(units, pt.experiment().models().get("A").use().config(TestPlugins.EncoderConfig.class).units());
      assertEquals(units, pt.experiment().models().get("B").use().config(TestPlugins.EncoderConfig.class).units());
    }
    assertEquals(List.of("models.A.units", "models.B.units"), SweepPoints.expand("models.{A,B}.units"));
    assertEquals(List.of("models.A.units"), SweepPoints.expand("models.A.units"));
    ConfigException typo = fails(two + "sweep:\n  grid:\n    models.{A,C}.units: [4, 6]\n");
    assertTrue(typo.getMessage().contains("models.C."), typo.getMessage());
    ConfigException twice = fails(two + "sweep:\n  grid:\n    models.{A,A}.units: [4, 6]\n");
    assertTrue(twice.getMessage().contains("names the same key twice"), twice.getMessage());
  }

  @Test
  void aBadGridValueIsReportedWhereTheSweepListsIt() throws IOException {
    // line 22 is "models.A.units: [4, -1]"; the plugin refuses units <= 0
    ConfigException e = fails(SWEEP.replace("[4, 8]", "[4, -1]"));
    assertEquals(22, e.line(), e.getMessage());
    assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
    ConfigException typo = fails(SWEEP.replace("models.A.units", "models.A.unitz"));
    assertTrue(typo.getMessage().contains("unknown key 'unitz'"), typo.getMessage());
    assertEquals(22, typo.line(), typo.getMessage());
  }

  @Test
  void aSweepSectionItselfIsChecked() throws IOException {
    ConfigException twice = fails(SWEEP.replace("[1, 2]", "[1, 1]"));
    assertEquals(20, twice.line(), twice.getMessage());
    assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
    ConfigException empty = fails(ExperimentLoaderTest.VALID + "sweep: {}\n");
    assertTrue(empty.getMessage().contains("needs seeds"), empty.getMessage());
    ConfigException unknown = fails(ExperimentLoaderTest.VALID + "sweep:\n  seeds: [1, 2]\n  gird: {models.A.units: [1]}\n");
    assertTrue(unknown.getMessage().contains("unknown key 'gird'"), unknown.getMessage());
    assertEquals(21, unknown.line(), unknown.getMessage());
    ConfigException cluster = fails(ExperimentLoaderTest.VALID + "cluster:\n  members: [localhost]\n");
    assertTrue(cluster.getMessage().contains("expected host:port"), cluster.getMessage());
  }
}
