package org.invariance.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.invariance.config.Seeds;
import org.invariance.data.NpmPackage;
import org.invariance.experiment.ConfigException;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.invariance.report.Report;
import org.invariance.results.Claim;
import org.invariance.results.ClaimsCsv;
import org.invariance.testing.CsvCells;
import org.invariance.testing.TestData;
import org.invariance.testing.TestPlugins;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole lifecycle on the bus with small plugins and synthetic data (100 bar images, 30 of them test images). */
class RunnerTest {
  static final PluginRegistry PLUGINS = PluginRegistry.of(List.of(new TestPlugins()));
  static final String MODELS = """
      models:
        HA: {plugin: fixed-head, on: A}
        A: {plugin: fixed-encoder, units: 6}
        HB: {plugin: fixed-head, on: B}
        B: {plugin: fixed-encoder, units: 4}
      """;
  @TempDir Path dir;

  Experiment experiment(String data, String probes) throws Exception {
    Files.writeString(dir.resolve("e.yaml"), """
        name: bars
        seed: 3
        """ + data + """
        transforms:
          shift: {amounts: [0, 1, 2]}
        """ + MODELS + "probes:\n" + probes);
    return new ExperimentLoader(PLUGINS).load(dir.resolve("e.yaml"));
  }

  Experiment experiment(String probes) throws Exception {
    return experiment("data: {plugin: test-digits, count: 100}\n", probes);
  }

  Runner.Outcome run(Experiment e, String out) throws Exception {
    return new Runner(PLUGINS).run(e, new Runner.Options(dir.resolve(out), dir.resolve("cache"), RunMetrics.quiet(e.name())));
  }

