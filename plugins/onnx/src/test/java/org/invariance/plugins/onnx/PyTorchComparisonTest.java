package org.invariance.plugins.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invariance.data.ImageShape;
import org.invariance.model.Forward;
import org.invariance.testing.ExternalTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The plugin against PyTorch itself: {@code src/test/python/residual_cnn.py} (Debian's python3-torch)
 * trains a small residual CNN (convolutions, batch norm, a skip connection, max and global-average
 * pooling, dropout, a linear head) on Fashion-MNIST for about a minute, exports it to ONNX, and writes
 * PyTorch's activations of every default layer, its logits, and its masked forward pass (a few
 * neurons of the layer inside the residual block zeroed, which the skip bypasses) for 300 test
 * images. Every value here must match PyTorch's to 1e-4.
 */
class PyTorchComparisonTest {
  private static final double TOLERANCE = 1e-4;
  @TempDir static Path dir;
  private static JsonNode manifest;
  private static int n;

  @BeforeAll
  static void trainAndExportInPyTorch() throws IOException, InterruptedException {
    String python = ExternalTool.python("torch", "python3-torch");
    ExternalTool.python("onnx", "python3-onnx");
    Path script = Path.of("src/test/python/residual_cnn.py").toAbsolutePath();
    Process p = new ProcessBuilder(python, script.toString(), "--out", dir.toString()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), "residual_cnn.py failed:\n" + log);
    System.out.println(log);
    manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
    n = manifest.path("images").asInt();
  }

  /** The default layers and the logits, so the scores are compared before any softmax. */
  private static OnnxNetwork network() throws IOException {
    List<String> layers = new ArrayList<>();
    manifest.path("layers").forEach(l -> layers.add(l.asText()));
    layers.add("logits");
    OnnxConfig c = new OnnxConfig("model.onnx", List.of(manifest.path("mean").get(0).asDouble()), List.of(manifest.path("std").get(0).asDouble()), layers, "logits", null);
    return new OnnxNetwork(Files.readAllBytes(dir.resolve("model.onnx")), c, ImageShape.grey(28, 28));
  }

  private static INDArray read(String file, int columns) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(file))).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[b.remaining() / 4];
    b.asFloatBuffer().get(v);
    assertEquals((long) n * columns, v.length, file);
    return Nd4j.create(v, new long[] {n, columns}, 'c');
  }

  private static double maxDifference(INDArray a, INDArray b) {
    return a.sub(b).amaxNumber().doubleValue();
  }

  @Test
  void theDefaultLayersAreTheActivationAndPoolingOutputs() throws IOException {
    List<String> expected = new ArrayList<>();
    manifest.path("layers").forEach(l -> expected.add(l.asText()));
    try (OnnxNetwork net = new OnnxNetwork(Files.readAllBytes(dir.resolve("model.onnx")), new OnnxConfig("model.onnx", null, null, null, null, null), ImageShape.grey(28, 28))) {
      assertEquals(expected, net.layerNames().subList(1, net.layerNames().size()));
      assertEquals(10, net.classes());
    }
  }

  @Test
  void everyLayerAndTheLogitsMatchPyTorch() throws IOException {
    try (OnnxNetwork net = network()) {
      Forward f = net.forward(read("images.f32", 784));
      int layers = manifest.path("layers").size();
      StringBuilder report = new StringBuilder("largest difference from PyTorch per layer:");
      for (int k = 0; k < layers; k++) {
        INDArray ours = f.layers().get(k + 1);
        double d = maxDifference(ours, read("layer-" + k + ".f32", (int) ours.columns()));
        report.append(String.format("%n  %-40s %.2e", manifest.path("layers").get(k).asText(), d));
        assertTrue(d <= TOLERANCE, "layer " + k + " (" + manifest.path("layers").get(k).asText() + ") differs by " + d);
      }
      double logits = maxDifference(f.layers().get(layers + 1), read("logits.f32", 10));
      report.append(String.format("%n  %-40s %.2e", "logits", logits));
      System.out.println(report);
      assertTrue(logits <= TOLERANCE, "the logits differ by " + logits);
    }
  }

  @Test
  void theMaskedForwardPassMatchesPyTorch() throws IOException {
    int masked = manifest.path("masked_layer").asInt();
    int[] neurons = new int[manifest.path("masked_neurons").size()];
    for (int i = 0; i < neurons.length; i++) neurons[i] = manifest.path("masked_neurons").get(i).asInt();
    try (OnnxNetwork net = network()) {
      INDArray images = read("images.f32", 784);
      Forward plain = net.forward(images);
      int layer = masked + 2; // default layer k is the model's layer k + 2 (layer 1 is the input)
      Forward f = net.forwardWithout(images, layer, plain.layers().get(layer - 1), neurons);
      int layers = manifest.path("layers").size();
      StringBuilder report = new StringBuilder("largest difference from PyTorch's masked pass per layer:");
      for (int k = masked + 1; k < layers; k++) {
        INDArray ours = f.layers().get(k - masked);
        double d = maxDifference(ours, read("masked-layer-" + k + ".f32", (int) ours.columns()));
        report.append(String.format("%n  %-40s %.2e", manifest.path("layers").get(k).asText(), d));
        assertTrue(d <= TOLERANCE, "masked layer " + k + " differs by " + d);
      }
      double logits = maxDifference(f.layers().get(f.layers().size() - 1), read("masked-logits.f32", 10));
      report.append(String.format("%n  %-40s %.2e", "logits", logits));
      System.out.println(report);
      assertTrue(logits <= TOLERANCE, "the masked logits differ by " + logits);
      double moved = maxDifference(f.layers().get(f.layers().size() - 1), plain.layers().get(plain.layers().size() - 1));
      assertTrue(moved > 10 * TOLERANCE, "the mask changes the logits (by " + moved + "), so the comparison tells something");
    }
  }
}
