package org.invariance.plugins.equivariance;

import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Hand-built images, a cyclic shift and models whose layer 2 is any function of the image. */
final class Fixtures {
  private Fixtures() {}

  /** {@code count} one-row images of {@code width} uniform random pixels (labels 0 and 1 alternate). */
  static Images random(String name, int width, int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] px = new float[width * count];
    for (int i = 0; i < px.length; i++) px[i] = rng.nextFloat();
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) labels[i] = (byte) (i % 2);
    return new Images(name, width, 1, px, labels);
  }

  /** Rotates each one-row image right by round(amount) pixels, wrapping around: a permutation of pixels, so linear and invertible. */
  static TransformFamily cyclic(int width, double... amounts) {
    List<Double> a = new ArrayList<>();
    for (double v : amounts) a.add(v);
    return new TransformFamily("cyclic", (amount, w, h) -> {
      int s = (int) Math.round(amount);
      return (src, so, dst, d) -> {
        for (int x = 0; x < w; x++) dst[d + Math.floorMod(x + s, w)] = src[so + x];
      };
    }, a, width, 1);
  }

  /** Layer 2 = x A for a seeded random {@code width} x {@code units} matrix A: a fixed linear map of the image. */
  static Model linear(int width, int units, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] w = new double[width][units];
    for (double[] row : w) for (int j = 0; j < units; j++) row[j] = rng.nextDouble(-1, 1);
    return new FunctionModel(width, units, x -> {
      double[] y = new double[units];
      for (int i = 0; i < width; i++) for (int j = 0; j < units; j++) y[j] += x[i] * w[i][j];
      return y;
    });
  }

  /** A model whose layer 2 is {@code f} of the image, computed in double per image. */
  static final class FunctionModel implements Model {
    private final int inputs;
    private final int outputs;
    private final UnaryOperator<double[]> f;

    FunctionModel(int inputs, int outputs, UnaryOperator<double[]> f) {
      this.inputs = inputs;
      this.outputs = outputs;
      this.f = f;
    }

    @Override public List<String> layerNames() { return List.of("input", "f"); }
    @Override public int[] layerSizes() { return new int[] {inputs, outputs}; }
    @Override public int classes() { return 0; }

    @Override
    public Forward forward(int from, INDArray activity) {
      if (from == 2) return new Forward(List.of(activity), null);
      double[][] in = activity.toDoubleMatrix();
      float[] out = new float[in.length * outputs];
      for (int i = 0; i < in.length; i++) {
        double[] y = f.apply(in[i]);
        for (int j = 0; j < outputs; j++) out[i * outputs + j] = (float) y[j];
      }
      return new Forward(List.of(activity, Nd4j.create(out, new long[] {in.length, outputs}, 'c')), null);
    }

    @Override
    public void write(DataOutputStream out) {
      throw new UnsupportedOperationException("a test model is not stored");
    }
  }
}
