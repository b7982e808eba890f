package org.invariance.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.invariance.data.ImageShape;
import org.invariance.model.Model;
import org.invariance.plugins.dl4j.Dl4jPlugin;
import org.invariance.plugins.dl4j.InputGradientSkip;
import org.invariance.plugins.dl4j.OneDnn;
import org.invariance.plugins.onnx.OnnxConfig;
import org.invariance.plugins.onnx.OnnxPlugin;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The training step of the {@code dl4j} model plugin, measured on the network the shipped example
 * uses (examples/cnn-rotation-mnist.yaml), beside PyTorch's same step (bench/cnn.py). Built here with
 * Deeplearning4j's API directly, not through the plugin: the bench times the library's {@code fit}.
 */
public final class CnnBench {
  static final int BATCH = 64;
  static final int FORWARD_IMAGES = 1000;
  static final int CLASSES = 10;
  static final int SIDE = 28;
  /** Weights and biases: conv1 208, conv2 3,216, dense 32,896, output 1,290. */
  static final long PARAMS = 8 * 25 + 8 + 16 * 8 * 25 + 16 + 256 * 128 + 128 + 128 * 10 + 10;
  /** Untimed steps before DL4J's step is timed, at least: the JIT's warm-up, not the network's (C2 still compiles Deeplearning4j's Java side after 50). */
  static final int JIT_WARMUP = 300;
  /** Timed steps on each side, at least: a step is a few ms, and its time is bimodal on small VMs (both libraries). */
  static final int STEP_REPEATS = 100;
  static final String SHAPE = "conv5x5x8-pool2-conv5x5x16-pool2-dense128-softmax10";

  private final int warmup;
  private final int repeats;
  /** The dl4j half's figures, for the ratios of the PyTorch half; null until {@link #dl4j()} ran. */
  private Measurement dl4jStep;
  private Measurement dl4jForward;

  public CnnBench(int warmup, int repeats) {
    this.warmup = warmup;
    this.repeats = repeats;
  }

  /**
   * 28x28x1 given flat, conv 5x5x8 relu (stride 1, no padding), max pool 2x2 stride 2, conv 5x5x16
   * relu, max pool 2x2, dense 128 relu, softmax 10 with MCXENT; Nesterovs(0.01, 0.9), Xavier.
   */
  static MultiLayerConfiguration configuration(long seed) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(new Nesterovs(0.01, 0.9))
        .weightInit(WeightInit.XAVIER)
        .cacheMode(CacheMode.DEVICE) // as the dl4j plugin's networks
        .list()
        .layer(new ConvolutionLayer.Builder(5, 5).name("conv1").nOut(8).stride(1, 1).padding(0, 0).activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool1").kernelSize(2, 2).stride(2, 2).build())
        .layer(new ConvolutionLayer.Builder(5, 5).name("conv2").nOut(16).stride(1, 1).padding(0, 0).activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(PoolingType.MAX).name("pool2").kernelSize(2, 2).stride(2, 2).build())
        .layer(new DenseLayer.Builder().name("dense1").nOut(128).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("output").nOut(CLASSES).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutionalFlat(SIDE, SIDE, 1))
        .build();
  }

  static MultiLayerNetwork network(long seed) {
    OneDnn.enable(); // as the dl4j plugin builds its networks
    MultiLayerNetwork net = new MultiLayerNetwork(configuration(seed));
    net.init();
    return net;
  }

