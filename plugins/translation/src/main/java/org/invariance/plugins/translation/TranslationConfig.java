package org.invariance.plugins.translation;

import java.util.Locale;

/**
 * The {@code translation} transform's config.
 *
 * @param axis the direction of the shift: {@code x} (default; a positive amount moves the image
 *     right), {@code y} (a positive amount moves it down, row 0 being on top) or {@code xy} (both by
 *     the amount: a diagonal shift, down and to the right for a positive amount)
 */
public record TranslationConfig(Axis axis) {

  /** The direction of the shift; YAML writes it in lower case. */
  public enum Axis { X, Y, XY;
    @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
  }

  public TranslationConfig {
    if (axis == null) axis = Axis.X;
  }
}
