package org.invariance.testing;

import java.util.ArrayList;
import java.util.List;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.plugin.NoConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Hand-built models and data whose probe results can be worked out on paper. */
public final class TinyModels {
  private TinyModels() {}

  /** Images of {@code width} x 1 pixels with the given values and labels. */
  public static Images digits(int width, float[][] images, int[] labels) {
    float[] px = new float[images.length * width];
    byte[] lb = new byte[images.length];
    for (int i = 0; i < images.length; i++) {
      System.arraycopy(images[i], 0, px, i * width, width);
      lb[i] = (byte) labels[i];
    }
    return new Images("T", width, 1, px, lb);
  }

  /** Shifts right by 0 or more pixels (the test transform). */
  public static TransformFamily shifts(int width, double... amounts) {
    List<Double> a = new ArrayList<>();
    for (double v : amounts) a.add(v);
    TestPlugins.Shift shift = new TestPlugins.Shift();
    return new TransformFamily("shift", (amount, w, h) -> shift.prepare(new NoConfig(), amount, w, h), a, width, 1);
  }

  /**
   * One layer h = sigmoid(10 x - 5) per pixel (monotone: the ranking of a layer-2 neuron is its
   * pixel's), and a head that picks the class of the brightest of the first {@code classes} units.
   */
  public static TinyNet monotone(int width, int classes) {
    float[] w = new float[width * width];
    float[] b = new float[width];
    for (int i = 0; i < width; i++) {
      w[i * width + i] = 10f;
      b[i] = -5f;
    }
    TinyNet e = TinyNet.encoder(List.of(Nd4j.create(w, new long[] {width, width}, 'c')), List.of(Nd4j.create(b, new long[] {1, width}, 'c')));
    float[] hw = new float[width * classes];
    for (int k = 0; k < Math.min(width, classes); k++) hw[k * classes + k] = 20f;
    return e.withHead(Nd4j.create(hw, new long[] {width, classes}, 'c'), Nd4j.zeros(DataType.FLOAT, 1, classes));
  }
}
