package org.invariance.report;

import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/** A heat map with labelled rows and columns and a colour bar: a chart kind JFreeChart has no factory for. */
final class HeatMap {
  private HeatMap() {}

  /**
   * A heat map of {@code z[row][column]} with labelled rows and columns and a colour bar from
   * {@code low} (white) to {@code high} (dark), or from blue through white to red when {@code low < 0}.
   */
  static JFreeChart of(String title, String columnAxis, List<String> columns, String rowAxis, List<String> rows, double[][] z, double low, double high) {
    int n = rows.size() * columns.size();
    double[][] xyz = new double[3][n];
    int k = 0;
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns.size(); c++) {
        xyz[0][k] = c;
        xyz[1][k] = r;
        xyz[2][k] = z[r][c];
        k++;
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries(title, xyz);
    SymbolAxis x = new SymbolAxis(columnAxis, columns.toArray(String[]::new));
    SymbolAxis y = new SymbolAxis(rowAxis, rows.toArray(String[]::new));
    x.setGridBandsVisible(false);
    y.setGridBandsVisible(false);
    y.setInverted(true);
    PaintScale scale = low < 0 ? Palette.diverging(low, high) : Palette.sequential(low, high);
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(scale);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, false);
    NumberAxis barAxis = new NumberAxis();
    barAxis.setRange(low, high);
    PaintScaleLegend bar = new PaintScaleLegend(scale, barAxis);
    bar.setPosition(RectangleEdge.RIGHT);
    bar.setMargin(4, 4, 40, 4);
    bar.setStripWidth(12);
    chart.addSubtitle(bar);
    ChartStyle.style(chart);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    return chart;
  }
}
