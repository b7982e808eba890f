package org.invariance.plugins.scale;

import org.invariance.data.ImageOp;
import org.invariance.plugin.NoConfig;
import org.invariance.plugin.Transform;

/**
 * Zoom about the image centre by a factor (the amount, &gt; 0): 2 draws the image twice as large
 * (its outer part leaves the frame), 0.5 half as large (the border is 0). Bilinear interpolation;
 * the image keeps its size and pixels whose source lies outside the image are 0.
 *
 * <p>Output pixel (x, y) samples the source at (cx + (x - cx) / s, cy + (y - cy) / s), with
 * cx = (w - 1) / 2 and cy = (h - 1) / 2. The four neighbours and weights of every output pixel are
 * computed once per factor, so scaling a dataset is four multiply-adds per pixel. Factor 1 is
 * exactly the identity, and on an odd-sized image the centre pixel is kept exactly by any factor.
 */
public final class ScaleTransform implements Transform<NoConfig> {
  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public ImageOp prepare(NoConfig config, double factor, int width, int height) {
    if (!(factor > 0)) throw new IllegalArgumentException("scale factor must be positive, got " + factor);
    if (Double.isInfinite(factor)) throw new IllegalArgumentException("scale factor must be finite, got " + factor);
    return new Table(factor, width, height);
  }

  /** Snaps values within 1e-12 of an integer, so factor 1 samples exactly on the pixel grid. */
  static double snap(double v) {
    double r = Math.rint(v);
    return Math.abs(v - r) < 1e-12 ? r : v;
  }

  private static final class Table implements ImageOp {
    private final int pixels;
    private final int[] index;
    private final float[] weight;

    Table(double factor, int w, int h) {
      double cx = (w - 1) / 2.0;
      double cy = (h - 1) / 2.0;
      pixels = w * h;
      index = new int[4 * pixels];
      weight = new float[4 * pixels];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double xs = snap(cx + (x - cx) / factor);
          double ys = snap(cy + (y - cy) / factor);
          int x0 = (int) Math.floor(xs);
          int y0 = (int) Math.floor(ys);
          double fx = xs - x0;
          double fy = ys - y0;
          int k = 4 * (y * w + x);
          put(k, x0, y0, (1 - fx) * (1 - fy), w, h);
          put(k + 1, x0 + 1, y0, fx * (1 - fy), w, h);
          put(k + 2, x0, y0 + 1, (1 - fx) * fy, w, h);
          put(k + 3, x0 + 1, y0 + 1, fx * fy, w, h);
        }
      }
    }

    private void put(int k, int x, int y, double wgt, int w, int h) {
      boolean inside = x >= 0 && x < w && y >= 0 && y < h && wgt > 0;
      index[k] = inside ? y * w + x : 0;
      weight[k] = inside ? (float) wgt : 0f;
    }

    @Override
    public void apply(float[] src, int srcOffset, float[] dst, int dstOffset) {
      for (int p = 0, k = 0; p < pixels; p++, k += 4) {
        dst[dstOffset + p] = weight[k] * src[srcOffset + index[k]]
            + weight[k + 1] * src[srcOffset + index[k + 1]]
            + weight[k + 2] * src[srcOffset + index[k + 2]]
            + weight[k + 3] * src[srcOffset + index[k + 3]];
      }
    }
  }
}
