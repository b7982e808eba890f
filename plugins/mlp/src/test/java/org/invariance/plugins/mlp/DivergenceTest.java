package org.invariance.plugins.mlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.invariance.run.Runner;
import org.invariance.testing.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diverged training is not finished training: an MLP trained with a learning rate of 1e300 (its
 * weights overflow at once) stops with one line naming the model, the iteration and the value; the
 * run fails, and nothing of the model is stored for a later run to reuse.
 */
class DivergenceTest {
  @TempDir Path dir;

  @Test
  void aModelWhoseLossIsNaNStopsAndIsNotStored() throws Exception {
    Files.writeString(dir.resolve("e.yaml"), """
        name: diverges
        seed: 1
        data: {plugin: test-digits, count: 100}
        transforms:
          shift: {amounts: [0, 1]}
        models:
          M: {plugin: mlp, layers: [8], iterations: 200, lr: 1e300, log_every: 10}
        probes:
          count: {}
        """);
    PluginRegistry plugins = PluginRegistry.of(List.of(new TestPlugins(), new MlpModule()));
    Experiment e = new ExperimentLoader(plugins).load(dir.resolve("e.yaml"));
    Exception x = assertThrows(Exception.class, () -> new Runner(plugins).run(e, new Runner.Options(dir.resolve("run"), dir.resolve("cache"), RunMetrics.quiet(e.name()))));
    String m = x.getMessage();
    assertTrue(m.contains("M diverged") && m.contains("NaN") && m.contains("iteration 10"), "names the model, the value and the iteration: " + m);
    assertEquals(1, m.lines().count());
    JsonNode p = new ObjectMapper().readTree(dir.resolve("run/provenance.json").toFile());
    assertEquals("failed", p.path("status").asText());
    Path models = dir.resolve("cache/models");
    if (Files.isDirectory(models)) {
      try (Stream<Path> stored = Files.list(models)) {
        assertEquals(List.of(), stored.toList(), "no model, record or checkpoint of it is kept");
      }
    }
  }
}
