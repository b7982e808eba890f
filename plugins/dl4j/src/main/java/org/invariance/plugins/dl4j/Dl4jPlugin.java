package org.invariance.plugins.dl4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.invariance.config.InvalidConfig;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.metrics.Progress;
import org.invariance.model.Model;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.TrainingContext;

/**
 * Deeplearning4j networks: built from the YAML list of layers and trained with Deeplearning4j's own
 * {@code fit} (softmax cross-entropy over the data's classes), or read from a model zip trained
 * elsewhere. Minibatches come from reshuffled epochs of the training images
 * ({@code dl4j/order}); with {@code input: mix} each drawn image is transformed by a fresh amount of
 * the transform family ({@code dl4j/corruption}); Deeplearning4j draws the initial weights from
 * {@code dl4j/init}. So the same YAML and seed give the same weights.
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

  @Override
  public Model train(TrainingContext ctx, Dl4jConfig c) throws IOException {
    Images images = ctx.trainImages();
    if (c.fromFile()) return load(ctx.resolve(c.file()), images);
    MultiLayerNetwork net = new MultiLayerNetwork(Networks.configuration(c, images.width(), images.height(), images.classes().size(), ctx.seed("dl4j/init")));
    net.init();
    TransformFamily mix = c.input() == Dl4jConfig.Input.MIX ? ctx.transform() : null;
    if (c.input() == Dl4jConfig.Input.MIX && mix == null) throw new IllegalStateException("dl4j " + ctx.modelName() + " has input: mix, but the experiment has no transform to draw from");
    MinibatchIterator batches = new MinibatchIterator(images, mix, c.batch(), c.iterations(), ctx.seed("dl4j/order"), ctx.seed("dl4j/corruption"));
    try (Progress p = ctx.progress("training", c.iterations())) {
      p.value("lr", c.lr());
      net.setListeners(new BaseTrainingListener() {
        private int done;

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
        }
      });
      net.fit(batches);
      net.setListeners();
    }
    return new Dl4jNetwork(net, images.width(), images.height());
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
      m = new Dl4jNetwork(net, images.width(), images.height());
    } catch (RuntimeException e) {
      throw new InvalidConfig("file", file + " does not take " + images.width() + "x" + images.height() + " images of " + images.name() + ": " + e.getMessage());
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
