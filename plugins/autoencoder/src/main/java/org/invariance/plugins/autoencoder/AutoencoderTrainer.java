package org.invariance.plugins.autoencoder;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.invariance.data.Epochs;
import org.invariance.data.ImageShape;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.metrics.Progress;
import org.invariance.model.Model;
import org.invariance.model.NativeMemory;
import org.invariance.plugin.Checkpoint;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.TrainingContext;
import org.invariance.study.autoencoder.Encoder;
import org.invariance.study.autoencoder.TiedAutoencoder;
import org.invariance.study.autoencoder.TiedAutoencoderStep;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Pretrains a tied-weight autoencoder and hands back its encoder (a sigmoid stack that does not
 * classify; a {@code frozen-head} stage on it makes the study's MLP). Minibatches walk through
 * reshuffled epochs of the training digits; with {@code input: mix} each drawn digit is rotated by
 * an amount drawn afresh at that draw. Seeds depend on the experiment seed and purpose only, so AER
 * and AEUR start from the same weights and see digits in the same order: the only difference
 * between them is what they are trained on.
 *
 * <p>It checkpoints the weights and momentum buffers; a resumed run draws again, from the same seeds,
 * the digits and amounts the finished iterations drew, so it goes on with the very batches an
 * uninterrupted run would see and ends with the same weights bit for bit.
 */
public final class AutoencoderTrainer implements ModelPlugin<AutoencoderConfig> {
  @Override
  public Class<AutoencoderConfig> configType() {
    return AutoencoderConfig.class;
  }

  @Override
  public Model read(DataInputStream in, AutoencoderConfig config, Model upstream) throws IOException {
    return Encoder.read(in);
  }

  /**
   * The tied weights with their gradients and momentum (three copies) and a batch's activity through
   * the encoder and back through the decoder, on the data's images, must fit the native memory.
   */
  @Override
  public void check(AutoencoderConfig config, Map<String, Path> files, Optional<ImageShape> data) {
    if (data.isEmpty()) return;
    long in = data.get().size();
    long params = in;
    long units = in;
    for (int n : config.layers()) {
      params += in * n + n;
      units += n;
      in = n;
    }
    NativeMemory.require(4L * (3 * params + 4L * config.batch() * units), "layers", "an autoencoder of layers " + config.layers() + " on " + data.get() + " images");
  }

  @Override
  public int layers(AutoencoderConfig config, int upstreamLayers) {
    return config.layers().size() + 1;
  }

  @Override
  public Model train(TrainingContext ctx, AutoencoderConfig c) throws IOException {
    Images digits = ctx.trainImages();
    int size = digits.size();
    int[] sizes = new int[c.layers().size() + 1];
    sizes[0] = size;
    for (int i = 0; i < c.layers().size(); i++) sizes[i + 1] = c.layers().get(i);
    TiedAutoencoder ae = TiedAutoencoder.init(sizes, ctx.seed("autoencoder/init"), DataType.FLOAT, c.init().scheme());
    TiedAutoencoderStep step = new TiedAutoencoderStep(ae, c.batch(), c.momentum(), c.weightDecay(), c.biasDecay());
    Batches batches = new Batches(digits, ctx.transform(), c, ctx.seed("autoencoder/order"), ctx.seed("autoencoder/corruption"));
    FloatBuffer input = step.input().data().asNioFloat();
    FloatBuffer target = step.target().data().asNioFloat();
    Checkpoint checkpoint = ctx.checkpoint();
    long start = checkpoint.resume(in -> {
      step.readState(in);
      batches.skip(in.readLong());
    });
    try (Progress p = ctx.progress("pretraining", c.iterations())) {
      p.done(start);
      ctx.watch(start, ae::encoder);
      for (long it = start + 1; it <= c.iterations(); it++) {
        batches.next();
        input.clear();
        input.put(batches.input);
        target.clear();
        target.put(batches.target);
        double lr = c.learningRate(it);
        step.step(lr);
        if (it % c.logEvery() == 0 || it == c.iterations()) {
          p.value("loss", step.loss());
          p.value("lr", lr);
        }
        p.samples(c.batch());
        p.done(it);
        ctx.watch(it, ae::encoder);
        long done = it;
        checkpoint.after(it, out -> {
          step.writeState(out);
          out.writeLong(done);
        });
      }
    }
    return ae.encoder();
  }

  /** Fills one minibatch of inputs and targets on the heap. */
  static final class Batches {
    final float[] input;
    final float[] target;
    private final Images digits;
    private final TransformFamily mix;
    private final AutoencoderConfig config;
    private final SplittableRandom corruption;
    private final Epochs epoch;
    /** Every training digit under every amount of the mix, when that fits in {@link #TABLE_BYTES}. */
    private final float[][] transformed;

    Batches(Images digits, TransformFamily mix, AutoencoderConfig config, long orderSeed, long corruptionSeed) {
      this(digits, mix, config, orderSeed, corruptionSeed, tableBytes(Runtime.getRuntime().maxMemory()));
    }

    /**
     * The largest table kept on a heap of {@code maxHeap} bytes: {@link #TABLE_BYTES}, or a quarter
     * of the heap when that is less (a table near the heap's size ran the launcher's 512 MiB heap
     * out of memory on 10,000 training digits: 13 amounts x 10,000 x 784 floats are 408 MB).
     */
    static long tableBytes(long maxHeap) {
      return Math.min(TABLE_BYTES, maxHeap / 4);
    }

    Batches(Images digits, TransformFamily mix, AutoencoderConfig config, long orderSeed, long corruptionSeed, long tableBytes) {
      this.digits = digits;
      this.mix = mix;
      this.config = config;
      this.corruption = new SplittableRandom(corruptionSeed);
      this.input = new float[config.batch() * digits.size()];
      this.target = new float[config.batch() * digits.size()];
      this.epoch = new Epochs(digits.count(), new SplittableRandom(orderSeed));
      this.transformed = config.input() == AutoencoderConfig.Input.MIX ? table(digits, mix, tableBytes) : null;
    }

    /** The largest table of pre-transformed digits kept; beyond it digits are transformed per draw. */
    static final long TABLE_BYTES = 512L << 20;

    /**
     * Transforming is as costly as a third of a training step, and the mix has only a few amounts:
     * transform each digit by each amount once, and let each draw copy its row. The draws (which
     * digit, which amount) are the same as transforming on the fly, so the batches are identical.
     */
    private static float[][] table(Images d, TransformFamily mix, long tableBytes) {
      long bytes = 4L * d.pixels().length * mix.amounts().size();
      if (bytes > tableBytes || d.pixels().length > Integer.MAX_VALUE - 8) return null;
      float[][] t = new float[mix.amounts().size()][];
      for (int k = 0; k < t.length; k++) {
        t[k] = new float[d.pixels().length];
        var op = mix.op(mix.amounts().get(k));
        for (int i = 0; i < d.count(); i++) op.apply(d.pixels(), i * d.size(), t[k], i * d.size());
      }
      return t;
    }

    /** Draws what {@code iterations} batches draw (digits and amounts) without filling them: where a resumed run stands. */
    void skip(long iterations) {
      boolean mixed = config.input() == AutoencoderConfig.Input.MIX;
      int amounts = mixed ? mix.amounts().size() : 0;
      for (long n = 0; n < iterations * config.batch(); n++) {
        epoch.next();
        if (mixed) corruption.nextInt(amounts);
      }
    }

    void next() {
      int s = digits.size();
      float[] px = digits.pixels();
      for (int k = 0; k < config.batch(); k++) {
        int i = epoch.next();
        if (config.input() == AutoencoderConfig.Input.MIX) {
          if (transformed != null) System.arraycopy(transformed[corruption.nextInt(transformed.length)], i * s, input, k * s, s);
          else mix.applyRandom(corruption, px, i * s, input, k * s);
        } else {
          System.arraycopy(px, i * s, input, k * s, s);
        }
        if (config.target() == AutoencoderConfig.Target.UPRIGHT) System.arraycopy(px, i * s, target, k * s, s);
        else System.arraycopy(input, k * s, target, k * s, s);
      }
    }
  }
}
