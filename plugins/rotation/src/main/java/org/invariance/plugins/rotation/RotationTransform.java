package org.invariance.plugins.rotation;

import org.invariance.data.ImageOp;
import org.invariance.plugin.NoConfig;
import org.invariance.plugin.Transform;

/**
 * Rotation about the image centre by an angle in degrees, positive = counter-clockwise as the image
 * is displayed (row 0 on top), with bilinear interpolation; the image keeps its size and pixels
 * whose source lies outside the image are 0.
 *
 * <p>Each output pixel is sampled from the source at the inverse rotation of its position. The four
 * neighbours and weights of every output pixel are computed once per angle, so rotating a dataset
 * is four multiply-adds per pixel.
 */
public final class RotationTransform implements Transform<NoConfig> {
  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  @Override
  public ImageOp prepare(NoConfig config, double degrees, int width, int height) {
    return new Table(degrees, width, height);
  }

  /** Snaps values within 1e-12 of an integer, so 90 degrees is an exact pixel permutation. */
  static double snap(double v) {
    double r = Math.rint(v);
    return Math.abs(v - r) < 1e-12 ? r : v;
  }

  private static final class Table implements ImageOp {
    private final int pixels;
    private final int[] index;
    private final float[] weight;

    Table(double degrees, int w, int h) {
      double rad = Math.toRadians(degrees);
      double cos = snap(Math.cos(rad));
      double sin = snap(Math.sin(rad));
      double cx = (w - 1) / 2.0;
      double cy = (h - 1) / 2.0;
      pixels = w * h;
      index = new int[4 * pixels];
      weight = new float[4 * pixels];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          // to mathematical coordinates (y up), rotate back by -theta, and return to pixel coordinates
          double u = x - cx;
          double v = cy - y;
          double xs = snap(cx + u * cos + v * sin);
          double ys = snap(cy - (-u * sin + v * cos));
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
