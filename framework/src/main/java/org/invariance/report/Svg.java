package org.invariance.report;

import java.awt.Rectangle;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** A chart as an SVG document (JFreeSVG), the same drawing as its PNG in vector form, for papers. */
final class Svg {
  private Svg() {}

  /** Above this many plotted values (an image grid, a heat map of every pixel) a vector file is megabytes of squares: the PNG serves. */
  static final int MAX_VALUES = 20_000;

  /** Whether the chart is worth drawing as vectors: not a raster of more than {@link #MAX_VALUES} cells. */
  static boolean worthIt(JFreeChart chart) {
    return PlottedData.rows(chart).size() <= MAX_VALUES;
  }

  /** The chart as SVG text at this size, its labels fitted first as for the PNG ({@link WholeLabels#fit}). */
  static String of(JFreeChart chart, int width, int height) {
    WholeLabels.fit(chart, width, height);
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    // ids from a fixed prefix, not the clock: the same run writes the same bytes
    g.setDefsKeyPrefix("invariance");
    chart.draw(g, new Rectangle(width, height));
    g.dispose();
    // the element alone under an XML declaration: no DOCTYPE pointing at a DTD on the web for readers to fetch
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g.getSVGElement() + "\n";
  }
}