  static JsonNode provenance(Path runDir) throws Exception {
    return new ObjectMapper().readTree(runDir.resolve("provenance.json").toFile());
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** A disk too full for the run is said before any work, in MB, naming the directory. */
  @Test
  void aDiskTooFullIsBadInputBeforeAnyWork() throws Exception {
    long free = Files.getFileStore(dir).getUsableSpace();
    Runner.checkSpace(dir, free / 2, "the run directory"); // room enough: nothing said
    ConfigException e = assertThrows(ConfigException.class, () -> Runner.checkSpace(dir.resolve("not/yet/made"), free + (1L << 40), "the run directory"));
    assertEquals(dir.resolve("not/yet/made") + ": the run directory has " + (free >> 20) / 1 + " MB free; a run needs at least " + ((free + (1L << 40)) >> 20)
        + " MB: free some space or choose another directory", e.getMessage().replaceAll("has \\d+ MB", "has " + (free >> 20) + " MB"));
  }

  // data.test_limit keeps that many test images, each class its share (30 test bars, 3 per class: a limit of 10 keeps one of each)
  @Test
  void aDataLimitKeepsEachClassItsShareAndIsInTheProvenance() throws Exception {
    Runner.Outcome o = run(experiment("data: {plugin: test-digits, count: 100, test_limit: 10}\n", "  count: {datasets: ['0']}\n"), "limited");
    assertTrue(o.ok(), o.failures().toString());
    JsonNode p = provenance(dir.resolve("limited"));
    assertEquals(10, p.at("/data/test_images").asInt());
    assertEquals(70, p.at("/data/train_images").asInt(), "no training limit");
    assertEquals(10, p.at("/data/test_limit").asInt());
    assertEquals(10, p.at("/config_with_defaults/data/test_limit").asInt());
    List<String> rows = Files.readAllLines(dir.resolve("limited/count.csv"));
    assertTrue(rows.stream().anyMatch(r -> r.endsWith(",images,10")), String.join("\n", rows));
  }

  // a split that leaves no training image (test_fraction 0.99 of 3 images a class) is bad input before any work,
  // not an index out of bounds in the first trainer
  @Test
  void aSplitWithNoTrainingImagesIsRefusedInWords() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> run(experiment("data: {plugin: test-digits, count: 30, test_fraction: 0.99}\n", "  count: {}\n"), "empty"));
    assertTrue(e.getMessage().contains("data: the data has no training images (0 training, 30 test"), e.getMessage());
    assertEquals("failed", provenance(dir.resolve("empty")).path("status").asText());
  }

  // a probe that writes into the activations it was lent fails, named; the next probe reads them as computed
  @Test
  void aProbeThatWritesIntoWhatItWasLentIsCaught() throws Exception {
    Runner.Outcome clean = run(experiment("  count: {datasets: ['0']}\n"), "clean");
    assertTrue(clean.ok(), clean.failures().toString());
    Runner.Outcome o = run(experiment("  scribble: {}\n  count: {datasets: ['0']}\n"), "scribbled");
    assertEquals(1, o.failures().size(), o.failures().toString());
    assertTrue(o.failures().get(0).startsWith("probe scribble: probe scribble (plugin 'scribble') wrote into the activations it was lent (model HA, dataset BARS_0)"),
        o.failures().get(0));
    JsonNode p = provenance(dir.resolve("scribbled"));
    assertEquals("failed", p.at("/probes/0/status").asText());
    assertEquals("finished", p.at("/probes/1/status").asText());
    List<String> expected = Files.readAllLines(dir.resolve("clean/count.csv")).stream().map(l -> l.substring(l.indexOf(','))).toList();
    List<String> after = Files.readAllLines(dir.resolve("scribbled/count.csv")).stream().map(l -> l.substring(l.indexOf(','))).toList();
    assertEquals(expected, after, "the next probe read the activations as computed, not the scribbled ones");
  }

  // a stage that writes into the weights of the stage it builds on fails, named, and is not stored
  @Test
  void aStageThatWritesIntoItsUpstreamsWeightsIsCaught() throws Exception {
    Files.writeString(dir.resolve("s.yaml"), """
        name: scribbled-upstream
        seed: 3
        data: {plugin: test-digits, count: 100}
        transforms:
          shift: {amounts: [0, 1]}
        models:
          A: {plugin: fixed-encoder, units: 6}
          HA: {plugin: scribble-head, on: A}
        probes:
          count: {datasets: ['0']}
        """);
    Experiment e = new ExperimentLoader(PLUGINS).load(dir.resolve("s.yaml"));
    Exception thrown = assertThrows(Exception.class, () -> run(e, "scribbled-upstream"));
    assertTrue(thrown.getMessage().contains("model HA (plugin 'scribble-head') wrote into the weights of A, the stage it builds on"), thrown.getMessage());
    assertEquals("failed", provenance(dir.resolve("scribbled-upstream")).path("status").asText());
    try (var stored = Files.list(dir.resolve("cache/models"))) {
      assertTrue(stored.noneMatch(f -> f.getFileName().toString().startsWith("HA-")), "the head that scribbled is not stored");
    }
  }

  // a resumed run keeps the probes it finished (files unchanged) and runs only the rest; a changed CSV is run again
  @Test
  void aResumedRunKeepsTheProbesItFinished() throws Exception {
    Experiment e = experiment("  count: {datasets: ['0', 'mix']}\n  broken: {plugin: fail}\n");
    Runner.Outcome first = run(e, "resumed");
    assertEquals(1, first.failures().size(), "the failing probe fails");
    Path csv = dir.resolve("resumed/count.csv");
    FileTime written = Files.getLastModifiedTime(csv);
    byte[] bytes = Files.readAllBytes(csv);
    Runner.Outcome again = run(e, "resumed");
    assertEquals(1, again.failures().size());
    JsonNode p = provenance(dir.resolve("resumed"));
    assertEquals("kept: finished before this run resumed", p.at("/probes/0/origin").asText());
    assertEquals("finished", p.at("/probes/0/status").asText());
    assertEquals(written, Files.getLastModifiedTime(csv), "the finished probe did not run again");
    assertEquals("failed", p.at("/probes/1/status").asText(), "the unfinished one ran again");
    // a kept probe's CSV that changed since is not trusted: it runs again, to the same bytes
    byte[] changed = bytes.clone();
    changed[changed.length - 2] ^= 1;
    Files.write(csv, changed);
    run(e, "resumed");
    assertTrue(provenance(dir.resolve("resumed")).at("/probes/0/origin").isMissingNode(), "run again");
    Assertions.assertArrayEquals(bytes, Files.readAllBytes(csv));
  }

  @Test
  void writesTidyCsvAndProvenanceAndReusesStoredModels() throws Exception {
    Experiment e = experiment("  count: {datasets: ['0', 'mix']}\n");
    Runner.Outcome first = run(e, "r1");
    assertTrue(first.ok(), first.failures().toString());
    List<String> lines = Files.readAllLines(dir.resolve("r1/count.csv"));
    assertEquals("run_id,seed,model,dataset,amount,mix,metric,value", lines.get(0));
    // the probe measures the models no other builds on (the heads); the fixed head always says 0:
    // accuracy is the share of zeros in the 30 test images (3 of 30)
    assertTrue(lines.contains("r1,3,HA,BARS_0,0,,accuracy,0.1"), lines.toString());
    assertTrue(lines.contains("r1,3,HB,BARS_mix,,shift,images,30"), "a mixed set: no amount, the mix names its transform: " + lines);
    assertEquals(9, lines.size());

    JsonNode p = provenance(dir.resolve("r1"));
    assertEquals("finished", p.get("status").asText());
    assertEquals(3, p.get("seed").asInt());
    assertEquals("test-digits", p.at("/data/plugin").asText());
    assertEquals("bars", p.at("/data/generator").asText(), "what the source recorded");
    assertEquals(70, p.at("/data/train_images").asInt());
    assertEquals(30, p.at("/data/test_images").asInt());
    assertEquals(10, p.at("/data/classes").size());
    assertEquals(64, p.at("/data/checksum").asText().length());
    assertEquals(6, p.at("/config/models/A/units").asInt());
    assertFalse(p.at("/versions/java").asText().isEmpty());
    assertEquals("trained", p.at("/models/A/origin").asText());
    assertEquals("fixed-encoder", p.at("/models/A/plugin").asText());
    assertEquals(0, p.at("/models/A/classes").asInt(), "an encoder does not classify");
    assertEquals("input, h1", p.at("/models/A/layers").asText());
    assertTrue(p.at("/models/A/on").isMissingNode());
    assertEquals("trained", p.at("/models/HA/origin").asText());
    assertEquals("A", p.at("/models/HA/on").asText());
    assertEquals(10, p.at("/models/HA/classes").asInt());
    assertEquals(List.of("HA", "HB"), texts(p.at("/probes/0/models")));
    assertEquals("shift", p.at("/probes/0/transform").asText());
    assertEquals("finished", p.at("/probes/0/status").asText());
    assertEquals(2, p.at("/report/claims").asInt(), "the report hands the probe's figures that probe's models");
    assertTrue(Files.exists(dir.resolve("r1/run.log")));
    assertTrue(Files.readString(dir.resolve("r1/run.log")).contains("probe count: 8 rows"));
    // what ran, defaults included: the YAML left out test_fraction (0.3) and scale (0.01)
    assertTrue(p.at("/config/data/test_fraction").isMissingNode());
    assertEquals(0.3, p.at("/config_with_defaults/data/config/test_fraction").asDouble());
    assertEquals(0.01, p.at("/config_with_defaults/models/A/config/scale").asDouble());
    assertEquals("A", p.at("/config_with_defaults/models/HA/on").asText());
    assertEquals(List.of("0", "mix"), texts(p.at("/config_with_defaults/probes/count/config/datasets")));
    assertEquals("r1", p.at("/run_id").asText());
    assertTrue(p.at("/code/commit").asText().matches("[0-9a-f]{40}(-dirty)?"), "the code's own commit, from the build: " + p.at("/code"));
    assertTrue(p.at("/code/version").asText().matches("\\d+\\.\\d+.*"), p.at("/code").toString());
    assertEquals(System.getProperty("user.name"), p.at("/user").asText());
    assertFalse(p.at("/host").asText().isEmpty());
    assertTrue(p.at("/plugins/fixed-encoder/class").asText().endsWith("FixedEncoder"), p.at("/plugins").toString());
    assertEquals("model", p.at("/plugins/fixed-encoder/kind").asText());
    // every file the run wrote, by SHA-256, checked against the files themselves
    assertEquals(NpmPackage.sha256(dir.resolve("r1/count.csv")), p.at("/outputs/count.csv/sha256").asText());
    assertEquals(Files.size(dir.resolve("r1/report/index.html")), p.at("/outputs/report~1index.html/bytes").asLong());
    assertTrue(p.at("/outputs/provenance.json").isMissingNode(), "not itself");

    Runner.Outcome second = run(e, "r2");
    assertTrue(second.ok());
    JsonNode p2 = provenance(dir.resolve("r2"));
    assertEquals("reused", p2.at("/models/A/origin").asText(), "same config and seed: the stored model is used");
    assertEquals("reused", p2.at("/models/HA/origin").asText());
    assertEquals(p.at("/models/A/key").asText(), p2.at("/models/A/key").asText());
    assertEquals(p.at("/models/HA/key").asText(), p2.at("/models/HA/key").asText());
    assertEquals(CsvCells.without(dir.resolve("r1/count.csv"), "run_id"), CsvCells.without(dir.resolve("r2/count.csv"), "run_id"),
        "a reused model gives the same numbers");

    Experiment changed = new ExperimentLoader(PLUGINS).load(dir.resolve("e.yaml"), List.of("models.A.scale=0.5"));
    assertTrue(run(changed, "r3").ok());
    JsonNode p3 = provenance(dir.resolve("r3"));
    assertEquals("trained", p3.at("/models/A/origin").asText(), "a changed config trains anew");
    assertEquals("trained", p3.at("/models/HA/origin").asText(), "and so does every stage built on it");
    assertEquals("reused", p3.at("/models/B/origin").asText());
    assertEquals("reused", p3.at("/models/HB/origin").asText());
  }

  // provenance's metrics, seeds and stored model files: read back from the run's files, and the same when the models are reused
  @Test
  void provenanceRecordsHeadlineMetricsTheSeedsDerivedAndTheStoredModelFiles() throws Exception {
    Experiment e = experiment("  count: {datasets: ['0', 'mix']}\n");
    assertTrue(run(e, "m1").ok());
    JsonNode p = provenance(dir.resolve("m1"));
    JsonNode m = p.get("metrics");
    // the fixed encoder reports loss 1 / iteration over 4 iterations: its last is 1/4; the heads report none
    assertEquals(0.25, m.get("loss.A").asDouble());
    assertEquals(0.25, m.get("loss.B").asDouble());
    assertFalse(m.has("loss.HA"), m.toString());
    // the count probe's accuracy rows, one per model and dataset (3 of the 30 test bars are zeros)
    assertEquals(0.1, m.get("accuracy.count.HA.BARS_0").asDouble(), m.toString());
    List<String> rows = Files.readAllLines(dir.resolve("m1/count.csv"));
    String mix = rows.stream().filter(l -> l.startsWith("m1,3,HB,BARS_mix,") && l.contains(",accuracy,")).findFirst().orElseThrow();
    assertEquals(Double.parseDouble(mix.substring(mix.lastIndexOf(',') + 1)), m.get("accuracy.count.HB.BARS_mix").asDouble());
    assertFalse(m.fieldNames().next().startsWith("accuracy"), "losses first");
    // claims: the held rows of claims.csv, of all its rows
    List<Claim> claims = ClaimsCsv.read(Report.claimsFile(dir.resolve("m1")));
    assertEquals(2, claims.size());
    assertEquals(claims.stream().filter(Claim::held).count(), m.get("claims.held").asLong());
    assertEquals(claims.size(), m.get("claims.judged").asInt());
    assertEquals(p.at("/report/claims_held").asInt(), m.get("claims.study.held").asInt());
    // the seeds each model and probe derived, by purpose: Seeds.derive of the experiment's seed (3) again
    assertEquals(Seeds.derive(3, "fixed/init"), p.at("/models/A/seeds/fixed~1init").asLong(), p.at("/models/A").toString());
    assertEquals(1, p.at("/models/A/seeds").size());
    assertEquals(0, p.at("/models/HA/seeds").size(), "the fixed head asks for none");
    assertEquals(Seeds.derive(3, "count/order"), p.at("/probes/0/seeds/count~1order").asLong(), p.at("/probes/0").toString());
    // the stored model file each model came from, with its SHA-256
    Path stored = Path.of(p.at("/models/A/stored_file").asText());
    assertEquals(NpmPackage.sha256(stored), p.at("/models/A/stored_sha256").asText());
    assertEquals(p.at("/models/A/file").asText(), stored.toString());

    // the same YAML and seed, the models reused: the same blocks
    assertTrue(run(e, "m2").ok());
    JsonNode p2 = provenance(dir.resolve("m2"));
    assertEquals("reused", p2.at("/models/A/origin").asText());
    assertEquals(m, p2.get("metrics"));
    for (String model : List.of("A", "HA", "B", "HB")) {
      for (String field : List.of("seeds", "stored_file", "stored_sha256")) {
        assertEquals(p.at("/models/" + model + "/" + field), p2.at("/models/" + model + "/" + field), model + " " + field);
      }
    }
    assertEquals(p.at("/probes/0/seeds"), p2.at("/probes/0/seeds"));
  }

  @Test
  void aProbeMeasuresTheModelsItNamesOnDatasetsOfItsTransform() throws Exception {
    Files.writeString(dir.resolve("e.yaml"), """
        name: two
        seed: 3
        data: {plugin: test-digits, count: 40, classes: [a, b, c, d]}
        transforms:
          shift: {amounts: [0, 1]}
          far: {plugin: shift, amounts: [5, 6]}
        """ + MODELS + """
        probes:
          count: {models: [HB], transform: far, datasets: ['5', 'mix', 'shift:1']}
        """);
    Experiment e = new ExperimentLoader(PLUGINS).load(dir.resolve("e.yaml"));
    Runner.Outcome o = run(e, "r");
    assertTrue(o.ok(), o.failures().toString());
    List<String> lines = Files.readAllLines(dir.resolve("r/count.csv"));
    assertEquals(7, lines.size(), lines.toString());
    assertTrue(lines.stream().skip(1).allMatch(l -> l.split(",")[2].equals("HB")), "only the model the probe names: " + lines);
    // with several transforms a dataset's name says which; unqualified names are the probe's transform
    assertTrue(lines.contains("r,3,HB,BARS_far:5,5,,images,12"), lines.toString());
    assertTrue(lines.contains("r,3,HB,BARS_far:mix,,far,images,12"), lines.toString());
    assertTrue(lines.contains("r,3,HB,BARS_shift:1,1,,accuracy,0.25"), "the amount is a number; the dataset's name says which transform: " + lines);
    JsonNode p = provenance(dir.resolve("r"));
    assertEquals(List.of("a", "b", "c", "d"), texts(p.at("/data/classes")));
    assertEquals(4, p.at("/models/HB/classes").asInt(), "the head has one output per class of the data");
    assertEquals(List.of("HB"), texts(p.at("/probes/0/models")));
    assertEquals("far", p.at("/probes/0/transform").asText());
    assertEquals(1, p.at("/report/claims").asInt());
  }

  @Test
  void aFailingProbeKeepsWhatOthersWroteAndMarksTheRunFailed() throws Exception {
    Experiment e = experiment("  count: {}\n  broken: {plugin: fail}\n  after: {plugin: count}\n");
    Runner.Outcome o = run(e, "r");
    assertFalse(o.ok());
    assertEquals(1, o.failures().size());
    assertTrue(o.failures().get(0).contains("this probe always fails"), o.failures().toString());
    assertEquals(5, Files.readAllLines(dir.resolve("r/count.csv")).size());
    assertEquals(2, Files.readAllLines(dir.resolve("r/broken.csv.partial")).size(), "the row written before the failure survives, in a partial file");
    assertFalse(Files.exists(dir.resolve("r/broken.csv")), "nothing takes a failed probe's rows for finished");
    assertTrue(Files.exists(dir.resolve("r/after.csv")) && !Files.exists(dir.resolve("r/after.csv.partial")), "a finished probe's file is renamed into place");
    assertEquals(5, Files.readAllLines(dir.resolve("r/after.csv")).size(), "later probes still run");
    JsonNode p = provenance(dir.resolve("r"));
    assertEquals("failed", p.get("status").asText());
    assertEquals("failed", p.at("/probes/1/status").asText());
    assertEquals("broken", p.at("/probes/1/name").asText());
    assertEquals("finished", p.at("/probes/2/status").asText());
  }

  @Test
  void dataFromFilesNamedInTheExperimentAndAMissingFileReportedAtItsKey() throws Exception {
    TestData.writeBars(dir.resolve("im.idx"), dir.resolve("lb.idx"), 100);
    Experiment e = experiment("data:\n  plugin: test-idx\n  images: im.idx\n  labels: lb.idx\n", "  count: {}\n");
    Runner.Outcome o = run(e, "idx");
    assertTrue(o.ok(), o.failures().toString());
    assertTrue(Files.readAllLines(dir.resolve("idx/count.csv")).contains("idx,3,HA,IDX_0,0,,accuracy,0.1"));
    JsonNode p = provenance(dir.resolve("idx"));
    assertEquals("test-idx", p.at("/data/plugin").asText());
    assertEquals(64, p.at("/data/images_sha256").asText().length());

    Experiment missing = experiment("data:\n  plugin: test-idx\n  images: nope.idx\n  labels: lb.idx\n", "  count: {}\n");
    ConfigException c = assertThrows(ConfigException.class, () -> run(missing, "missing"));
    assertEquals(5, c.line(), c.getMessage());
    assertEquals("data.images", c.field());
    assertTrue(c.problem().startsWith("no such file: "), c.problem());
    assertEquals("failed", provenance(dir.resolve("missing")).get("status").asText(), "even a run that could not start says so");
  }

  @Test
  void anAmountTheTransformRefusesIsBadInputAtItsLineBeforeAnyTraining() throws Exception {
    Files.writeString(dir.resolve("far.yaml"), """
        name: far
        seed: 3
        data: {plugin: test-digits, count: 100}
        transforms:
          shift:
            amounts: [0, 1, 40]
        """ + MODELS);
    Experiment e = new ExperimentLoader(PLUGINS).load(dir.resolve("far.yaml"));
    ConfigException c = assertThrows(ConfigException.class, () -> run(e, "far"));
    assertEquals(6, c.line(), c.getMessage());
    assertEquals("transforms.shift.amounts[2]", c.field());
    assertTrue(c.problem().contains("a shift of 40 pixels leaves nothing of a 28-pixel-wide image"), c.problem());
    assertTrue(provenance(dir.resolve("far")).path("models").isMissingNode(), "no model was trained");
  }
}
