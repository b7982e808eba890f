package org.invariance.report;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.jfree.data.xy.XYZDataset;
import org.invariance.results.Figure;

/**
 * Panels set side by side that show one quantity (the same y-axis label, such as one panel per
 * model) are read against each other: they get one y-range, the union of theirs, so a reader never
 * compares 0-14 with 1-15. Heat maps and image grids keep theirs (their y is rows, not a value).
 */
final class SharedAxes {
  private SharedAxes() {}

  /** Gives the figure's panels one y-range where they show one quantity; otherwise leaves them. */
  static void apply(Figure figure) {
    List<Figure.Panel> panels = figure.panels();
    if (panels.size() < 2) return;
    String label = null;
    Range union = null;
    for (Figure.Panel p : panels) {
      ValueAxis axis = rangeAxis(p.chart());
      if (axis == null || axis.getLabel() == null) return;
      if (label == null) label = axis.getLabel();
      else if (!label.equals(axis.getLabel())) return;
      Range r = axis.getRange();
      union = union == null ? r : Range.combine(union, r);
    }
    for (Figure.Panel p : panels) rangeAxis(p.chart()).setRange(union);
  }

  /** The one value axis of a plain XY or category plot; null for anything else (combined plots, heat maps, grids). */
  private static ValueAxis rangeAxis(JFreeChart chart) {
    Plot plot = chart.getPlot();
    if (plot instanceof XYPlot xy && xy.getRangeAxisCount() == 1 && xy.getDatasetCount() >= 1 && !(xy.getDataset() instanceof XYZDataset)
        && !(plot instanceof ImageGridPlot)) {
      return xy.getRangeAxis();
    }
    if (plot instanceof CategoryPlot cat && cat.getRangeAxisCount() == 1) return cat.getRangeAxis();
    return null;
  }
}
