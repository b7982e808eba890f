package org.invariance.plugins.mlp;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.invariance.data.Epochs;
import org.invariance.data.ImageShape;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.metrics.Progress;
import org.invariance.model.DenseLayers;
import org.invariance.model.Model;
import org.invariance.model.NativeMemory;
import org.invariance.plugin.Checkpoint;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.TrainingContext;
import org.invariance.plugins.mlp.MlpConfig.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains an MLP classifier end to end: hidden layers of the configured sizes and activation, a
 * softmax output with one unit per class of the training data, cross-entropy, momentum SGD.
 * Minibatches walk through reshuffled epochs of the training images; with {@code input: mix} each
 * drawn image is transformed by an amount of the transform family drawn afresh at that draw.
 *
 * <p>With {@code on: <model>} the first hidden layers start from that model's weights (fine-tuning a
 * pretrained encoder): it must expose {@link DenseLayers} with the same input size, hidden sizes
 * that match the first of ours, and the same activation. The remaining layers start at random.
 *
 * <p>Seeds depend on the experiment seed and purpose only ({@code mlp/init}, {@code mlp/order},
 * {@code mlp/corruption}), so two MLPs of an experiment that differ only in what they train on
 * start from the same weights and see images in the same order.
 *
 * <p>It checkpoints the weights, biases and momentum velocities (the learning rate is constant); a
 * resumed run draws again, from the same seeds, the images and amounts the finished iterations drew,
 * so it goes on with the very batches an uninterrupted run would see and ends with the same weights
 * bit for bit.
 */
public final class MlpPlugin implements ModelPlugin<MlpConfig> {
  // docs-region: spi (docs/WRITING-A-MODEL.md shows it; DocsTest keeps the two the same)
  @Override
  public Class<MlpConfig> configType() {
    return MlpConfig.class;
  }

  @Override
  public Upstream upstream() {
    return Upstream.OPTIONAL;
  }

  @Override
  public Model read(DataInputStream in, MlpConfig config, Model upstream) throws IOException {
    Mlp m = Mlp.read(in);
    int[] s = m.layerSizes();
    List<Integer> stored = new ArrayList<>();
    for (int i = 1; i < s.length; i++) stored.add(s[i]);
    if (!stored.equals(config.layers()) || !m.activation().equals(config.activation().toString())) {
      throw new IOException("stored mlp has layers " + stored + " and activation " + m.activation() + ", but the config says " + config.layers() + " and " + config.activation());
    }
    return m;
  }
  // docs-end: spi

  /** The input and the hidden layers; an upstream stage only gives the first of them their starting weights. */
  /**
   * The weights, their gradients and momentum (three copies) and a batch's activity forward and back,
   * on the data's images, must fit the native memory (a layer of a million units would not).
   */
  @Override
  public void check(MlpConfig config, Map<String, Path> files, Optional<ImageShape> data) {
    if (data.isEmpty()) return;
    long in = data.get().size();
    long params = 0;
    long units = in;
    for (int n : config.layers()) {
      params += in * n + n;
      units += n;
      in = n;
    }
    NativeMemory.require(4L * (3 * params + 2L * config.batch() * units), "layers", "an MLP of layers " + config.layers() + " on " + data.get() + " images");
  }

  @Override
  public int layers(MlpConfig config, int upstreamLayers) {
    return config.layers().size() + 1;
  }

  // docs-region: train (docs/WRITING-A-MODEL.md shows it; DocsTest keeps the two the same)
  @Override
  public Model train(TrainingContext ctx, MlpConfig c) throws IOException {
    Images images = ctx.trainImages();
    Mlp model = initial(ctx, c, DataType.FLOAT);
    MlpStep step = new MlpStep(model, c.batch(), c.momentum(), c.weightDecay(), c.biasDecay());
    TransformFamily mix = c.input() == MlpConfig.Input.MIX ? ctx.transform() : null;
    if (c.input() == MlpConfig.Input.MIX && mix == null) throw new IllegalStateException("mlp " + ctx.modelName() + " has input: mix, but the experiment has no transform to draw from");
    Batches batches = new Batches(images, mix, c.batch(), ctx.seed("mlp/order"), ctx.seed("mlp/corruption"));
    FloatBuffer input = step.input().data().asNioFloat();
    int[] labels = step.labels();
    double lr = c.lr();
    Checkpoint checkpoint = ctx.checkpoint();
    long start = checkpoint.resume(in -> {
      step.readState(in);
      batches.skip(in.readLong());
    });
    try (Progress p = ctx.progress("training", c.iterations())) {
      p.value("lr", lr);
      p.done(start);
      ctx.watch(start, () -> model);
      for (long it = start + 1; it <= c.iterations(); it++) {
        batches.next();
        input.clear();
        input.put(batches.input);
        System.arraycopy(batches.labels, 0, labels, 0, labels.length);
        step.forward();
        boolean log = it % c.logEvery() == 0 || it == c.iterations();
        double loss = log ? step.loss() : Double.NaN;
        step.backward();
        step.update(lr);
        p.samples(c.batch());
        if (log) {
          if (!Double.isFinite(loss)) throw new IllegalStateException("mlp " + ctx.modelName() + " diverged: loss " + loss + " at iteration " + it + "; try a smaller lr (now " + lr + ")");
          p.value("loss", loss);
          p.value("lr", lr);
        }
        p.done(it);
        ctx.watch(it, () -> model);
        long done = it;
        checkpoint.after(it, out -> {
          step.writeState(out);
          out.writeLong(done);
        });
      }
    }
    return model;
  }
  // docs-end: train

