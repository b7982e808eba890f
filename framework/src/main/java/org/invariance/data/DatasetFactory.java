package org.invariance.data;

import java.util.SplittableRandom;
import org.invariance.experiment.Seeds;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the study's dataset views from the test digits. MNIST_mix gives image i the amount drawn
 * from a generator seeded by (experiment seed, "mix/test"), so every model sees the same mixed set,
 * and MNIST^d_mix is exactly the digit-d images of MNIST_mix.
 */
public final class DatasetFactory {
  private final Digits test;
  private final MixSampler sampler;
  private final long seed;

  public DatasetFactory(Digits test, MixSampler sampler, long seed) {
    this.test = test;
    this.sampler = sampler;
    this.seed = seed;
  }

  public Dataset build(DatasetSpec spec) {
    int s = test.size();
    int[] rows = rowsOf(spec.digit());
    float[] out = new float[rows.length * s];
    double[] amounts = new double[rows.length];
    if (spec.isMix()) {
      // draw for every test image so a digit subset is the same images as in the full mix
      SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "mix/test"));
      double[] all = new double[test.count()];
      for (int i = 0; i < all.length; i++) all[i] = sampler.amounts().get(rng.nextInt(sampler.amounts().size()));
      for (int r = 0; r < rows.length; r++) {
        amounts[r] = all[rows[r]];
        sampler.op(amounts[r]).apply(test.pixels(), rows[r] * s, out, r * s);
      }
    } else {
      var op = sampler.op(spec.amount());
      for (int r = 0; r < rows.length; r++) {
        amounts[r] = spec.amount();
        op.apply(test.pixels(), rows[r] * s, out, r * s);
      }
    }
    int[] labels = new int[rows.length];
    for (int r = 0; r < rows.length; r++) labels[r] = test.labels()[rows[r]];
    INDArray images = Nd4j.create(out, new long[] {rows.length, s}, 'c').castTo(DataType.FLOAT);
    return new Dataset(spec, spec.name(test.name()), images, labels, amounts, test.width(), test.height());
  }

  private int[] rowsOf(Integer digit) {
    if (digit == null) {
      int[] all = new int[test.count()];
      for (int i = 0; i < all.length; i++) all[i] = i;
      return all;
    }
    return java.util.stream.IntStream.range(0, test.count()).filter(i -> test.labels()[i] == digit).toArray();
  }
}
