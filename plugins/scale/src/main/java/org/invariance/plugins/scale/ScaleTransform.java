package org.invariance.plugins.scale;

import java.util.OptionalDouble;
import org.invariance.data.ImageOp;
import org.invariance.data.Resampling;
import org.invariance.plugin.NoConfig;
import org.invariance.plugin.Transform;

/**
 * Zoom about the image centre by a factor (the amount, &gt; 0): 2 draws the image twice as large
 * (its outer part leaves the frame), 0.5 half as large (the border is 0). Bilinear interpolation;
 * the image keeps its size and pixels whose source lies outside the image are 0.
 *
 * <p>Output pixel (x, y) samples the source at (cx + (x - cx) / s, cy + (y - cy) / s), with
 * cx = (w - 1) / 2 and cy = (h - 1) / 2. The four neighbours and weights of every output pixel are
 * computed once per factor ({@link Resampling}), so scaling a dataset is four multiply-adds per pixel. Factor 1 is
 * exactly the identity, and on an odd-sized image the centre pixel is kept exactly by any factor.
 */
public final class ScaleTransform implements Transform<NoConfig> {
  @Override
  public Class<NoConfig> configType() {
    return NoConfig.class;
  }

  /** A zoom by the factor 1. */
  @Override
  public OptionalDouble identity(NoConfig config) {
    return OptionalDouble.of(1);
  }

  @Override
  public ImageOp prepare(NoConfig config, double factor, int width, int height) {
    if (!(factor > 0)) throw new IllegalArgumentException("scale factor must be positive, got " + factor);
    if (Double.isInfinite(factor)) throw new IllegalArgumentException("scale factor must be finite, got " + factor);
    double cx = (width - 1) / 2.0;
    double cy = (height - 1) / 2.0;
    return Resampling.bilinear(width, height, (x, y, src) -> {
      src[0] = cx + (x - cx) / factor;
      src[1] = cy + (y - cy) / factor;
    });
  }
}
