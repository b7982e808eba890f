package org.invariance.plugins.translation;

import java.util.OptionalDouble;
import org.invariance.data.ImageOp;
import org.invariance.data.Resampling;
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

  /** A shift by 0 pixels. */
  @Override
  public OptionalDouble identity(TranslationConfig config) {
    return OptionalDouble.of(0);
  }

  @Override
  public ImageOp prepare(TranslationConfig config, double pixels, int width, int height) {
    if (!Double.isFinite(pixels)) throw new IllegalArgumentException("shift must be a finite number of pixels, got " + pixels);
    TranslationConfig.Axis axis = config == null ? TranslationConfig.Axis.X : config.axis();
    double dx = axis == TranslationConfig.Axis.Y ? 0 : pixels;
    double dy = axis == TranslationConfig.Axis.X ? 0 : pixels;
    return Resampling.bilinear(width, height, (x, y, src) -> {
      src[0] = x - dx;
      src[1] = y - dy;
    });
  }
}
