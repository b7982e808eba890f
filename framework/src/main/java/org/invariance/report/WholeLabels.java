package org.invariance.report;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Collection;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.RectangleEdge;

/**
 * No label is ever abbreviated: this measures labels, turns a category axis's (or a heat map's
 * columns') upright where the widest would not fit its category at the size drawn, and sizes panels
 * with room for them. Kept apart so every chart kind fits its labels the same way.
 */
final class WholeLabels {
  /** A category label may be this many categories wide: in effect no limit, so JFreeChart never wraps or abbreviates one. */
  static final float WHOLE_LABELS = 1000f;

  private WholeLabels() {}

  /**
   * Makes every label of a chart's category axis (or of a heat map's columns) show whole at this
   * size: draws the chart once off screen and, where the widest label is wider than its category
   * there, turns that axis's labels upright (reading upwards), each under its own category. Labels
   * that fit stay as they are, and the chart is unchanged. Returns whether it turned any.
   */
  static boolean fit(JFreeChart chart, int width, int height) {
    Plot plot = chart.getPlot();
    CategoryAxis categories = null;
    RectangleEdge edge = null;
    if (plot instanceof CategoryPlot cp && cp.getDomainAxis() != null && cp.getDomainAxis().isVisible() && cp.getDomainAxis().isTickLabelsVisible()) {
      edge = Plot.resolveDomainAxisLocation(cp.getDomainAxisLocation(), cp.getOrientation());
      if (RectangleEdge.isTopOrBottom(edge) && cp.getDomainAxis().getCategoryLabelPositions().getLabelPosition(edge).getAngle() == 0) {
        categories = cp.getDomainAxis();
      }
    }
    SymbolAxis symbols = null;
    if (plot instanceof XYPlot xy && xy.getOrientation() == PlotOrientation.VERTICAL && xy.getDomainAxis() instanceof SymbolAxis s
        && s.isVisible() && s.isTickLabelsVisible() && !s.isVerticalTickLabels()) {
      symbols = s;
    }
    if (categories == null && symbols == null) return false;
    ChartRenderingInfo info = new ChartRenderingInfo();
    BufferedImage scratch = new BufferedImage(Math.max(1, width), Math.max(1, height), BufferedImage.TYPE_INT_ARGB);
    Graphics2D g2 = scratch.createGraphics();
    try {
      chart.draw(g2, new Rectangle2D.Double(0, 0, width, height), null, info);
      Rectangle2D data = info.getPlotInfo().getDataArea();
      if (categories != null) {
        CategoryPlot cp = (CategoryPlot) plot;
        List<?> keys = cp.getCategoriesForAxis(categories);
        if (keys.isEmpty()) return false;
        double room = categories.getCategoryEnd(0, keys.size(), data, edge) - categories.getCategoryStart(0, keys.size(), data, edge);
        double widest = 0;
        for (Object k : keys) widest = Math.max(widest, textWidth(g2, k.toString(), categories.getTickLabelFont((Comparable<?>) k)));
        if (widest <= 0.95 * room) return false;
        categories.setMaximumCategoryLabelWidthRatio(WHOLE_LABELS);
        categories.setCategoryLabelPositions(CategoryLabelPositions.UP_90);
        return true;
      }
      XYPlot xy = (XYPlot) plot;
      RectangleEdge xEdge = xy.getDomainAxisEdge();
      double room = Math.abs(symbols.valueToJava2D(1, data, xEdge) - symbols.valueToJava2D(0, data, xEdge));
      double widest = 0;
      for (String s : symbols.getSymbols()) widest = Math.max(widest, textWidth(g2, s, symbols.getTickLabelFont()));
      if (widest <= 0.95 * room) return false;
      symbols.setVerticalTickLabels(true);
      return true;
    } finally {
      g2.dispose();
    }
  }

  private static double textWidth(Graphics2D g2, String text, Font font) {
    FontMetrics fm = g2.getFontMetrics(font);
    return TextUtils.getTextBounds(text, g2, fm).getWidth();
  }

  /** The width in pixels of {@code text} in {@code font}, as a chart draws it (anti-aliased, fractional metrics). */
  static double textWidth(String text, Font font) {
    return font.getStringBounds(text, new FontRenderContext(null, true, true)).getWidth();
  }

  /**
   * The room in pixels that labels may need beyond a short label's, on top of a panel's height (or
   * width): the widest label's length less a line's height, at JFreeChart's tick-label font (10-point
   * sans serif); nothing for short labels such as digits, which never need turning upright.
   */
  static int room(Collection<String> labels) {
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    double widest = 0;
    for (String l : labels) widest = Math.max(widest, textWidth(l, font));
    return widest <= 30 ? 0 : (int) Math.ceil(widest - 12);
  }

  /** A panel's height with room for category labels that {@link #fit} may turn upright ({@link #room}). */
  static int heightFor(int height, Collection<String> labels) {
    return height + room(labels);
  }
}