  /** {@code n} random images in [0, 1), flat, and one-hot labels. */
  static DataSet batch(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] px = new float[n * SIDE * SIDE];
    for (int i = 0; i < px.length; i++) px[i] = (float) r.nextDouble();
    float[] y = new float[n * CLASSES];
    for (int i = 0; i < n; i++) y[i * CLASSES + r.nextInt(CLASSES)] = 1f;
    return new DataSet(Nd4j.create(px, new long[] {n, SIDE * SIDE}, 'c'), Nd4j.create(y, new long[] {n, CLASSES}, 'c'));
  }

  /** Rows: the fit(DataSet) step, its throughput, the plugin's fit(iterator) road, and the forward of 1,000 images. */
  public List<BenchRow> dl4j() {
    MultiLayerNetwork net = network(1);
    DataSet[] batches = new DataSet[4]; // cycled, as the PyTorch peer cycles its four
    for (int i = 0; i < batches.length; i++) batches[i] = batch(BATCH, 20 + i);
    int[] k = {0};
    Measurement step;
    double iteratorMs;
    int n = Math.max(repeats, 1);
    boolean skipped;
    // as the plugin trains: the first convolution's input gradient skipped
    try (InputGradientSkip skip = InputGradientSkip.during(net)) {
      // the JVM compiles DL4J's Java side over the first dozens of steps; a run trains for thousands
      step = Measurement.time(Math.max(warmup, JIT_WARMUP), Math.max(repeats, STEP_REPEATS), () -> net.fit(batches[k[0]++ % batches.length]));

      // the plugin's road: one fit(iterator) call over many minibatches (not asynchronous, as its MinibatchIterator)
      net.fit(new Cycling(batches, Math.min(warmup, 3)));
      long t0 = System.nanoTime();
      net.fit(new Cycling(batches, n));
      iteratorMs = (System.nanoTime() - t0) / 1e6 / n;
      skipped = skip.skipped() > 0;
    }

    INDArray x = batch(FORWARD_IMAGES, 30).getFeatures();
    int fwdRepeats = Math.max(3, repeats / 3);
    Model model = Dl4jPlugin.model(net, ImageShape.grey(SIDE, SIDE));
    Measurement fwd = Measurement.time(5, fwdRepeats, () -> model.forward(1, x));
    Measurement feedForward = Measurement.time(5, fwdRepeats, () -> net.feedForward(x, false));
    dl4jStep = step;
    dl4jForward = fwd;
    if (net.numParams() != PARAMS) throw new IllegalStateException("the CNN has " + net.numParams() + " parameters, expected " + PARAMS);

    List<BenchRow> rows = new ArrayList<>();
    rows.add(BenchRow.single("dl4j onednn helpers", helpers(net), "layers", helperNote(net)
        + (skipped ? "; conv1's input gradient skipped in fit (InputGradientSkip)" : "; conv1's input gradient computed (InputGradientSkip did not apply)")));
    rows.add(new BenchRow("dl4j cnn step (batch " + BATCH + ")", step.medianMs(), step.minMs(), step.maxMs(), "ms",
        "MultiLayerNetwork.fit(DataSet) after " + Math.max(warmup, JIT_WARMUP) + " untimed: " + SHAPE + ", Nesterovs, " + PARAMS + " params"));
    rows.add(BenchRow.single("dl4j cnn step throughput", BATCH / (step.medianMs() / 1000), "img/s", ""));
    rows.add(BenchRow.single("  profile: dl4j fit(iterator)", iteratorMs, "ms/step", "the plugin's road: one fit over " + n + " minibatches, mean"));
    rows.add(new BenchRow("dl4j cnn forward (" + FORWARD_IMAGES + " images)", fwd.medianMs(), fwd.minMs(), fwd.maxMs(), "ms",
        "the dl4j plugin's Model.forward, what probes pay: every layer's activity and the probabilities (one chunk: up to 64 MiB of activity)"));
    rows.add(BenchRow.single("  profile: dl4j feedForward", feedForward.medianMs(), "ms",
        "Deeplearning4j's feedForward(x, false) of the same 1,000 images, all at once"));
    return rows;
  }

  /** How many convolution and pooling layers have Deeplearning4j's oneDNN helper attached (after the timed runs). */
  static int helpers(MultiLayerNetwork net) {
    int n = 0;
    for (Layer l : net.getLayers()) {
      LayerHelper h = l.getHelper();
      if (h != null && h.getClass().getSimpleName().startsWith("MKLDNN")) n++;
    }
    return n;
  }

  private static String helperNote(MultiLayerNetwork net) {
    StringBuilder b = new StringBuilder("of 4 (conv1 pool1 conv2 pool2); ").append(OneDnn.describe()).append(':');
    for (Layer l : net.getLayers()) {
      LayerHelper h = l.getHelper();
      String type = l.conf().getLayer().getClass().getSimpleName();
      if (type.equals("ConvolutionLayer") || type.equals("SubsamplingLayer")) {
        b.append(' ').append(l.conf().getLayer().getLayerName()).append('=').append(h == null ? "java" : h.getClass().getSimpleName());
      }
    }
    return b.toString();
  }

  /** PyTorch's same step and forward (bench/cnn.py), with the AE peer's settings; ratios against {@link #dl4j()}'s figures. */
  public List<BenchRow> pytorch(Path script, String python) {
    double dl4jStepMs = dl4jStep == null ? Double.NaN : dl4jStep.medianMs();
    double dl4jForwardMs = dl4jForward == null ? Double.NaN : dl4jForward.medianMs();
    int fwdRepeats = Math.max(3, repeats / 3);
    try {
      Path onnx = Files.createTempFile("invariance-bench-cnn", ".onnx");
      PeerResult r = Peer.run(script, python, "--onnx", onnx.toString(), "--iterations", Integer.toString(Math.max(repeats, STEP_REPEATS)), "--warmup", Integer.toString(warmup),
          "--batch", Integer.toString(BATCH), "--forward-images", Integer.toString(FORWARD_IMAGES),
          "--forward-iterations", Integer.toString(fwdRepeats), "--forward-warmup", "5");
      Measurement step = r.step();
      Measurement fwd = r.forward();
      String shapes = r.params() == PARAMS ? PARAMS + " params, as dl4j's" : "PARAMETER COUNT DIFFERS: " + r.params() + " vs dl4j's " + PARAMS;
      List<BenchRow> rows = new ArrayList<>();
      rows.add(new BenchRow("pytorch cnn step (batch " + BATCH + ")", step.medianMs(), step.minMs(), step.maxMs(), "ms",
          r.settings() + (r.mkldnn() ? ", oneDNN built in" : "") + ", SGD nesterov; " + shapes));
      rows.add(BenchRow.single("pytorch cnn step throughput", BATCH / (step.medianMs() / 1000), "img/s", ""));
      if (fwd != null) {
        rows.add(new BenchRow("pytorch cnn forward (" + FORWARD_IMAGES + " images)", fwd.medianMs(), fwd.minMs(), fwd.maxMs(), "ms",
            "torch.no_grad(), every layer's output kept"));
      }
      rows.add(BenchRow.single("dl4j / pytorch cnn throughput", step.medianMs() / dl4jStepMs, "x", "training step; > 1: dl4j faster"));
      if (fwd != null) rows.add(BenchRow.single("dl4j / pytorch cnn forward", fwd.medianMs() / dl4jForwardMs, "x", "1,000 images; > 1: dl4j faster"));
      if (fwd != null) {
        // right after PyTorch's forward, the onnx plugin's forward of the network PyTorch exported
        Measurement o = onnxForward(Files.readAllBytes(onnx), fwdRepeats);
        rows.add(new BenchRow("onnx cnn forward (" + FORWARD_IMAGES + " images)", o.medianMs(), o.minMs(), o.maxMs(), "ms",
            "the onnx plugin's Model.forward: every ReLU and pooling output and the probabilities, its default batch of 256; ONNX Runtime " + System.getenv().getOrDefault("OMP_NUM_THREADS", "default") + " OMP thread(s)"));
        rows.add(BenchRow.single("onnx / pytorch cnn forward", fwd.medianMs() / o.medianMs(), "x", "the same network exported by bench/cnn.py; > 1: onnx faster"));
      }
      Files.deleteIfExists(onnx);
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Peer.Unavailable e) {
      return List.of(BenchRow.single("pytorch cnn step", Double.NaN, "ms", "peer unavailable: " + e.getMessage()));
    }
  }

  /** The onnx plugin's forward of 1,000 images from layer 1 (every layer's activity kept), as probes call it. */
  static Measurement onnxForward(byte[] model, int repeats) throws IOException {
    Model m = OnnxPlugin.network(model, new OnnxConfig("cnn.onnx", null, null, null, null, null), ImageShape.grey(SIDE, SIDE));
    try {
      INDArray x = batch(FORWARD_IMAGES, 30).getFeatures();
      return Measurement.time(5, repeats, () -> m.forward(1, x));
    } finally {
      try {
        ((AutoCloseable) m).close();
      } catch (Exception e) {
        throw new IOException(e);
      }
    }
  }

  /** The given minibatches, cycled {@code total} times; synchronous like the plugin's iterator. */
  static final class Cycling implements DataSetIterator {
    private static final long serialVersionUID = 1L;
    private final transient DataSet[] batches;
    private final int total;
    private int served;

    Cycling(DataSet[] batches, int total) {
      this.batches = batches;
      this.total = total;
    }

    @Override public boolean hasNext() { return served < total; }
    @Override public DataSet next() {
      if (!hasNext()) throw new NoSuchElementException();
      return batches[served++ % batches.length];
    }
    @Override public DataSet next(int num) { return next(); }
    @Override public int inputColumns() { return SIDE * SIDE; }
    @Override public int totalOutcomes() { return CLASSES; }
    @Override public boolean resetSupported() { return false; }
    @Override public boolean asyncSupported() { return false; }
    @Override public void reset() { served = 0; }
    @Override public int batch() { return BATCH; }
    @Override public void setPreProcessor(DataSetPreProcessor preProcessor) { throw new UnsupportedOperationException(); }
    @Override public DataSetPreProcessor getPreProcessor() { return null; }
    @Override public List<String> getLabels() { return null; }
  }
}
