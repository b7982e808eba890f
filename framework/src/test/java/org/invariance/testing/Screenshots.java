package org.invariance.testing;

import java.awt.image.BufferedImage;

/** What a screenshot shows, measured: a blank or failed page is nearly all one colour. */
public final class Screenshots {
  private Screenshots() {}

  /** The share of pixels that are not near-white (text, rules, figures). */
  public static double inkShare(BufferedImage image) {
    long ink = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (r + g + b < 3 * 235) ink++;
      }
    }
    return ink / (double) ((long) image.getWidth() * image.getHeight());
  }
}