  /** The untrained model: random weights from {@code mlp/init}, the first layers taken from the upstream stage if there is one. */
  static Mlp initial(TrainingContext ctx, MlpConfig c, DataType dt) {
    Images images = ctx.trainImages();
    int[] sizes = new int[c.layers().size() + 1];
    sizes[0] = images.size();
    for (int i = 0; i < c.layers().size(); i++) sizes[i + 1] = c.layers().get(i);
    Mlp m = random(sizes, images.classes().size(), c.activation(), c.init(), ctx.seed("mlp/init"), dt);
    ctx.upstream().ifPresent(up -> startFrom(ctx.modelName(), m, up));
    return m;
  }

  /**
   * Weights uniform in [-r, r]: He for relu (r = sqrt(6 / fan_in)), Glorot for tanh (r =
   * sqrt(6 / (fan_in + fan_out))), four times Glorot for sigmoid, Glorot for the softmax layer;
   * biases zero. Drawn layer by layer, row-major, from one generator.
   */
  static Mlp random(int[] sizes, int classes, Activation f, long seed, DataType dt) {
    return random(sizes, classes, f, null, seed, dt);
  }

  /** As {@link #random(int[], int, Activation, long, DataType)}, the hidden layers' range as {@code init} says (null: the activation's). */
  static Mlp random(int[] sizes, int classes, Activation f, MlpConfig.Init init, long seed, DataType dt) {
    SplittableRandom rng = new SplittableRandom(seed);
    int k = sizes.length - 1;
    List<INDArray> w = new ArrayList<>();
    List<INDArray> b = new ArrayList<>();
    for (int i = 0; i <= k; i++) {
      int in = sizes[i];
      int out = i < k ? sizes[i + 1] : classes;
      double glorot = Math.sqrt(6.0 / (in + out));
      double r = i == k ? glorot : init != null ? switch (init) {
        case HE -> Math.sqrt(6.0 / in);
        case GLOROT -> glorot;
        case GLOROT_SIGMOID -> 4 * glorot;
      } : switch (f) {
        case RELU -> Math.sqrt(6.0 / in);
        case TANH -> glorot;
        case SIGMOID -> 4 * glorot;
      };
      double[] v = new double[in * out];
      for (int j = 0; j < v.length; j++) v[j] = (2 * rng.nextDouble() - 1) * r;
      w.add(Nd4j.create(v, new long[] {in, out}, 'c').castTo(dt));
      b.add(Nd4j.zeros(dt, 1, out));
    }
    return new Mlp(sizes, f, w, b);
  }

  /** Copies the upstream stage's dense layers into the first hidden layers of {@code m}. */
  static void startFrom(String name, Mlp m, Model up) {
    if (!(up instanceof DenseLayers dense)) {
      throw new IllegalStateException("mlp " + name + " can only start from a model of fully connected layers; the model it is on ("
          + up.getClass().getSimpleName() + ", layers " + up.layerNames() + ") does not expose its weights");
    }
    if (!dense.activation().equals(m.activation())) {
      throw new IllegalStateException("mlp " + name + " has activation " + m.activation() + ", but the model it is on uses " + dense.activation() + "; set activation: " + dense.activation());
    }
    int[] ours = m.layerSizes();
    List<INDArray> uw = dense.weights();
    List<INDArray> ub = dense.biases();
    int[] theirs = new int[uw.size() + 1];
    if (!uw.isEmpty()) theirs[0] = uw.get(0).rows();
    for (int i = 0; i < uw.size(); i++) theirs[i + 1] = uw.get(i).columns();
    boolean fits = !uw.isEmpty() && ub.size() == uw.size() && theirs.length <= ours.length && Arrays.equals(theirs, Arrays.copyOf(ours, theirs.length));
    for (int i = 0; fits && i < uw.size(); i++) fits = uw.get(i).rows() == ours[i] && ub.get(i).length() == ours[i + 1];
    if (!fits) {
      throw new IllegalStateException("mlp " + name + " has layers " + Arrays.toString(ours) + " (input first); the model it is on has "
          + Arrays.toString(theirs) + ", which must be the same input and the first of its hidden layers");
    }
    for (int i = 0; i < uw.size(); i++) {
      m.allWeights().get(i).assign(uw.get(i).castTo(m.allWeights().get(i).dataType()));
      m.allBiases().get(i).assign(ub.get(i).castTo(m.allBiases().get(i).dataType()).reshape(1, ours[i + 1]));
    }
  }

  /** Fills one minibatch of inputs and labels on the heap. */
  static final class Batches {
    final float[] input;
    final int[] labels;
    private final Images images;
    private final TransformFamily mix;
    private final SplittableRandom corruption;
    private final Epochs epoch;

    /** @param mix the family to draw each image's transform from, or null for upright images */
    Batches(Images images, TransformFamily mix, int batch, long orderSeed, long corruptionSeed) {
      if (images.count() == 0) throw new IllegalArgumentException("no training images");
      this.images = images;
      this.mix = mix;
      this.corruption = new SplittableRandom(corruptionSeed);
      this.input = new float[batch * images.size()];
      this.labels = new int[batch];
      this.epoch = new Epochs(images.count(), new SplittableRandom(orderSeed));
    }

    /** Draws what {@code iterations} batches draw (images and amounts) without filling them: where a resumed run stands. */
    void skip(long iterations) {
      for (long n = 0; n < iterations * labels.length; n++) {
        epoch.next();
        if (mix != null) corruption.nextInt(mix.amounts().size());
      }
    }

    void next() {
      int s = images.size();
      float[] px = images.pixels();
      for (int k = 0; k < labels.length; k++) {
        int i = epoch.next();
        if (mix != null) mix.applyRandom(corruption, px, i * s, input, k * s);
        else System.arraycopy(px, i * s, input, k * s, s);
        labels[k] = images.label(i);
      }
    }
  }
}
