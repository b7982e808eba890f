package org.invariance.data;

/**
 * Geometric transforms as bilinear resampling: a helper for transform plugins. A plugin gives, for
 * each output pixel, the source position it samples (the inverse of its geometric map); the
 * framework turns that into an {@link ImageOp} whose four neighbours and weights per output pixel
 * are computed once, so transforming an image is four multiply-adds per pixel. Pixels whose
 * source lies outside the image are 0. Source positions within 1e-12 of an integer are snapped to
 * it, so an identity or an integer shift samples exactly on the pixel grid.
 */
public final class Resampling {
  private Resampling() {}

  /** The source position (x, y in pixels, row 0 on top) an output pixel samples. */
  public interface InverseMap {
    /** Writes the source position of output pixel (x, y) into {@code out[0]} (x) and {@code out[1]} (y). */
    void source(int x, int y, double[] out);
  }

  /** The bilinear resampling of {@code width} x {@code height} images under {@code map}. */
  public static ImageOp bilinear(int width, int height, InverseMap map) {
    return new Table(width, height, map);
  }

  /** {@code v}, or the integer within 1e-12 of it. */
  public static double snap(double v) {
    double r = Math.rint(v);
    return Math.abs(v - r) < 1e-12 ? r : v;
  }

  private static final class Table implements ImageOp {
    private final int pixels;
    private final int[] index;
    private final float[] weight;

    Table(int w, int h, InverseMap map) {
      pixels = w * h;
      index = new int[4 * pixels];
      weight = new float[4 * pixels];
      double[] s = new double[2];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          map.source(x, y, s);
          double xs = snap(s[0]);
          double ys = snap(s[1]);
          double x0d = Math.floor(xs);
          double y0d = Math.floor(ys);
          // far outside (a shift of many widths) would overflow an int: every tap is outside anyway
          int x0 = (int) Math.max(-2, Math.min(w, x0d));
          int y0 = (int) Math.max(-2, Math.min(h, y0d));
          double fx = xs - x0d;
          double fy = ys - y0d;
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
