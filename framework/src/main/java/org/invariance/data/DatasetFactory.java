package org.invariance.data;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.invariance.config.Seeds;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the test datasets T_a and T_mix of each transform family from the test images. T_mix
 * gives image i an amount drawn from a generator seeded by (experiment seed, "mix/test/<family>"),
 * so every model sees the same mixed set, and T^c_mix is exactly the class-c images of T_mix.
 * Training datasets ({@link DatasetSpec#training()}) do the same on a seeded sample of as many
 * training images as there are test images ("probe-training-sample"; mix seed "mix/train/<family>").
 */
public final class DatasetFactory {
  private final Images test;
  private final Images trainSample;
  private final Map<String, TransformFamily> families;
  private final long seed;

  public DatasetFactory(Images test, Map<String, TransformFamily> families, long seed) {
    this(test, null, families, seed);
  }

  /** @param train the training images, or null when no probe may ask for training datasets */
  public DatasetFactory(Images test, Images train, Map<String, TransformFamily> families, long seed) {
    this.test = test;
    this.trainSample = train == null ? null : sample(train, test.count(), Seeds.derive(seed, "probe-training-sample"));
    this.families = Map.copyOf(families);
    this.seed = seed;
  }

  /** The first {@code n} images of a seeded shuffle, in shuffled order (all of them when there are fewer). */
  static Images sample(Images all, int n, long seed) {
    int[] order = Epochs.shuffled(all.count(), new SplittableRandom(seed));
    return all.select(Arrays.copyOf(order, Math.min(n, order.length)));
  }

  /** @param spec a spec whose transform is named (see {@link DatasetSpec#withDefaultTransform}) */
  public Dataset build(DatasetSpec spec) {
    Images test = spec.training() ? trainSample : this.test;
    if (test == null) throw new IllegalArgumentException("dataset " + spec.name(this.test.name(), true) + ": no training images are available here");
    TransformFamily family = families.get(spec.transform());
    if (family == null) throw new IllegalArgumentException("dataset " + spec.name(test.name(), true) + ": no transform named '" + spec.transform() + "'; transforms: " + String.join(", ", new TreeSet<>(families.keySet())));
    if (spec.classIndex() != null && spec.classIndex() >= test.classes().size()) {
      throw new IllegalArgumentException("class " + spec.classIndex() + " does not exist: the data has classes 0.." + (test.classes().size() - 1));
    }
    int s = test.size();
    int[] rows = rowsOf(test, spec.classIndex());
    float[] out = new float[rows.length * s];
    double[] amounts = new double[rows.length];
    if (spec.isMix()) {
      // draw for every test image so a class subset is the same images as in the full mix
      SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, (spec.training() ? "mix/train/" : "mix/test/") + family.name()));
      double[] all = new double[test.count()];
      for (int i = 0; i < all.length; i++) all[i] = family.amounts().get(rng.nextInt(family.amounts().size()));
      for (int r = 0; r < rows.length; r++) {
        amounts[r] = all[rows[r]];
        family.op(amounts[r]).apply(test.pixels(), rows[r] * s, out, r * s);
      }
    } else {
      ImageOp op = family.op(spec.amount());
      for (int r = 0; r < rows.length; r++) {
        amounts[r] = spec.amount();
        op.apply(test.pixels(), rows[r] * s, out, r * s);
      }
    }
    int[] labels = new int[rows.length];
    for (int r = 0; r < rows.length; r++) labels[r] = test.label(rows[r]);
    return new Dataset(spec, spec.name(test.name(), families.size() > 1), Nd4j.create(out, new long[] {rows.length, s}, 'c'), labels, amounts, test.width(), test.height(), test.channels());
  }

  private static int[] rowsOf(Images test, Integer c) {
    if (c == null) return IntStream.range(0, test.count()).toArray();
    return IntStream.range(0, test.count()).filter(i -> test.label(i) == c).toArray();
  }
}
