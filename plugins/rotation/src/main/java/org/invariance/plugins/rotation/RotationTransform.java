package org.invariance.plugins.rotation;

import java.util.OptionalDouble;
import org.invariance.data.ImageOp;
import org.invariance.data.Resampling;
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

  /** A rotation by 0 degrees. */
  @Override
  public OptionalDouble identity(NoConfig config) {
    return OptionalDouble.of(0);
  }

  @Override
  public ImageOp prepare(NoConfig config, double degrees, int width, int height) {
    double rad = Math.toRadians(degrees);
    double cos = Resampling.snap(Math.cos(rad));
    double sin = Resampling.snap(Math.sin(rad));
    double cx = (width - 1) / 2.0;
    double cy = (height - 1) / 2.0;
    // to mathematical coordinates (y up), rotate back by -theta, and return to pixel coordinates
    return Resampling.bilinear(width, height, (x, y, src) -> {
      double u = x - cx;
      double v = cy - y;
      src[0] = cx + u * cos + v * sin;
      src[1] = cy - (-u * sin + v * cos);
    });
  }
}
