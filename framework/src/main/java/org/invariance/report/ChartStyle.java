package org.invariance.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;

/**
 * The house look applied to any JFreeChart, so a plugin's charts and the framework's own look
 * alike: white plot, light grid, series in {@link Palette} order, category labels never cut short.
 */
final class ChartStyle {
  private ChartStyle() {}

  /** Styles {@code chart} in place and returns it. */
  static JFreeChart style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    if (chart.getTitle() != null) chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    Plot plot = chart.getPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlinePaint(Color.GRAY);
    if (plot instanceof XYPlot xy) {
      xy.setDomainGridlinePaint(new Color(220, 220, 220));
      xy.setRangeGridlinePaint(new Color(220, 220, 220));
      for (int d = 0; d < xy.getRendererCount(); d++) {
        XYItemRenderer r = xy.getRenderer(d);
        if (r == null || r instanceof XYBlockRenderer) continue;
        int series = xy.getDataset(d) == null ? 0 : xy.getDataset(d).getSeriesCount();
        for (int s = 0; s < series; s++) {
          if (r.getSeriesPaint(s) == null) r.setSeriesPaint(s, Palette.color(s));
          if (r.getSeriesStroke(s) == null) r.setSeriesStroke(s, new BasicStroke(2f));
        }
      }
    } else if (plot instanceof CategoryPlot cat) {
      cat.setRangeGridlinePaint(new Color(220, 220, 220));
      CategoryItemRenderer r = cat.getRenderer();
      int series = cat.getDataset() == null ? 0 : cat.getDataset().getRowCount();
      for (int s = 0; s < series; s++) if (r.getSeriesPaint(s) == null) r.setSeriesPaint(s, Palette.color(s));
      for (int a = 0; a < cat.getDomainAxisCount(); a++) {
        // a label as wide as it needs, on one line: never wrapped, never cut to "..." (png turns long ones upright)
        if (cat.getDomainAxis(a) != null) cat.getDomainAxis(a).setMaximumCategoryLabelWidthRatio(WholeLabels.WHOLE_LABELS);
      }
    }
    return chart;
  }
}
