package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.invariance.cli.Main;
import org.invariance.data.ImageFolderWriter;
import org.invariance.data.Images;
import org.invariance.data.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Colour images of a size no study uses, end to end: coloured shapes whose class is the shape (each in its hue)
 * (3 x 20 x 24, written as an image folder), every transform, a model of every trainable kind (an
 * autoencoder with a frozen head, an MLP, a Deeplearning4j CNN on three channels) and every probe;
 * the report's spike-triggered averages come out in colour.
 */
class ColourImagesTest {
  static final int HEIGHT = 20;
  static final int WIDTH = 24;
  static final List<String> SHAPES = List.of("circle", "square", "triangle");
  @TempDir Path dir;

  /** Each shape's hue (red circles, green squares, blue triangles), so the averages of a class are coloured too. */
  static final float[][] HUES = {{0.95f, 0.3f, 0.2f}, {0.2f, 0.9f, 0.3f}, {0.3f, 0.35f, 0.95f}};

  /** {@code perClass} images of each shape, at a random place and size and brightness, in its hue on a dark random colour. */
  static Images shapes(int perClass, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = perClass * SHAPES.size();
    int plane = HEIGHT * WIDTH;
    float[] px = new float[n * 3 * plane];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      int shape = i % SHAPES.size();
      labels[i] = (byte) shape;
      float bright = 0.6f + 0.4f * (float) rng.nextDouble();
      float[] fg = new float[3];
      for (int c = 0; c < 3; c++) fg[c] = bright * HUES[shape][c];
      float[] bg = {0.2f * (float) rng.nextDouble(), 0.2f * (float) rng.nextDouble(), 0.2f * (float) rng.nextDouble()};
      int r = 4 + rng.nextInt(3);
      int cx = r + 1 + rng.nextInt(WIDTH - 2 * r - 2);
      int cy = r + 1 + rng.nextInt(HEIGHT - 2 * r - 2);
      for (int y = 0; y < HEIGHT; y++) {
        for (int x = 0; x < WIDTH; x++) {
          int dx = x - cx;
          int dy = y - cy;
          boolean in = switch (shape) {
            case 0 -> dx * dx + dy * dy <= r * r;
            case 1 -> Math.abs(dx) <= r && Math.abs(dy) <= r;
            default -> dy <= r && dy >= -r && Math.abs(dx) * 2 <= dy + r;
          };
          for (int c = 0; c < 3; c++) px[(i * 3 + c) * plane + y * WIDTH + x] = in ? fg[c] : bg[c];
        }
      }
    }
    return new Images("SHAPES", WIDTH, HEIGHT, 3, px, labels, SHAPES);
  }

  @Test
  void everyTransformModelAndProbeRunsOnColourImages() throws Exception {
    ImageFolderWriter.write(new Split(shapes(60, 1), shapes(20, 2)), dir.resolve("shapes"));
    Path yaml = dir.resolve("colour.yaml");
    Files.writeString(yaml, """
        name: colour-shapes
        seed: 5
        data: {plugin: image-folder, root: shapes, mode: rgb}
        transforms:
          rotation: {amounts: [-30, 0, 30]}
          scale: {amounts: [0.8, 1, 1.25]}
          translation: {axis: xy, amounts: [-2, 0, 2]}
          noise: {amounts: [0, 0.1]}
        models:
          AE: {plugin: autoencoder, iterations: 20, layers: [64, 32], batch: 60}
          AEH: {plugin: frozen-head, on: AE, iterations: 60}
          MLP: {plugin: mlp, layers: [32, 16], iterations: 60, input: mix}
          CNN:
            plugin: dl4j
            layers: [{type: convolution, filters: 4, kernel: 3}, {type: subsampling, kernel: 2}, {type: dense, units: 16}]
            iterations: 20
            batch: 30
        probes:
          accuracy: {}
          accuracy-scale: {plugin: accuracy, transform: scale}
          accuracy-translation: {plugin: accuracy, transform: translation}
          accuracy-noise: {plugin: accuracy, transform: noise}
          sta: {}
          distance: {}
          p10: {}
          neuron-types: {}
          ablation: {}
          dropout: {trials: 2}
          cka: {permutations: 2}
          invariance-score: {}
          equivariance: {images: 30}
        """);
    Path out = dir.resolve("run");
    assertEquals(0, Main.execute("run", yaml.toString(), "--out", out.toString(), "--cache", dir.resolve("cache").toString(), "--metrics-port", "0", "-q"));
    JsonNode p = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
    assertEquals("finished", p.path("status").asText());
    assertEquals("3x20x24", p.at("/data/image_shape").asText());
    assertEquals("[\"circle\",\"square\",\"triangle\"]", p.at("/data/classes").toString());
    for (JsonNode probe : p.path("probes")) assertEquals("finished", probe.path("status").asText(), probe.toString());
    assertEquals(13, p.path("probes").size());
    assertTrue(p.at("/models/CNN/layers").asText().startsWith("input, conv1"), "the CNN convolves the three channels");

    // the spike-triggered averages are drawn in colour: some pixel of their panels is far from grey
    String html = Files.readString(out.resolve("report/index.html"));
    Matcher m = Pattern.compile("<figure id=\"(extra-\\d+)\">\\n<h2>Spike-triggered").matcher(html);
    assertTrue(m.find(), "the report has the spike-triggered averages");
    BufferedImage sta = ImageIO.read(out.resolve("report/figures/" + m.group(1) + "-1.png").toFile());
    int coloured = 0;
    for (int y = 0; y < sta.getHeight(); y++) {
      for (int x = 0; x < sta.getWidth(); x++) {
        int rgb = sta.getRGB(x, y);
        int r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 40) coloured++;
      }
    }
    assertTrue(coloured > 100, "coloured pixels in the averages: " + coloured);
  }
}
