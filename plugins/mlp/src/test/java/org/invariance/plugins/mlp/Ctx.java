package org.invariance.plugins.mlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.config.Seeds;
import org.invariance.metrics.Progress;
import org.invariance.model.Model;
import org.invariance.plugin.Checkpoint;
import org.invariance.plugin.TrainingContext;

/** A training context over given images that records the progress it is told (this module's own, so it follows the SPI as it is). */
final class Ctx implements TrainingContext {
  private final Images images;
  private final TransformFamily transform;
  private final Model upstream;
  private final long seed;
  final List<Double> losses = new ArrayList<>();
  final List<String> phases = new ArrayList<>();
  Checkpoint checkpoint = Checkpoint.NONE;
  long samples;
  long done;
  boolean closed;

  Ctx(Images images, TransformFamily transform, Model upstream, long seed) {
    this.images = images;
    this.transform = transform;
    this.upstream = upstream;
    this.seed = seed;
  }

  Ctx(Images images, long seed) {
    this(images, null, null, seed);
  }

  @Override public String modelName() { return "M"; }
  @Override public Images trainImages() { return images; }
  @Override public TransformFamily transform() { return transform; }
  @Override public Optional<Model> upstream() { return Optional.ofNullable(upstream); }
  @Override public long seed(String purpose) { return Seeds.derive(seed, purpose); }
  @Override public Checkpoint checkpoint() { return checkpoint; }

  @Override
  public Progress progress(String phase, long total) {
    phases.add(phase + "/" + total);
    return new Progress() {
      @Override public void done(long steps) { done = steps; }
      @Override public void advance(long steps) { done += steps; }
      @Override public void value(String name, double value) { if (name.equals("loss")) losses.add(value); }
      @Override public void samples(long count) { samples += count; }
      @Override public void close() { closed = true; }
    };
  }

  /**
   * {@code perClass} noisy (side x side) images of each of {@code classes} classes; class c lights
   * its own block of the image (linearly separable).
   */
  static Images blocks(int side, int classes, int perClass, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int s = side * side;
    int n = classes * perClass;
    float[] px = new float[n * s];
    byte[] labels = new byte[n];
    int cells = s / classes;
    for (int i = 0; i < n; i++) {
      int c = i % classes;
      labels[i] = (byte) c;
      for (int p = 0; p < s; p++) {
        float v = (float) (0.3 * rng.nextDouble());
        if (p / cells == c) v += 0.6f;
        px[i * s + p] = v;
      }
    }
    return new Images("blocks" + classes, side, side, px, labels, Images.numbered(classes));
  }
}
