package org.invariance.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.invariance.data.ImageShape;
import org.invariance.plugin.ReportContext;
import org.jfree.chart.JFreeChart;

/**
 * The report's look in one place, as plugins call it: the study's colours (AER blue, AEUR green;
 * then red for a third series, as in Figure 5), a plain white plot, PNG encoding, the two chart
 * kinds JFreeChart has no factory for (a heat map with a colour bar, and a grid of small grey or
 * colour images), and how a figure beyond the study names what it shows (the probe, its transform,
 * the data and its classes).
 *
 * <p>No label is ever abbreviated: a category axis keeps every label whole on one line, and {@link
 * #png} turns the labels of a category axis or a heat map's columns upright when the widest would
 * not fit its category at the size drawn; an image grid makes room for its labels when it is drawn.
 *
 * <p>This is the API plugins and the docs name; each method hands over to the class that does the
 * job ({@link Palette}, {@link ChartStyle}, {@link Png}, {@link WholeLabels}, {@link HeatMap},
 * {@link ImageGrid}, {@link BeyondWording}), so outside plugins keep working as those change.
 */
public final class Charts {
  static {
    // charts are drawn off screen, also where no display exists (every drawing starts here)
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** The i-th series colour (blue, green, red, ...). */
  public static Color color(int i) {
    return Palette.color(i);
  }

  /** White background, light grid, series coloured in palette order, category labels never abbreviated; returns the chart. */
  public static JFreeChart style(JFreeChart chart) {
    return ChartStyle.style(chart);
  }

  /** A threshold or other number as its words state it: 0.03, 1, 10 (no padding zeros), up to 4 significant digits. */
  public static String number(double v) {
    return Html.number(v);
  }

  /** The chart as an SVG document at this size (the same drawing as {@link #png}, in vector form). */
  public static String svg(JFreeChart chart, int width, int height) {
    return Svg.of(chart, width, height);
  }

  /** Whether the chart is worth writing as SVG: not when it plots so many values (an image grid) that the file would dwarf its PNG. */
  public static boolean svgWorthIt(JFreeChart chart) {
    return Svg.worthIt(chart);
  }

  /** Writes exactly what the chart plots, one row per plotted value, as a CSV (columns: plot, series, x, y, z, low, high, stat). */
  public static void writePlottedData(Path file, JFreeChart chart) throws IOException {
    PlottedData.write(file, chart);
  }

  /** The chart as PNG bytes; labels that would not fit their category at this size are turned upright first ({@link #fitLabels}). */
  public static byte[] png(JFreeChart chart, int width, int height) {
    return Png.of(chart, width, height);
  }

  /**
   * Makes every label of a chart's category axis (or of a heat map's columns) show whole at this
   * size: draws the chart once off screen and, where the widest label is wider than its category
   * there, turns that axis's labels upright (reading upwards), each under its own category. Labels
   * that fit stay as they are, and the chart is unchanged. Returns whether it turned any.
   */
  public static boolean fitLabels(JFreeChart chart, int width, int height) {
    return WholeLabels.fit(chart, width, height);
  }

  /** The width in pixels of {@code text} in {@code font}, as a chart draws it (anti-aliased, fractional metrics). */
  public static double textWidth(String text, Font font) {
    return WholeLabels.textWidth(text, font);
  }

  /**
   * The room in pixels that labels may need beyond a short label's, on top of a panel's height (or
   * width): the widest label's length less a line's height, at JFreeChart's tick-label font (10-point
   * sans serif); nothing for short labels such as digits, which never need turning upright.
   */
  public static int labelRoom(Collection<String> labels) {
    return WholeLabels.room(labels);
  }

  /** A panel's height with room for category labels that {@link #png} may turn upright ({@link #labelRoom}). */
  public static int heightFor(int height, Collection<String> labels) {
    return WholeLabels.heightFor(height, labels);
  }

  // ---- how a figure beyond the study names what it shows ----

  /** The probe's transform by its name in the experiment ("contrast"), or "transform" when unknown. */
  public static String transformName(ReportContext.Setting s) {
    return BeyondWording.transformName(s);
  }

  /** The transform's name and, when another name, the plugin that makes it: "contrast", "tilt (plugin rotation)". */
  public static String transformWords(ReportContext.Setting s) {
    return BeyondWording.transformWords(s);
  }

  /** The data's name, or {@code unknown} when the run did not record one. */
  public static String dataName(ReportContext.Setting s, String unknown) {
    return BeyondWording.dataName(s, unknown);
  }

  /** Class {@code index} as a figure names it: "Trouser (class 1)" when the data names its classes, "class 1" otherwise. */
  public static String classWords(ReportContext.Setting s, String index) {
    return BeyondWording.classWords(s, index);
  }

  /**
   * A title beyond the study that says which probe drew it and, unless it says so already, under
   * which transform: "CKA per layer (cka-contrast, contrast)", "Accuracy per contrast amount (accuracy-contrast)".
   */
  public static String titleBeyond(ReportContext ctx, String title) {
    return BeyondWording.title(ctx, title);
  }

  /**
   * A caption beyond the study, ending with what it is about: "Probe cka-contrast; transform
   * contrast; data FashionMNIST, 10 classes: T-shirt_top, Trouser, ...". Every class is named (up
   * to {@value BeyondWording#CLASSES_LISTED}; more are counted).
   */
  public static String captionBeyond(ReportContext ctx, String caption) {
    return BeyondWording.caption(ctx, caption);
  }

  // ---- heat maps and image grids ----

  /**
   * A heat map of {@code z[row][column]} with labelled rows and columns and a colour bar from
   * {@code low} (white) to {@code high} (dark), or from blue through white to red when {@code low < 0}.
   */
  public static JFreeChart heatMap(String title, String columnAxis, List<String> columns, String rowAxis, List<String> rows,
      double[][] z, double low, double high) {
    return HeatMap.of(title, columnAxis, columns, rowAxis, rows, z, low, high);
  }

  /**
   * Small grey images in a grid: {@code images[row][column]} holds {@code side*side} row-major
   * pixels in [0, 1] (null leaves the cell blank); {@link #imageGrid(String, List, List, float[][][], ImageShape)}
   * with a square grey shape.
   */
  public static JFreeChart imageGrid(String title, List<String> rowLabels, List<String> columnLabels, float[][][] images, int side) {
    return imageGrid(title, rowLabels, columnLabels, images, ImageShape.grey(side, side));
  }

  /**
   * Small images in a grid: {@code images[row][column]} holds one image of {@code shape} (values in
   * [0, 1], channel by channel, each channel a row-major plane; null leaves the cell blank). One
   * channel is drawn white on black, as MNIST digits look; three as red, green and blue; any other
   * number as the grey of their mean. Row labels stand on the left, column labels on top, each
   * whole: where a column label is wider than its image the column labels are turned upright, and
   * the grid makes room for the labels when it is drawn. One data unit is one pixel; colour and
   * oblong images keep square pixels (square grey ones fill the panel as they always have).
   */
  public static JFreeChart imageGrid(String title, List<String> rowLabels, List<String> columnLabels, float[][][] images, ImageShape shape) {
    return ImageGrid.of(title, rowLabels, columnLabels, images, shape);
  }
}
