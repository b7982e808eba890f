package org.invariance.report;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;
import org.jfree.chart.renderer.PaintScale;

/** Decodes a z of 0xRRGGBB into its colour: how an {@link ImageGrid} draws colour images through a block renderer. */
final class RgbPaintScale implements PaintScale, Serializable {
  @Override
  public double getLowerBound() {
    return 0;
  }

  @Override
  public double getUpperBound() {
    return 0xFFFFFF;
  }

  @Override
  public Paint getPaint(double value) {
    if (!(value > 0)) return Color.BLACK;
    return new Color((int) Math.min(0xFFFFFF, value));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RgbPaintScale;
  }

  @Override
  public int hashCode() {
    return 0x5CA1E;
  }
}
