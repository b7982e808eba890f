package org.invariance.plugins.translation;

import org.invariance.data.ImageOp;
import org.invariance.plugin.Transform;

/**
 * A shift by the amount in pixels along the configured axis ({@link TranslationConfig#axis()}):
 * output (x, y) is the source at (x - dx, y - dy), with bilinear interpolation for fractional
 * shifts; the image keeps its size and pixels whose source lies outside the image are 0.
 *
 * <p>An integer shift moves pixels exactly (no interpolation), a zero shift is the identity. As for
 * rotation, the neighbours and weights of every output pixel are computed once per amount.
 */
public final class TranslationTransform implements Transform<TranslationConfig> {
  @Override
  public Class<TranslationConfig> configType() {
    return TranslationConfig.class;
  }

  @Override
  public ImageOp prepare(TranslationConfig config, double pixels, int width, int height) {
    if (!Double.isFinite(pixels)) throw new IllegalArgumentException("shift must be a finite number of pixels, got " + pixels);
    TranslationConfig.Axis axis = config == null ? TranslationConfig.Axis.X : config.axis();
    double dx = axis == TranslationConfig.Axis.Y ? 0 : pixels;
    double dy = axis == TranslationConfig.Axis.X ? 0 : pixels;
    return new Table(dx, dy, width, height);
  }

  /** Snaps values within 1e-12 of an integer, so integer shifts sample exactly on the pixel grid. */
  static double snap(double v) {
    double r = Math.rint(v);
    return Math.abs(v - r) < 1e-12 ? r : v;
  }

  private static final class Table implements ImageOp {
    private final int pixels;
    private final int[] index;
    private final float[] weight;

    Table(double dx, double dy, int w, int h) {
      pixels = w * h;
      index = new int[4 * pixels];
      weight = new float[4 * pixels];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double xs = snap(x - dx);
          double ys = snap(y - dy);
          // a shift of many image widths would overflow an int: every tap is outside anyway
          double x0d = Math.floor(xs);
          double y0d = Math.floor(ys);
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
