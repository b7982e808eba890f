package org.invariance.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/** A chart as PNG bytes, its labels fitted first: the one way the report (and papers) get images. */
final class Png {
  private Png() {}

  /** The chart as PNG bytes at this size; labels that would not fit their category are turned upright first ({@link WholeLabels#fit}). */
  static byte[] of(JFreeChart chart, int width, int height) {
    WholeLabels.fit(chart, width, height);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
