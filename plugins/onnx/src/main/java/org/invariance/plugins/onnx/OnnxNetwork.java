package org.invariance.plugins.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.invariance.config.InvalidConfig;
import org.invariance.data.ImageShape;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ONNX network run by ONNX Runtime, seen as a {@link Model}: layer 1 is the image (as the data
 * gives it, before {@code mean} and {@code std}), layers 2, 3, ... the graph values of
 * {@code layers}, each flattened to one row per image in the graph's own order (a convolution's
 * channels x height x width, as PyTorch lays them out); the class scores come beside them, as
 * probabilities.
 *
 * <p>Two sessions: one whose outputs are the layers and the scores, for plain forward passes, and,
 * made when first needed, one where a mask multiplies every layer before anything reads it, for
 * {@link #forwardWithout} (ablation, dropout). Images go through in chunks of {@code batch}; the
 * input is normalised into one reused direct buffer, and every output is copied straight into the
 * result arrays. A pass holds the buffers, so passes run one at a time.
 */
final class OnnxNetwork implements Model, AutoCloseable {
  private static final int FORMAT = 1;

  private final byte[] bytes;
  private final OnnxConfig config;
  private final OnnxGraph graph;
  private final ImageShape image;
  private final long[] feedDims; // the input's dimensions per image, as the graph takes them
  private final int fixedBatch; // the graph's own batch size, or 0 when it takes any
  private final List<String> layers; // graph values of layers 2..L
  private final String scores;
  private final boolean probabilities; // the scores are probabilities already (a Softmax made them)
  private final boolean logProbabilities; // ... or their logarithm (a LogSoftmax)
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession plain;
  private OrtSession masking;
  private final int[] sizes; // neurons per layer, input first
  private final long[][] shapes; // each graph layer's value for one image, batch dimension 1 included: its mask's shape
  private final int classes;
  private FloatBuffer feed;

  /**
   * @param bytes the model file
   * @param image the shape of the images it is given
   * @throws IOException a file ONNX Runtime cannot run, or whose shapes do not fit the images, in words
   */
  OnnxNetwork(byte[] bytes, OnnxConfig config, ImageShape image) throws IOException {
    this.bytes = bytes;
    this.config = config;
    this.image = image;
    this.graph = OnnxGraph.parse(bytes);
    config.checkChannels(image.channels());
    this.scores = config.output() != null ? config.output() : graph.outputs().get(0);
    if (!graph.outputs().contains(scores) && graph.producer(scores) == null) {
      throw new InvalidConfig("output", "no value '" + scores + "' in the graph; its outputs: " + String.join(", ", graph.outputs()));
    }
    String scoreOp = graph.producer(scores);
    this.probabilities = "Softmax".equals(scoreOp);
    this.logProbabilities = "LogSoftmax".equals(scoreOp);
    this.layers = config.layers() != null ? config.layers() : graph.defaultLayers();
    for (int i = 0; i < layers.size(); i++) {
      if (graph.producer(layers.get(i)) == null) {
        throw new InvalidConfig(config.layers() != null ? "layers." + i : "file", "no node of the graph makes '" + layers.get(i) + "'; values: "
            + abbreviate(graph.values()));
      }
    }
    if (layers.isEmpty()) {
      throw new InvalidConfig("layers", "the graph has no activation or pooling node whose output probes could see: name the values to see under layers:");
    }
    List<String> outputs = new ArrayList<>(layers);
    if (!outputs.contains(scores)) outputs.add(scores);
    this.plain = session(graph.withOutputs(outputs), "");
    try {
      long[] dims = graph.inputDims();
      this.feedDims = feedDims(dims, image);
      this.fixedBatch = dims.length > 0 && dims[0] > 0 ? (int) dims[0] : 0;
      // one blank image through the network tells every layer's size and the number of classes
      try (OrtSession.Result r = run(plain, Nd4j.zeros(DataType.FLOAT, 1, image.size()), 0, 1, null)) {
        sizes = new int[layers.size() + 1];
        shapes = new long[layers.size()][];
        sizes[0] = image.size();
        for (int k = 0; k < layers.size(); k++) {
          shapes[k] = shapeOf(r, layers.get(k), "layer '" + layers.get(k) + "'", Math.max(1, fixedBatch));
          sizes[k + 1] = perImage(shapes[k]);
        }
        classes = perImage(shapeOf(r, scores, "the scores '" + scores + "'", Math.max(1, fixedBatch)));
      } catch (OrtException e) {
        throw new IOException("ONNX Runtime cannot run it on " + image + " images: " + firstLine(e.getMessage()));
      }
      if (classes < 2) throw new IOException("its output '" + scores + "' holds " + classes + " number per image; probes need a score per class");
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Whether ONNX Runtime can load the model at all (its operators, its opset), before the images' shape is known. */
  static void checkLoads(byte[] bytes) throws IOException {
    OnnxGraph.parse(bytes);
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions(); OrtSession s = OrtEnvironment.getEnvironment().createSession(bytes, o)) {
      s.getNumOutputs();
    } catch (OrtException e) {
      throw new IOException("ONNX Runtime cannot run it: " + firstLine(e.getMessage()));
    }
  }

  /** The per-image input dimensions the graph takes, checked against the images; a mismatch in words. */
  private static long[] feedDims(long[] dims, ImageShape image) throws IOException {
    long[] chw = {image.channels(), image.height(), image.width()};
    if (dims.length == 0) return chw; // rank unknown: hand it images as PyTorch would
    long[] per = Arrays.copyOfRange(dims, 1, dims.length);
    long[] want = switch (per.length) {
      case 3 -> chw;
      case 2 -> image.channels() == 1 ? new long[] {image.height(), image.width()} : null;
      case 1 -> new long[] {image.size()};
      default -> null;
    };
    boolean fits = want != null;
    for (int i = 0; fits && i < per.length; i++) fits = per[i] <= 0 || per[i] == want[i];
    if (!fits) {
      throw new IOException("the network takes inputs of shape " + shape(dims) + ", the data's images are " + image + " (channels x height x width)"
          + (per.length == 3 && per[0] != image.channels() ? ": " + (per[0] == 3 ? "colour" : per[0] + "-channel") + " images are needed" : "")
          + (per.length == 3 && (per[1] != image.height() || per[2] != image.width()) ? ": resize them to " + per[2] + "x" + per[1] + " (the source's size:)" : ""));
    }
    return want;
  }

  private static String shape(long[] dims) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < dims.length; i++) b.append(i == 0 ? "" : ", ").append(dims[i] < 0 ? (i == 0 ? "batch" : "?") : Long.toString(dims[i]));
    return b.append(']').toString();
  }

  private OrtSession session(byte[] model, String what) throws IOException {
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
      o.setIntraOpNumThreads(threads());
      o.setInterOpNumThreads(1);
      o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      // idle pool threads must not spin against BLAS threads on a small machine
      o.addConfigEntry("session.intra_op.allow_spinning", "0");
      return env.createSession(model, o);
    } catch (OrtException e) {
      throw new IOException("ONNX Runtime cannot run it" + what + ": " + firstLine(e.getMessage()));
    }
  }

  /** ONNX Runtime's threads: the launcher's OMP_NUM_THREADS, else every core. */
  static int threads() {
    try {
      int n = Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", ""));
      if (n > 0) return n;
    } catch (NumberFormatException e) {
      // not set: every core
    }
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * An output's shape for one image (its batch dimension 1), checking that it holds floats and that
   * its first dimension is the batch of {@code batch} images it was run on.
   */
  private static long[] shapeOf(OrtSession.Result r, String name, String what, int batch) throws IOException {
    OnnxValue v = r.get(name).orElseThrow(() -> new IOException(what + " is missing from ONNX Runtime's outputs"));
    if (!(v instanceof OnnxTensor t)) throw new IOException(what + " is not a tensor");
    if (t.getInfo().type != OnnxJavaType.FLOAT) throw new IOException(what + " holds " + t.getInfo().type + " values, not 32-bit floats");
    long[] s = t.getInfo().getShape();
    if (s.length < 1 || s[0] != batch) {
      throw new IOException(what + " has shape " + Arrays.toString(s) + " for a batch of " + batch + ": its first dimension is not the batch, so probes cannot read it image by image");
    }
    s[0] = 1;
    return s;
  }

  /** Values per image of a shape whose first dimension is the batch. */
  private static int perImage(long[] shape) {
    long n = 1;
    for (int i = 1; i < shape.length; i++) n *= shape[i];
    return (int) n;
  }

  @Override
  public List<String> layerNames() {
    List<String> names = new ArrayList<>();
    names.add("input");
    names.addAll(layers);
    return names;
  }

  @Override
  public int[] layerSizes() {
    return sizes.clone();
  }

  @Override
  public int classes() {
    return classes;
  }

  /** The input's opset, for provenance. */
  long opset() {
    return graph.opset();
  }

  /**
   * The forward pass from the input. An ONNX graph is computed from its input, so only {@code from
   * = 1} is a forward pass of its own; switching neurons off goes through {@link #forwardWithout}.
   */
  @Override
  public Forward forward(int from, INDArray activity) {
    if (from != 1) {
      throw new UnsupportedOperationException("an ONNX network is run from its input (layer 1), not from layer " + from + "; neurons are switched off with forwardWithout");
    }
    return pass(activity, 1, null);
  }

  /** The neurons switched off by a mask inside the graph, from the input: what bypasses the layer is left as the network computes it. */
  @Override
  public Forward forwardWithout(INDArray input, int layer, INDArray activity, int[] neurons) {
    if (layer < 1 || layer > layers.size() + 1) throw new IllegalArgumentException("layers are 1.." + (layers.size() + 1) + ", not " + layer);
    if (layer == 1) {
      INDArray masked = input.dup('c');
      for (int n : neurons) masked.getColumn(n).assign(0);
      return pass(masked, 1, null);
    }
    float[] keep = new float[sizes[layer - 1]];
    Arrays.fill(keep, 1f);
    for (int n : neurons) keep[n] = 0f;
    return pass(input, layer, keep);
  }

  /**
   * Runs the network on {@code input} (n x image values): layers {@code from} to the top and the
   * probabilities. From the input, layer 1 is {@code input} itself; with {@code keep}, the masking
   * session runs with that mask on layer {@code from} (and ones on every other).
   */
  private synchronized Forward pass(INDArray input, int from, float[] keep) {
    if (input.rank() != 2 || input.columns() != image.size()) {
      throw new IllegalArgumentException("the network takes " + image + " images (" + image.size() + " values each); got activity of shape " + Arrays.toString(input.shape()));
    }
    INDArray x = input.dataType() == DataType.FLOAT && input.ordering() == 'c' && !input.isView() ? input : input.castTo(DataType.FLOAT).dup('c');
    long n = x.rows();
    int first = Math.max(from, 2); // the first layer the graph computes
    List<INDArray> computed = new ArrayList<>();
    for (int l = first; l <= layers.size() + 1; l++) computed.add(Nd4j.createUninitialized(DataType.FLOAT, n, sizes[l - 1]));
    INDArray probs = Nd4j.createUninitialized(DataType.FLOAT, n, classes);
    int chunk = fixedBatch > 0 ? fixedBatch : config.batch();
    try {
      OrtSession session = keep == null ? plain : masking();
      String scoreName = keep == null || !layers.contains(scores) ? scores : OnnxGraph.masked(layers.indexOf(scores));
      for (long s = 0; s < n; s += chunk) {
        int rows = (int) Math.min(chunk, n - s);
        try (OrtSession.Result r = run(session, x, s, rows, keep == null ? null : masks(from, keep))) {
          for (int l = first; l <= layers.size() + 1; l++) copy(r, keep == null ? layers.get(l - 2) : OnnxGraph.masked(l - 2), computed.get(l - first), s, rows);
          copy(r, scoreName, probs, s, rows);
        }
      }
    } catch (OrtException | IOException e) {
      throw new IllegalStateException("ONNX Runtime failed on the images: " + firstLine(e.getMessage()), e);
    }
    toProbabilities(probs);
    List<INDArray> out = new ArrayList<>();
    if (from == 1) out.add(x);
    out.addAll(computed);
    return new Forward(out, probs);
  }

  /** Masks for every layer: all ones but layer {@code from}'s, shaped [1, values] and reshaped by the graph's broadcast. */
  private Map<String, OnnxTensor> masks(int from, float[] keep) throws OrtException {
    Map<String, OnnxTensor> m = new HashMap<>();
    for (int k = 0; k < layers.size(); k++) {
      float[] v = k == from - 2 ? keep : ones(sizes[k + 1]);
      m.put(OnnxGraph.keep(k), OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shapes[k]));
    }
    return m;
  }

  private final Map<Integer, float[]> ones = new HashMap<>();

  private float[] ones(int n) {
    return ones.computeIfAbsent(n, k -> {
      float[] a = new float[k];
      Arrays.fill(a, 1f);
      return a;
    });
  }

  private synchronized OrtSession masking() throws IOException {
    if (masking == null) masking = session(graph.withMasks(layers, scores), " with masks on its layers");
    return masking;
  }

  /**
   * Runs {@code rows} images of {@code x} from row {@code start}, normalised into the reused feed
   * buffer (padded with zeros to a fixed batch).
   */
  private OrtSession.Result run(OrtSession session, INDArray x, long start, int rows, Map<String, OnnxTensor> extra) throws OrtException, IOException {
    int batch = fixedBatch > 0 ? fixedBatch : rows;
    int per = image.size();
    int plane = image.plane();
    if (feed == null || feed.capacity() < batch * per) feed = ByteBuffer.allocateDirect(4 * batch * per).order(ByteOrder.nativeOrder()).asFloatBuffer();
    FloatBuffer src = x.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    feed.clear();
    for (int i = 0; i < rows; i++) {
      int base = (int) ((start + i) * per);
      for (int c = 0; c < image.channels(); c++) {
        float mean = (float) config.mean(c);
        float scale = (float) (1 / config.std(c));
        for (int p = 0; p < plane; p++) feed.put((src.get(base + c * plane + p) - mean) * scale);
      }
    }
    for (int i = rows * per; i < batch * per; i++) feed.put(0f);
    feed.flip();
    long[] shape = new long[feedDims.length + 1];
    shape[0] = batch;
    System.arraycopy(feedDims, 0, shape, 1, feedDims.length);
    Map<String, OnnxTensor> inputs = new HashMap<>();
    if (extra != null) inputs.putAll(extra);
    try (OnnxTensor in = OnnxTensor.createTensor(env, feed, shape)) {
      inputs.put(graph.input(), in);
      return session.run(inputs);
    } finally {
      if (extra != null) extra.values().forEach(OnnxTensor::close);
    }
  }

  /** Copies the first {@code rows} images of output {@code name} into rows {@code start...} of {@code into}. */
  private static void copy(OrtSession.Result r, String name, INDArray into, long start, int rows) throws OrtException, IOException {
    OnnxTensor t = (OnnxTensor) r.get(name).orElseThrow(() -> new IOException("ONNX Runtime gave no output '" + name + "'"));
    FloatBuffer values = t.getFloatBuffer();
    int cols = (int) into.columns();
    values.limit(rows * cols);
    FloatBuffer target = into.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    target.position((int) (start * cols));
    target.put(values);
  }

  /** Scores to probabilities in place: a softmax per row, unless the graph made them so (or their logarithm). */
  private void toProbabilities(INDArray p) {
    if (probabilities) return;
    FloatBuffer b = p.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    int rows = (int) p.rows();
    for (int r = 0; r < rows; r++) {
      int o = r * classes;
      double max = Double.NEGATIVE_INFINITY;
      if (!logProbabilities) for (int c = 0; c < classes; c++) max = Math.max(max, b.get(o + c));
      double sum = 0;
      double[] e = new double[classes];
      for (int c = 0; c < classes; c++) {
        e[c] = logProbabilities ? Math.exp(b.get(o + c)) : Math.exp(b.get(o + c) - max);
        sum += e[c];
      }
      for (int c = 0; c < classes; c++) b.put(o + c, (float) (logProbabilities ? e[c] : e[c] / sum));
    }
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(FORMAT);
    out.writeInt(image.channels());
    out.writeInt(image.height());
    out.writeInt(image.width());
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** Reads what {@link #write} wrote, with the config it was made with. */
  static OnnxNetwork read(DataInputStream in, OnnxConfig config) throws IOException {
    int format = in.readInt();
    if (format != FORMAT) throw new IOException("not an onnx model of format " + FORMAT + " (format " + format + ")");
    int c = in.readInt();
    int h = in.readInt();
    int w = in.readInt();
    int size = in.readInt();
    if (c <= 0 || h <= 0 || w <= 0 || size <= 0) throw new IOException("corrupt onnx model: image " + c + "x" + h + "x" + w + ", " + size + " bytes");
    byte[] bytes = in.readNBytes(size);
    if (bytes.length != size) throw new IOException("corrupt onnx model: " + bytes.length + " of " + size + " bytes");
    return new OnnxNetwork(bytes, config, new ImageShape(c, h, w));
  }

  @Override
  public synchronized void close() {
    try {
      plain.close();
      if (masking != null) masking.close();
    } catch (OrtException e) {
      // closing frees native memory; nothing to report to a caller that is done with it
    }
  }

  private static String firstLine(String s) {
    if (s == null) return "(no message)";
    String line = s.strip();
    int nl = line.indexOf('\n');
    return nl < 0 ? line : line.substring(0, nl);
  }

  private static String abbreviate(List<String> values) {
    return values.size() <= 12 ? String.join(", ", values) : String.join(", ", values.subList(0, 12)) + ", ... (" + values.size() + " in all)";
  }
}
