package org.invariance.plugins.dl4j;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.invariance.config.InvalidConfig;
import org.invariance.data.ImageShape;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.metrics.Progress;
import org.invariance.model.Model;
import org.invariance.nn.ArrayState;
import org.invariance.plugin.Checkpoint;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.TrainingContext;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Deeplearning4j networks: built from the YAML list of layers and trained with Deeplearning4j's own
 * {@code fit} (softmax cross-entropy over the data's classes), or read from a model zip trained
 * elsewhere. Minibatches come from reshuffled epochs of the training images
 * ({@code dl4j/order}); with {@code input: mix} each drawn image is transformed by a fresh amount of
 * the transform family ({@code dl4j/corruption}); Deeplearning4j draws the initial weights from
 * {@code dl4j/init}. So the same YAML and seed give the same weights.
 *
 * <p>Training checkpoints the parameters, the updater's state and Deeplearning4j's iteration and
 * epoch counts. A resumed run draws again, from the same seeds, the images and amounts the finished
 * iterations drew, and fits the rest, so it ends with the same weights bit for bit. Nothing else in
 * {@code fit} is random: the only ND4J random draws are the initial weights in {@code init}, which
 * the restore overwrites; the layers offered have no dropout or weight noise (adding them would need
 * ND4J's generator seeded per iteration).
 */
public final class Dl4jPlugin implements ModelPlugin<Dl4jConfig> {
  @Override
  public Class<Dl4jConfig> configType() {
    return Dl4jConfig.class;
  }

  @Override
  public Map<String, String> files(Dl4jConfig config) {
    return config.fromFile() ? Map.of("file", config.file()) : Map.of();
  }

  /** The input, then every layer but the softmax output (added when the list does not end with one); unknown for a file. */
  @Override
  public int layers(Dl4jConfig config, int upstreamLayers) {
    if (config.fromFile()) return 0;
    return (int) config.layers().stream().filter(l -> l.type() != LayerSpec.Type.OUTPUT).count() + 1;
  }

  @Override
  public Model train(TrainingContext ctx, Dl4jConfig c) throws IOException {
    Images images = ctx.trainImages();
    if (c.fromFile()) return load(ctx.resolve(c.file()), images);
    MultiLayerNetwork net = new MultiLayerNetwork(Networks.configuration(c, images.shape(), images.classes().size(), ctx.seed("dl4j/init")));
    net.init();
    TransformFamily mix = c.input() == Dl4jConfig.Input.MIX ? ctx.transform() : null;
    if (c.input() == Dl4jConfig.Input.MIX && mix == null) throw new IllegalStateException("dl4j " + ctx.modelName() + " has input: mix, but the experiment has no transform to draw from");
    MinibatchIterator batches = new MinibatchIterator(images, mix, c.batch(), c.iterations(), ctx.seed("dl4j/order"), ctx.seed("dl4j/corruption"));
    Checkpoint checkpoint = ctx.checkpoint();
    long start = checkpoint.resume(in -> batches.skip(restore(net, in)));
    try (Progress p = ctx.progress("training", c.iterations())) {
      p.value("lr", c.lr());
      p.done(start);
      ctx.watch(start, () -> new Dl4jNetwork(net, images.shape()));
      net.setListeners(new BaseTrainingListener() {
        private int done = (int) start;

        @Override
        public void iterationDone(org.deeplearning4j.nn.api.Model model, int iteration, int epoch) {
          done++;
          p.samples(c.batch());
          if (done % c.logEvery() == 0 || done == c.iterations()) {
            double loss = model.score();
            if (!Double.isFinite(loss)) throw new IllegalStateException("dl4j " + ctx.modelName() + " diverged: loss " + loss + " at iteration " + done + "; try a smaller lr (now " + c.lr() + ")");
            p.value("loss", loss);
          }
          p.done(done);
          ctx.watch(done, () -> new Dl4jNetwork(net, images.shape()));
          int at = done;
          try {
            checkpoint.after(done, out -> save(net, at, out));
          } catch (IOException e) {
            throw new UncheckedIOException(e); // through fit, rethrown below
          }
        }
      });
      try (InputGradientSkip skip = InputGradientSkip.during(net)) { // fit never reads the input's gradient
        net.fit(batches);
      }
      net.setListeners();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Dl4jNetwork(net, images.shape());
  }

  /**
   * Writes all the next iteration reads: the iterations done and the epoch count (Adam's bias
   * correction and schedules read them), the parameters and the updater's state (momentum, Adam's
   * moments; none for sgd). Called from the listener, after the update but before Deeplearning4j
   * counts the iteration, hence {@code done} given.
   */
  private static void save(MultiLayerNetwork net, int done, DataOutputStream out) throws IOException {
    out.writeInt(done);
    out.writeInt(net.getEpochCount());
    ArrayState.write(out, net.params());
    INDArray state = net.getUpdater().getStateViewArray();
    if (state != null) ArrayState.write(out, state);
  }

  /** Reads what {@link #save} wrote into a freshly initialised network; returns the iterations done. */
  private static int restore(MultiLayerNetwork net, DataInputStream in) throws IOException {
    int done = in.readInt();
    int epochs = in.readInt();
    ArrayState.read(in, net.params());
    INDArray state = net.getUpdater().getStateViewArray();
    if (state != null) ArrayState.read(in, state);
    net.getLayerWiseConfigurations().setIterationCount(done);
    net.getLayerWiseConfigurations().setEpochCount(epochs);
    // each layer keeps a copy, which fit brings up to date only after an iteration
    for (Layer l : net.getLayers()) {
      l.setIterationCount(done);
      l.setEpochCount(epochs);
    }
    return done;
  }

  /** A network built elsewhere (the bench's CNN) as this plugin's model of {@code image}-shaped inputs: the forward pass probes call. */
  public static Model model(MultiLayerNetwork net, ImageShape image) {
    return new Dl4jNetwork(net, image);
  }

  /** A network trained elsewhere; it must take the data's images and tell its classes apart. */
  static Dl4jNetwork load(Path file, Images images) {
    MultiLayerNetwork net;
    try {
      net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
    } catch (IOException | RuntimeException e) {
      throw new InvalidConfig("file", file + " is not a Deeplearning4j MultiLayerNetwork zip (ModelSerializer): " + e.getMessage());
    }
    Dl4jNetwork m;
    try {
      m = new Dl4jNetwork(net, images.shape());
    } catch (RuntimeException e) {
      throw new InvalidConfig("file", file + " does not take the " + images.shape() + " images of " + images.name() + ": " + e.getMessage());
    }
    if (m.classes() != images.classes().size()) {
      throw new InvalidConfig("file", file + " has " + m.classes() + " outputs, but " + images.name() + " has " + images.classes().size() + " classes");
    }
    return m;
  }

  @Override
  public Model read(DataInputStream in, Dl4jConfig config, Model upstream) throws IOException {
    return Dl4jNetwork.read(in);
  }
}
