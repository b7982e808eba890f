package org.invariance.report;

import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import org.invariance.data.ImageShape;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.GrayPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * Small images in a labelled grid, grey or colour: a chart kind JFreeChart has no factory for. This
 * lays the pixels and labels out; {@link ImageGridPlot} gives the labels their room when drawn.
 */
final class ImageGrid {
  private ImageGrid() {}

  /**
   * Small images in a grid: {@code images[row][column]} holds one image of {@code shape} (values in
   * [0, 1], channel by channel, each channel a row-major plane; null leaves the cell blank). One
   * channel is drawn white on black, as MNIST digits look; three as red, green and blue; any other
   * number as the grey of their mean. Row labels stand on the left, column labels on top, each
   * whole: where a column label is wider than its image the column labels are turned upright, and
   * the grid makes room for the labels when it is drawn. One data unit is one pixel; colour and
   * oblong images keep square pixels (square grey ones fill the panel as they always have).
   */
  static JFreeChart of(String title, List<String> rowLabels, List<String> columnLabels, float[][][] images, ImageShape shape) {
    int gap = 2;
    int w = shape.width();
    int h = shape.height();
    int plane = shape.plane();
    boolean colour = shape.channels() == 3;
    int cellW = w + gap;
    int cellH = h + gap;
    int n = 0;
    for (float[][] row : images) for (float[] im : row) if (im != null) n += plane;
    double[][] xyz = new double[3][n];
    int k = 0;
    for (int r = 0; r < images.length; r++) {
      for (int c = 0; c < images[r].length; c++) {
        float[] im = images[r][c];
        if (im == null) continue;
        for (int i = 0; i < h; i++) {
          for (int j = 0; j < w; j++) {
            xyz[0][k] = c * cellW + j;
            xyz[1][k] = r * cellH + i;
            xyz[2][k] = value(im, shape, i * w + j, colour);
            k++;
          }
        }
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries(title, xyz);
    int labelWidth = 4 * Math.max(w, h); // room for the row labels, in pixel units (made wider when drawn if they need it)
    NumberAxis x = new NumberAxis();
    NumberAxis y = new NumberAxis();
    x.setRange(-labelWidth, columnLabels.size() * cellW - gap);
    y.setRange(-h / 2.0 - 2, rowLabels.size() * cellH - gap);
    x.setVisible(false);
    y.setVisible(false);
    y.setInverted(true);
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(colour ? new RgbPaintScale() : new GrayPaintScale(0, 1));
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    List<XYTextAnnotation> rows = new ArrayList<>();
    for (int r = 0; r < rowLabels.size(); r++) {
      XYTextAnnotation a = new XYTextAnnotation(rowLabels.get(r), -3, r * cellH + h / 2.0);
      a.setTextAnchor(TextAnchor.CENTER_RIGHT);
      a.setFont(font);
      renderer.addAnnotation(a);
      rows.add(a);
    }
    List<XYTextAnnotation> columns = new ArrayList<>();
    for (int c = 0; c < columnLabels.size(); c++) {
      XYTextAnnotation a = new XYTextAnnotation(columnLabels.get(c), c * cellW + w / 2.0, -2);
      a.setTextAnchor(TextAnchor.BOTTOM_CENTER);
      a.setFont(font);
      renderer.addAnnotation(a);
      columns.add(a);
    }
    ImageGridPlot plot = new ImageGridPlot(data, x, y, renderer, font, rowLabels, columnLabels, rows, columns, w, shape.channels() == 1 && w == h);
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, false);
    ChartStyle.style(chart);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setOutlineVisible(false);
    // colour and oblong images: blocks edge to edge without anti-aliased seams between them (text stays smoothed);
    // square grey ones are drawn as they always were
    if (!plot.square()) chart.setAntiAlias(false);
    return chart;
  }

  /** Pixel {@code p} of an image as the grid's z: the grey value, or red, green and blue packed as 0xRRGGBB. */
  private static double value(float[] im, ImageShape shape, int p, boolean colour) {
    int plane = shape.plane();
    if (shape.channels() == 1) return im[p];
    if (colour) return (channel(im[p]) << 16) | (channel(im[plane + p]) << 8) | channel(im[2 * plane + p]);
    double sum = 0;
    for (int ch = 0; ch < shape.channels(); ch++) sum += im[ch * plane + p];
    return sum / shape.channels();
  }

  /** A value in [0, 1] as 0..255 (NaN as 0). */
  private static int channel(float v) {
    if (!(v > 0)) return 0;
    return v >= 1 ? 255 : Math.round(v * 255);
  }
}
