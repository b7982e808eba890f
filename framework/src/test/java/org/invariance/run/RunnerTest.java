package org.invariance.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.invariance.testing.TestData;
import org.invariance.testing.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole lifecycle on the bus with small plugins and IDX data written here. */
class RunnerTest {
  static final PluginRegistry PLUGINS = PluginRegistry.of(List.of(new TestPlugins()));
  @TempDir Path dir;

  Experiment experiment(String probes) throws Exception {
    TestData.writeBars(dir.resolve("im.idx"), dir.resolve("lb.idx"), 100);
    Files.writeString(dir.resolve("e.yaml"), """
        name: bars
        seed: 3
        data: {source: idx, images: im.idx, labels: lb.idx, test_fraction: 0.3}
        transform: {plugin: shift, mix: [0, 1, 2]}
        encoders:
          A: {plugin: fixed-encoder, units: 6}
          B: {plugin: fixed-encoder, units: 4}
        heads: {plugin: fixed-head}
        probes:
        """ + probes);
    return new ExperimentLoader(PLUGINS).load(dir.resolve("e.yaml"));
  }

  Runner.Outcome run(Experiment e, String out) throws Exception {
    return new Runner(PLUGINS).run(e, new Runner.Options(dir.resolve(out), dir.resolve("cache"), RunMetrics.quiet(e.name())));
  }

  @Test
  void writesTidyCsvAndProvenanceAndReusesStoredModels() throws Exception {
    Experiment e = experiment("  count: {datasets: ['0', 'mix']}\n");
    Runner.Outcome first = run(e, "r1");
    assertTrue(first.ok(), first.failures().toString());
    List<String> lines = Files.readAllLines(dir.resolve("r1/count.csv"));
    assertEquals("model,dataset,amount,metric,value", lines.get(0));
    // the fixed head always says 0: accuracy is the share of zeros in the 30 test images (3 of 30)
    assertTrue(lines.contains("A,IDX_0,0,accuracy,0.1"), lines.toString());
    assertTrue(lines.contains("B,IDX_mix,mix,images,30"), lines.toString());
    assertEquals(9, lines.size());

    JsonNode p = new ObjectMapper().readTree(dir.resolve("r1/provenance.json").toFile());
    assertEquals("finished", p.get("status").asText());
    assertEquals(3, p.get("seed").asInt());
    assertEquals(70, p.at("/data/train_images").asInt());
    assertEquals(64, p.at("/data/checksum").asText().length());
    assertEquals(6, p.at("/config/encoders/A/units").asInt());
    assertFalse(p.at("/versions/java").asText().isEmpty());
    assertEquals("trained", p.at("/models/A/origin").asText());
    assertEquals("trained", p.at("/models/A-head/origin").asText());
    assertTrue(Files.exists(dir.resolve("r1/run.log")));
    assertTrue(Files.readString(dir.resolve("r1/run.log")).contains("probe count: 8 rows"));

    Runner.Outcome second = run(e, "r2");
    assertTrue(second.ok());
    JsonNode p2 = new ObjectMapper().readTree(dir.resolve("r2/provenance.json").toFile());
    assertEquals("reused", p2.at("/models/A/origin").asText(), "same config and seed: the stored model is used");
    assertEquals(p.at("/models/A/key").asText(), p2.at("/models/A/key").asText());
    assertEquals(lines, Files.readAllLines(dir.resolve("r2/count.csv")));

    Experiment changed = new ExperimentLoader(PLUGINS).load(dir.resolve("e.yaml"), List.of("encoders.A.scale=0.5"));
    run(changed, "r3");
    JsonNode p3 = new ObjectMapper().readTree(dir.resolve("r3/provenance.json").toFile());
    assertEquals("trained", p3.at("/models/A/origin").asText(), "a changed config trains anew");
    assertEquals("reused", p3.at("/models/B/origin").asText());
  }

  @Test
  void aFailingProbeKeepsWhatOthersWroteAndMarksTheRunFailed() throws Exception {
    Experiment e = experiment("  count: {}\n  broken: {plugin: fail}\n  after: {plugin: count}\n");
    Runner.Outcome o = run(e, "r");
    assertFalse(o.ok());
    assertEquals(1, o.failures().size());
    assertTrue(o.failures().get(0).contains("this probe always fails"), o.failures().toString());
    assertEquals(5, Files.readAllLines(dir.resolve("r/count.csv")).size());
    assertEquals(2, Files.readAllLines(dir.resolve("r/broken.csv")).size(), "the row written before the failure survives");
    assertEquals(5, Files.readAllLines(dir.resolve("r/after.csv")).size(), "later probes still run");
    JsonNode p = new ObjectMapper().readTree(dir.resolve("r/provenance.json").toFile());
    assertEquals("failed", p.get("status").asText());
    assertEquals("failed", p.at("/probes/1/status").asText());
  }
}
