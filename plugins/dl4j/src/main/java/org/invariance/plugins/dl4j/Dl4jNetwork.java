package org.invariance.plugins.dl4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.invariance.data.ImageShape;
import org.invariance.model.Activations;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A Deeplearning4j {@link MultiLayerNetwork} seen as a {@link Model}: layer 1 is the input image,
 * then the output of every layer but the last, each flattened to one vector per image (a
 * convolution layer's {@code [channels, height, width]} in that order, as Deeplearning4j flattens it
 * before a dense layer); the last layer's output is the class probabilities.
 *
 * <p>The forward pass walks the layers itself (each layer's input preprocessor, then the layer), so
 * it can start from any layer's activity: that is how ablation and dropout switch neurons off inside
 * a convolutional network. It runs in chunks of images to bound memory ({@link #CHUNK_BYTES} of
 * activity each; a pass that fits one chunk returns the layers' own outputs, copying nothing), and one pass at a time:
 * a Deeplearning4j layer keeps its last input, so it is not safe to share between threads. Each
 * layer's scratch arrays (a convolution's im2col) live in a workspace reused chunk after chunk, and
 * every array a pass makes is freed as soon as it is copied out: left to the garbage collector, a
 * CNN's scratch reached 5 GB resident during one probe.
 */
final class Dl4jNetwork implements Model {
  /** 2 stores the images' channels; 1 (grey only) is still read. */
  private static final int FORMAT = 2;
  /** Activity per chunk of images (every layer's output and the probabilities), in bytes: 2,000 MNIST digits through the examples' CNN. */
  static final long CHUNK_BYTES = 64L << 20;
  private static final String WORKSPACE = "INVARIANCE_DL4J_FORWARD";
  private static final WorkspaceConfiguration WORKSPACE_CONFIG = WorkspaceConfiguration.builder()
      .initialSize(0).overallocationLimit(0.02).policyLearning(LearningPolicy.OVER_TIME).cyclesBeforeInitialization(2)
      .policyReset(ResetPolicy.BLOCK_LEFT).policySpill(SpillPolicy.REALLOCATE).policyAllocation(AllocationPolicy.OVERALLOCATE).build();

  private final MultiLayerNetwork net;
  private final ImageShape image;
  private final List<String> names; // input, then every layer but the output
  private final long[][] shapes; // per layer of names: the activity's shape without the batch dimension
  private final int classes;
  private long chunkBytes = CHUNK_BYTES;

  Dl4jNetwork(MultiLayerNetwork net, ImageShape image) {
    this.net = net;
    this.image = image;
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
    int n = net.getnLayers();
    if (n < 2) throw new IllegalArgumentException("the network has " + n + " layer(s); probes need at least one layer below the output");
    if (!(conf.getConf(n - 1).getLayer() instanceof BaseOutputLayer)) {
      throw new IllegalArgumentException("the network's last layer is a " + conf.getConf(n - 1).getLayer().getClass().getSimpleName() + ", not an output layer of class probabilities");
    }
    names = new ArrayList<>();
    names.add("input");
    for (int i = 0; i < n - 1; i++) {
      String name = conf.getConf(i).getLayer().getLayerName();
      names.add(name == null || name.isBlank() || names.contains(name) ? "layer" + i : name);
    }
    // shapes from one blank image through every layer: works for networks read from files too
    List<INDArray> probe = walk(0, input(Nd4j.zeros(DataType.FLOAT, 1, image.size())), new ArrayList<>());
    shapes = new long[n][];
    shapes[0] = new long[] {image.size()};
    for (int i = 1; i < n; i++) shapes[i] = Arrays.copyOfRange(probe.get(i - 1).shape(), 1, probe.get(i - 1).rank());
    classes = (int) probe.get(n - 1).size(1);
    clear();
  }

  MultiLayerNetwork network() {
    return net;
  }

  @Override
  public List<String> layerNames() {
    return List.copyOf(names);
  }

  @Override
  public int[] layerSizes() {
    int[] s = new int[names.size()];
    for (int i = 0; i < s.length; i++) s[i] = (int) Arrays.stream(shapes[i]).reduce(1, (a, b) -> a * b);
    return s;
  }

  @Override
  public int classes() {
    return classes;
  }

  @Override
  public synchronized Forward forward(int from, INDArray activity) {
    int[] sizes = layerSizes();
    int top = names.size();
    if (from < 1 || from > top) throw new IllegalArgumentException("layers are 1.." + top + ", not " + from);
    if (activity.rank() != 2 || activity.columns() != sizes[from - 1]) {
      throw new IllegalArgumentException("layer " + from + " (" + names.get(from - 1) + ") has " + sizes[from - 1] + " neurons; got activity of shape " + Arrays.toString(activity.shape()));
    }
    long n = activity.rows();
    INDArray start = activity.dataType() == DataType.FLOAT && activity.ordering() == 'c' && !activity.isView() ? activity : activity.castTo(DataType.FLOAT).dup('c');
    long perImage = (long) Float.BYTES * classes;
    for (int l = from - 1; l < top; l++) perImage += (long) Float.BYTES * sizes[l];
    long chunk = Math.max(1, Math.min(n, chunkBytes / perImage));
    try {
      if (chunk == n) return whole(from, start, n);
      return chunked(from, start, n, chunk, sizes);
    } finally {
      clear();
    }
  }

  /** Every image in one pass: the layers' own outputs are the result, nothing copied. */
  private Forward whole(int from, INDArray start, long n) {
    INDArray x = from == 1 ? input(start) : start.reshape('c', shape(from - 1, n));
    List<INDArray> made = new ArrayList<>();
    List<INDArray> acts = walk(from - 1, x, made);
    // arrays that are (or share memory with) the result or the caller's input: never freed here
    Set<INDArray> kept = Collections.newSetFromMap(new IdentityHashMap<>());
    kept.add(start);
    kept.add(x);
    List<INDArray> out = new ArrayList<>();
    out.add(start);
    for (INDArray act : acts) {
      INDArray flat = rows(act, n);
      if (flat.data() == act.data()) kept.add(act); // the result is this output itself; a copy leaves it to be freed
      kept.add(flat);
      out.add(flat);
    }
    INDArray probabilities = out.remove(out.size() - 1);
    for (INDArray m : made) if (!kept.contains(m)) Activations.free(m);
    return new Forward(out, probabilities);
  }

  /**
   * {@code a} as {@code n} rows: the same memory when {@code a} is a whole c-ordered buffer, as an
   * array of its own (not a view), so a caller's {@link Activations#free} frees it; else a copy.
   */
  private static INDArray rows(INDArray a, long n) {
    if (a.ordering() != 'c' || a.isView() || a.data().length() != a.length()) return rows(a.dup('c'), n);
    if (a.rank() == 2) return a;
    long columns = a.length() / n;
    return Nd4j.create(a.data(), new long[] {n, columns}, new long[] {columns, 1}, 0, 'c', a.dataType());
  }

  /** Chunk after chunk into preallocated results; each chunk's arrays are freed once copied. */
  private Forward chunked(int from, INDArray start, long n, long size, int[] sizes) {
    List<INDArray> out = new ArrayList<>();
    out.add(start);
    for (int l = from; l < names.size(); l++) out.add(Nd4j.createUninitialized(DataType.FLOAT, n, sizes[l]));
    INDArray probabilities = Nd4j.createUninitialized(DataType.FLOAT, n, classes);
    for (long s = 0; s < n; s += size) {
      long e = Math.min(n, s + size);
      INDArray chunk = start.get(NDArrayIndex.interval(s, e), NDArrayIndex.all()).dup('c');
      INDArray x = from == 1 ? input(chunk) : chunk.reshape('c', shape(from - 1, e - s));
      List<INDArray> made = new ArrayList<>();
      List<INDArray> acts = walk(from - 1, x, made);
      for (int k = 0; k < acts.size(); k++) {
        INDArray act = acts.get(k);
        // a layer's own c-ordered output is flattened as a view, copied once into the result; others are copied first
        INDArray flat = act.ordering() == 'c' && !act.isView() ? act.reshape('c', e - s, -1) : act.dup('c').reshape('c', e - s, -1);
        INDArray target = k < acts.size() - 1 ? out.get(k + 1) : probabilities;
        target.get(NDArrayIndex.interval(s, e), NDArrayIndex.all()).assign(flat);
        Activations.free(flat);
      }
      made.forEach(Activations::free);
      Activations.free(x);
      Activations.free(chunk);
    }
    return new Forward(out, probabilities);
  }

  /** Sets the activity per chunk in bytes (tests: several chunks of few images). */
  Dl4jNetwork chunkBytes(long bytes) {
    chunkBytes = bytes;
    return this;
  }

  /** The activity of layer {@code layer} (0 = input) in its own shape, for a batch of {@code n}. */
  private long[] shape(int layer, long n) {
    long[] s = new long[shapes[layer].length + 1];
    s[0] = n;
    System.arraycopy(shapes[layer], 0, s, 1, shapes[layer].length);
    return s;
  }

  /** Flat images, reshaped to channels x height x width when the first layer convolves and the network has no preprocessor to do it. */
  private INDArray input(INDArray flat) {
    var first = net.getLayerWiseConfigurations().getConf(0).getLayer();
    boolean spatial = first instanceof ConvolutionLayer || first instanceof SubsamplingLayer;
    if (spatial && net.getLayerWiseConfigurations().getInputPreProcess(0) == null) return flat.reshape('c', flat.rows(), image.channels(), image.height(), image.width());
    return flat;
  }

  /**
   * Runs Deeplearning4j layers {@code first..last} (0-based) on {@code x}; returns each layer's
   * output, and adds every array it made (preprocessed inputs, outputs) to {@code made} for freeing.
   * Scratch arrays stay in this thread's workspace; outputs are detached from it.
   */
  private List<INDArray> walk(int first, INDArray x, List<INDArray> made) {
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.builder().noWorkspaceFor(ArrayType.ACTIVATIONS)
        .with(ArrayType.INPUT, WORKSPACE, WORKSPACE_CONFIG).with(ArrayType.FF_WORKING_MEM, WORKSPACE, WORKSPACE_CONFIG).build();
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
    List<INDArray> acts = new ArrayList<>();
    for (int i = first; i < net.getnLayers(); i++) {
      try (MemoryWorkspace ws = mgr.notifyScopeEntered(ArrayType.FF_WORKING_MEM)) {
        InputPreProcessor pre = conf.getInputPreProcess(i);
        if (pre != null) {
          x = pre.preProcess(x, (int) x.size(0), mgr);
          made.add(x);
        }
        x = net.getLayer(i).activate(x, false, mgr);
        made.add(x);
        acts.add(x);
      }
    }
    return acts;
  }

  private void clear() {
    for (Layer l : net.getLayers()) l.clear();
  }

  @Override
  public void write(DataOutputStream out) throws IOException {
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    ModelSerializer.writeModel(net, written, false);
    ByteArrayOutputStream zip = timeless(written.toByteArray());
    out.writeInt(FORMAT);
    out.writeInt(image.width());
    out.writeInt(image.height());
    out.writeInt(image.channels());
    out.writeInt(zip.size());
    zip.writeTo(out);
  }

  /**
   * The same zip with every entry's time set to 0: DL4J stamps the time of writing, and the same
   * weights must give the same bytes (a resumed run's model file equals an uninterrupted run's, a
   * cluster's artifacts are compared by SHA-256).
   */
  private static ByteArrayOutputStream timeless(byte[] zip) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(zip.length);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream out = new ZipOutputStream(b)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        ZipEntry t = new ZipEntry(e.getName());
        t.setTime(0);
        out.putNextEntry(t);
        in.transferTo(out);
        out.closeEntry();
      }
    }
    return b;
  }

  /** Reads what {@link #write} wrote. */
  static Dl4jNetwork read(DataInputStream in) throws IOException {
    int format = in.readInt();
    if (format != FORMAT && format != 1) throw new IOException("not a dl4j model of format 1 or " + FORMAT + " (format " + format + ")");
    int w = in.readInt();
    int h = in.readInt();
    int c = format == 1 ? 1 : in.readInt();
    int size = in.readInt();
    if (w <= 0 || h <= 0 || c <= 0 || size <= 0) throw new IOException("corrupt dl4j model: image " + c + "x" + h + "x" + w + ", " + size + " bytes");
    byte[] zip = in.readNBytes(size);
    OneDnn.enable();
    if (zip.length != size) throw new IOException("corrupt dl4j model: " + zip.length + " of " + size + " bytes");
    return new Dl4jNetwork(ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), false), new ImageShape(c, h, w));
  }
}
