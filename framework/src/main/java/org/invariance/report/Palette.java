package org.invariance.report;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.PaintScale;

/**
 * The report's colours in one place, so every chart agrees: the series palette (the study's AER
 * blue and AEUR green first, then red for a third series, as in Figure 5) and the heat maps' colour
 * scales (white to dark blue; blue through white to red across zero).
 */
final class Palette {
  private static final Color[] SERIES = {
    new Color(31, 119, 180), new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189),
    new Color(255, 127, 14), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
    new Color(188, 189, 34), new Color(23, 190, 207)
  };

  private Palette() {}

  /** The i-th series colour (blue, green, red, ...), the palette repeating. */
  static Color color(int i) {
    return SERIES[Math.floorMod(i, SERIES.length)];
  }

  /** From white at {@code low} to dark blue at {@code high}. */
  static PaintScale sequential(double low, double high) {
    LookupPaintScale s = new LookupPaintScale(low, high + 1e-12, Color.WHITE);
    int steps = 64;
    for (int i = 0; i < steps; i++) {
      double t = i / (double) (steps - 1);
      s.add(low + t * (high - low), mix(new Color(247, 251, 255), new Color(8, 48, 107), t));
    }
    return s;
  }

  /** Blue at {@code low} (below zero), white at zero, red at {@code high}. */
  static PaintScale diverging(double low, double high) {
    LookupPaintScale s = new LookupPaintScale(low, high + 1e-12, Color.WHITE);
    int steps = 64;
    for (int i = 0; i < steps; i++) {
      double v = low + i * (high - low) / (steps - 1);
      Paint p = v < 0 ? mix(Color.WHITE, new Color(33, 102, 172), v / low) : mix(Color.WHITE, new Color(178, 24, 43), high == 0 ? 0 : v / high);
      s.add(v, p);
    }
    return s;
  }

  private static Color mix(Color a, Color b, double t) {
    t = Math.max(0, Math.min(1, t));
    return new Color((int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
  }
}
