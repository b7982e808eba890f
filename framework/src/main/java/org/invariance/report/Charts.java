package org.invariance.report;

import org.invariance.results.Figure;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.GrayPaintScale;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The report's look in one place: the study's colours (AER blue, AEUR green; then red for a third
 * series, as in Figure 5), a plain white plot, PNG encoding, and the two chart kinds JFreeChart has
 * no factory for (a heat map with a colour bar, and a grid of small grey images).
 */
public final class Charts {
  static {
    // charts are drawn off screen, also where no display exists
    System.setProperty("java.awt.headless", "true");
  }

  private static final Color[] PALETTE = {
    new Color(31, 119, 180), new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189),
    new Color(255, 127, 14), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
    new Color(188, 189, 34), new Color(23, 190, 207)
  };

  private Charts() {}

  /** The i-th series colour (blue, green, red, ...). */
  public static Color color(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /** White background, light grid, series coloured in palette order; returns the chart. */
  public static JFreeChart style(JFreeChart chart) {
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
          if (r.getSeriesPaint(s) == null) r.setSeriesPaint(s, color(s));
          if (r.getSeriesStroke(s) == null) r.setSeriesStroke(s, new BasicStroke(2f));
        }
      }
    } else if (plot instanceof CategoryPlot cat) {
      cat.setRangeGridlinePaint(new Color(220, 220, 220));
      CategoryItemRenderer r = cat.getRenderer();
      int series = cat.getDataset() == null ? 0 : cat.getDataset().getRowCount();
      for (int s = 0; s < series; s++) if (r.getSeriesPaint(s) == null) r.setSeriesPaint(s, color(s));
    }
    return chart;
  }

  /** The chart as PNG bytes. */
  public static byte[] png(JFreeChart chart, int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A heat map of {@code z[row][column]} with labelled rows and columns and a colour bar from
   * {@code low} (white) to {@code high} (dark), or from blue through white to red when {@code low < 0}.
   */
  public static JFreeChart heatMap(String title, String columnAxis, List<String> columns, String rowAxis, List<String> rows,
      double[][] z, double low, double high) {
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
    PaintScale scale = low < 0 ? diverging(low, high) : sequential(low, high);
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
    style(chart);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    return chart;
  }

  /**
   * Small grey images in a grid: {@code images[row][column]} holds {@code side*side} row-major
   * pixels in [0, 1] (null leaves the cell blank), drawn white on black as MNIST digits look, with
   * row labels on the left and column labels on top. One data unit is one pixel.
   */
  public static JFreeChart imageGrid(String title, List<String> rowLabels, List<String> columnLabels, float[][][] images, int side) {
    int gap = 2;
    int cell = side + gap;
    int n = 0;
    for (float[][] row : images) for (float[] im : row) if (im != null) n += side * side;
    double[][] xyz = new double[3][n];
    int k = 0;
    for (int r = 0; r < images.length; r++) {
      for (int c = 0; c < images[r].length; c++) {
        float[] im = images[r][c];
        if (im == null) continue;
        for (int i = 0; i < side; i++) {
          for (int j = 0; j < side; j++) {
            xyz[0][k] = c * cell + j;
            xyz[1][k] = r * cell + i;
            xyz[2][k] = im[i * side + j];
            k++;
          }
        }
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries(title, xyz);
    int labelWidth = 4 * side; // room for the row labels, in pixel units
    NumberAxis x = new NumberAxis();
    NumberAxis y = new NumberAxis();
    x.setRange(-labelWidth, columnLabels.size() * cell - gap);
    y.setRange(-side / 2.0 - 2, rowLabels.size() * cell - gap);
    x.setVisible(false);
    y.setVisible(false);
    y.setInverted(true);
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(new GrayPaintScale(0, 1));
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    for (int r = 0; r < rowLabels.size(); r++) {
      XYTextAnnotation a = new XYTextAnnotation(rowLabels.get(r), -3, r * cell + side / 2.0);
      a.setTextAnchor(TextAnchor.CENTER_RIGHT);
      a.setFont(font);
      renderer.addAnnotation(a);
    }
    for (int c = 0; c < columnLabels.size(); c++) {
      XYTextAnnotation a = new XYTextAnnotation(columnLabels.get(c), c * cell + side / 2.0, -2);
      a.setTextAnchor(TextAnchor.BOTTOM_CENTER);
      a.setFont(font);
      renderer.addAnnotation(a);
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, false);
    style(chart);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setOutlineVisible(false);
    return chart;
  }

  private static PaintScale sequential(double low, double high) {
    LookupPaintScale s = new LookupPaintScale(low, high + 1e-12, Color.WHITE);
    int steps = 64;
    for (int i = 0; i < steps; i++) {
      double t = i / (double) (steps - 1);
      s.add(low + t * (high - low), mix(new Color(247, 251, 255), new Color(8, 48, 107), t));
    }
    return s;
  }

  private static PaintScale diverging(double low, double high) {
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
