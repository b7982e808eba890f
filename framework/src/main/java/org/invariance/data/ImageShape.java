package org.invariance.data;

import org.invariance.config.InvalidConfig;

/**
 * The shape of one image: channels x height x width, its values stored channel by channel (each
 * channel a row-major plane), as PyTorch's NCHW lays out one image. Grey-scale images have one
 * channel; colour images three (red, green, blue).
 */
public record ImageShape(int channels, int height, int width) {
  public ImageShape {
    if (channels < 1 || height < 1 || width < 1) throw new IllegalArgumentException("an image has at least one channel, row and column, got " + channels + "x" + height + "x" + width);
    if ((long) channels * height * width > Integer.MAX_VALUE / 4) throw new IllegalArgumentException("an image of " + channels + "x" + height + "x" + width + " values is too large");
  }

  /** A grey-scale image of {@code width} x {@code height} pixels. */
  public static ImageShape grey(int width, int height) {
    return new ImageShape(1, height, width);
  }

  /** Values per image: channels x height x width. */
  public int size() {
    return channels * height * width;
  }

  /** Pixels per channel: height x width. */
  public int plane() {
    return height * width;
  }

  /**
   * Reads "28x28" (width x height, grey) or "3x32x32" (channels x height x width), as provenance
   * writes them; an {@link InvalidConfig} naming {@code field} otherwise.
   */
  public static ImageShape parse(String text, String field) {
    String[] p = text == null ? new String[0] : text.trim().split("\\s*x\\s*");
    try {
      if (p.length == 2) return grey(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
      if (p.length == 3) return new ImageShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    } catch (IllegalArgumentException e) {
      // said below
    }
    throw new InvalidConfig(field, "expected an image shape such as 28x28 (width x height) or 3x32x32 (channels x height x width), got '" + text + "'");
  }

  /** "1x28x28": channels x height x width. */
  @Override
  public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
