package org.invariance.plugins.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invariance.data.NpmPackage;
import org.invariance.experiment.ConfigException;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.invariance.run.Preflight;
import org.invariance.run.Runner;
import org.invariance.testing.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code validate} tells a new user who points {@code plugin: onnx, file:} at their model, before
 * any data loads: one line at the key that is wrong (the test source's images are 1 x 28 x 28 bars).
 */
class OnnxValidateTest {
  private static final PluginRegistry PLUGINS = PluginRegistry.of(List.of(new TestPlugins(), new OnnxModule()));
  @TempDir Path dir;

  private static final String EXPERIMENT = """
      name: mine
      seed: 1
      data: {plugin: test-digits, count: 40}
      transforms:
        shift: {amounts: [-2, 0, 2]}
      models:
        Mine:
          plugin: onnx
          file: %s
      probes:
        count: {datasets: ["0", "mix"]}
      """;

  private ConfigException refused(String file) throws Exception {
    Path f = dir.resolve("exp.yaml");
    Files.writeString(f, EXPERIMENT.formatted(file));
    Experiment e = new ExperimentLoader(PLUGINS).load(f);
    ConfigException x = assertThrows(ConfigException.class, () -> Preflight.check(e, PLUGINS, dir));
    assertEquals(9, x.line(), x.getMessage());
    assertEquals("models.Mine.file", x.field(), x.getMessage());
    assertEquals(1, x.getMessage().lines().count());
    return x;
  }

  @Test
  void aMissingFile() throws Exception {
    assertTrue(refused("nets/mine.onnx").problem().startsWith("no readable file " + dir.resolve("nets/mine.onnx")));
  }

  @Test
  void aFileThatIsNoOnnxModel() throws Exception {
    Files.writeString(dir.resolve("mine.onnx"), "{\"weights\": [1, 2, 3]}");
    assertTrue(refused("mine.onnx").problem().contains("not an ONNX model"));
  }

  @Test
  void anOperatorOnnxRuntimeLacks() throws Exception {
    Graphs.write(dir, "odd.onnx", Graphs.unknownOperator());
    String p = refused("odd.onnx").problem();
    assertTrue(p.contains("ONNX Runtime cannot run it") && p.contains("NoSuchOperator"), p);
  }

  @Test
  void anInputTheImagesDoNotFit() throws Exception {
    Graphs.write(dir, "means.onnx", Graphs.channelMeans());
    String p = refused("means.onnx").problem();
    assertTrue(p.contains("the network takes inputs of shape [batch, 3, 4, 4], the data's images are 1x28x28 (channels x height x width): colour images are needed"), p);
  }

  // a network that fits passes validate, runs, and its file's SHA-256 is part of the model's identity and provenance
  @Test
  void aModelThatFitsRunsWithItsFileInProvenance() throws Exception {
    Path f = dir.resolve("exp.yaml");
    Files.writeString(f, EXPERIMENT.formatted("brightest.onnx"));
    Path model = Graphs.write(dir, "brightest.onnx", Graphs.brightest28());
    Experiment e = new ExperimentLoader(PLUGINS).load(f);
    Preflight.check(e, PLUGINS, dir);
    Runner.Outcome o = new Runner(PLUGINS).run(e, new Runner.Options(dir.resolve("run"), dir.resolve("cache"), RunMetrics.quiet(e.name())));
    assertTrue(o.ok(), o.failures().toString());
    JsonNode prov = new ObjectMapper().readTree(dir.resolve("run/provenance.json").toFile());
    assertEquals(NpmPackage.sha256(model), prov.path("models").path("Mine").path("file_sha256").asText());
    assertEquals("input, p, r", prov.path("models").path("Mine").path("layers").asText(), "the pooling and the activation, in the graph's order");
    // every bar image has a bright pixel: class 9 always, right on the images of class 9 only (a tenth)
    List<String> rows = Files.readAllLines(dir.resolve("run/count.csv"));
    assertTrue(rows.stream().anyMatch(r -> r.contains(",BARS_0,0,,accuracy,0.1")), String.join("\n", rows));
  }
}
