package org.invariance.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.invariance.data.ImageShape;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.CategoryTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.GrayPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.text.TextBlock;
import org.jfree.chart.text.TextLine;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.junit.jupiter.api.Test;

/** The house style's charts: whole labels at any length, image grids in grey (as before) and in colour, and the words beyond the study. */
class ChartsTest {
  static final List<String> FASHION = List.of("T-shirt_top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
  static final String FORTY = "a-very-long-class-name-of-forty-characters";

  /** Where a test may leave a rendered PNG to look at (target/charts-test), or null outside Maven. */
  private static Path keep(String name, byte[] png) throws Exception {
    Path dir = Path.of("target", "charts-test");
    if (!Files.isDirectory(Path.of("target"))) return null;
    Files.createDirectories(dir);
    return Files.write(dir.resolve(name), png);
  }

  private static BufferedImage read(byte[] png) throws Exception {
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  /** The chart drawn at this size, with what JFreeChart records of where it drew the plot. */
  private static ChartRenderingInfo layout(JFreeChart chart, int width, int height) {
    ChartRenderingInfo info = new ChartRenderingInfo();
    chart.createBufferedImage(width, height, info);
    return info;
  }

  // ---- category labels ----

  private static JFreeChart bars(List<String> categories) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int i = 0; i < categories.size(); i++) {
      data.addValue(0.5 + 0.04 * i, "MLP FashionMNIST_1.0", categories.get(i));
      data.addValue(0.4 + 0.03 * i, "MLP FashionMNIST_mix", categories.get(i));
    }
    return Charts.style(ChartFactory.createBarChart(null, "class", "accuracy", data, PlotOrientation.VERTICAL, true, false, false));
  }

  /** Every category label as JFreeChart lays it out at this size: the text of each line of each tick's block. */
  private static List<List<String>> tickLines(JFreeChart chart, int width, int height) {
    ChartRenderingInfo info = layout(chart, width, height);
    BufferedImage scratch = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g2 = scratch.createGraphics();
    CategoryAxis axis = chart.getCategoryPlot().getDomainAxis();
    List<List<String>> out = new ArrayList<>();
    for (Object t : axis.refreshTicks(g2, new AxisState(), info.getPlotInfo().getDataArea(), RectangleEdge.BOTTOM)) {
      TextBlock block = ((CategoryTick) t).getLabel();
      List<String> lines = new ArrayList<>();
      for (Object l : block.getLines()) {
        TextLine line = (TextLine) l;
        lines.add(line.getFirstTextFragment() == line.getLastTextFragment() ? line.getFirstTextFragment().getText()
            : line.getFirstTextFragment().getText() + "|" + line.getLastTextFragment().getText());
      }
      out.add(lines);
    }
    g2.dispose();
    return out;
  }

  @Test
  void longClassNamesStandWholeUprightUnderTheirBars() throws Exception {
    List<String> names = new ArrayList<>(FASHION);
    names.add(FORTY);
    JFreeChart chart = bars(names);
    int height = Charts.heightFor(400, names);
    assertTrue(height > 400 + 150, "room below for a forty-character name upright: " + height);
    byte[] png = Charts.png(chart, 900, height);
    keep("long-class-names.png", png);
    CategoryAxis axis = chart.getCategoryPlot().getDomainAxis();
    assertEquals(CategoryLabelPositions.UP_90, axis.getCategoryLabelPositions(), "too long to stand across their bars: turned upright");
    List<List<String>> lines = tickLines(chart, 900, height);
    assertEquals(names.size(), lines.size());
    for (int i = 0; i < names.size(); i++) assertEquals(List.of(names.get(i)), lines.get(i), "one line, the whole name, no \"...\"");

    // and the reserved room holds the longest upright: it ends inside the picture
    ChartRenderingInfo info = layout(chart, 900, height);
    BufferedImage scratch = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g2 = scratch.createGraphics();
    g2.setRenderingHints(chart.getRenderingHints());
    FontMetrics fm = g2.getFontMetrics(axis.getTickLabelFont());
    double longest = TextUtils.getTextBounds(FORTY, g2, fm).getWidth();
    g2.dispose();
    Rectangle2D data = info.getPlotInfo().getDataArea();
    assertTrue(data.getMaxY() + longest <= info.getPlotInfo().getPlotArea().getMaxY() + 1,
        "the upright name fits below the plot: " + data + " + " + longest + " in " + info.getPlotInfo().getPlotArea());
    assertTrue(data.getHeight() > 200, "the bars keep their room: " + data);
  }

  @Test
  void shortLabelsStayAcrossAndTheChartDrawsAsBefore() throws Exception {
    List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    JFreeChart chart = bars(digits);
    assertFalse(Charts.fitLabels(chart, 900, 400));
    assertEquals(CategoryLabelPositions.STANDARD, chart.getCategoryPlot().getDomainAxis().getCategoryLabelPositions());
    assertEquals(400, Charts.heightFor(400, digits), "digits need no room");
    for (List<String> l : tickLines(chart, 900, 400)) assertEquals(1, l.size());

    // Fashion-MNIST's names at a width where they fit across: left across, each whole
    JFreeChart wide = bars(FASHION);
    Charts.png(wide, 1600, 400);
    assertEquals(CategoryLabelPositions.STANDARD, wide.getCategoryPlot().getDomainAxis().getCategoryLabelPositions());
    List<List<String>> lines = tickLines(wide, 1600, 400);
    for (int i = 0; i < FASHION.size(); i++) assertEquals(List.of(FASHION.get(i)), lines.get(i));
  }

  @Test
  void withoutTheHouseStyleJFreeChartWouldHaveCutTheName() {
    // what the style guards against: JFreeChart's default abbreviates a label wider than its category
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (String n : List.of(FORTY, "Trouser", "Bag")) data.addValue(1, "s", n);
    JFreeChart plain = ChartFactory.createBarChart(null, "class", "accuracy", data, PlotOrientation.VERTICAL, false, false, false);
    List<List<String>> cut = tickLines(plain, 400, 300);
    assertTrue(String.join("", cut.get(0)).endsWith("...") || cut.get(0).size() > 1 || !cut.get(0).get(0).equals(FORTY), cut.get(0).toString());
    JFreeChart styled = Charts.style(ChartFactory.createBarChart(null, "class", "accuracy", data, PlotOrientation.VERTICAL, false, false, false));
    Charts.png(styled, 400, Charts.heightFor(300, List.of(FORTY)));
    assertEquals(List.of(FORTY), tickLines(styled, 400, Charts.heightFor(300, List.of(FORTY))).get(0));
  }

  @Test
  void legendItemsKeepTheirWholeNames() {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    data.addValue(1, "MLP " + FORTY, "Trouser");
    data.addValue(2, "MLP-scaled " + FORTY, "Trouser");
    JFreeChart chart = Charts.style(ChartFactory.createBarChart(null, "class", "accuracy", data, PlotOrientation.VERTICAL, true, false, false));
    Charts.png(chart, 600, 400);
    List<String> legend = new ArrayList<>();
    var items = chart.getCategoryPlot().getLegendItems();
    for (int i = 0; i < items.getItemCount(); i++) legend.add(items.get(i).getLabel());
    assertEquals(List.of("MLP " + FORTY, "MLP-scaled " + FORTY), legend);
  }

  @Test
  void aHeatMapsLongColumnNamesStandUprightEveryOneShown() throws Exception {
    int n = FASHION.size();
    double[][] z = new double[n][n];
    for (int i = 0; i < n; i++) z[i][i] = 1;
    JFreeChart chart = Charts.heatMap("MLP", "class", FASHION, "class", FASHION, z, -1, 1);
    byte[] png = Charts.png(chart, 470 + Charts.labelRoom(FASHION), Charts.heightFor(400, FASHION));
    keep("heat-map-classes.png", png);
    SymbolAxis x = (SymbolAxis) chart.getXYPlot().getDomainAxis();
    assertTrue(x.isVerticalTickLabels());
    ChartRenderingInfo info = layout(chart, 470 + Charts.labelRoom(FASHION), Charts.heightFor(400, FASHION));
    Graphics2D g2 = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB).createGraphics();
    List<String> shown = new ArrayList<>();
    for (Object t : x.refreshTicks(g2, new AxisState(), info.getPlotInfo().getDataArea(), RectangleEdge.BOTTOM)) shown.add(((Tick) t).getText());
    assertEquals(FASHION, shown, "every class, whole");

    // the study's digits stay across
    List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    JFreeChart study = Charts.heatMap("AER", "digit", digits, "digit", digits, z, -1, 1);
    assertFalse(Charts.fitLabels(study, 470, 400));
  }

  // ---- image grids ----

  /** The image grid as Charts drew it before colour came: the reference the grey grid must match pixel for pixel. */
  private static JFreeChart legacyImageGrid(String title, List<String> rowLabels, List<String> columnLabels, float[][][] images, int side) {
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
    int labelWidth = 4 * side;
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
    Charts.style(chart);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setOutlineVisible(false);
    return chart;
  }

  private static int[] pixels(byte[] png) throws Exception {
    BufferedImage im = read(png);
    return im.getRGB(0, 0, im.getWidth(), im.getHeight(), null, 0, im.getWidth());
  }

  private static byte[] plainPng(JFreeChart chart, int width, int height) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(out, chart, width, height);
    return out.toByteArray();
  }

  /** The study's Figure 4 grid: 28 x 28 digits, five datasets, ten neurons (one never the most active). */
  private static float[][][] digits(int rows, int columns, int side) {
    Random random = new Random(7);
    float[][][] images = new float[rows][columns][];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        if (r == 0 && c == 3) continue; // a blank cell
        images[r][c] = new float[side * side];
        for (int p = 0; p < side * side; p++) images[r][c][p] = random.nextFloat();
      }
    }
    return images;
  }

  @Test
  void aGreyGridDrawsPixelForPixelAsBefore() throws Exception {
    List<String> rows = List.of("MNIST_0 (5000)", "MNIST_30 (5000)", "MNIST_60 (5000)", "MNIST_90 (5000)", "MNIST_mix (5000)");
    List<String> columns = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    float[][][] images = digits(rows.size(), columns.size(), 28);
    byte[] before = plainPng(legacyImageGrid("AER", rows, columns, images, 28), 600, 310);
    byte[] now = Charts.png(Charts.imageGrid("AER", rows, columns, images, 28), 600, 310);
    keep("grey-grid.png", now);
    assertArrayEquals(pixels(before), pixels(now), "the study's grey grid is unchanged");
    byte[] shaped = Charts.png(Charts.imageGrid("AER", rows, columns, images, ImageShape.grey(28, 28)), 600, 310);
    assertArrayEquals(pixels(before), pixels(shaped), "a 1 x 28 x 28 shape draws the same");
  }

  /** The colour at data point (x, y) of an image grid drawn at this size. */
  private static Color at(JFreeChart chart, byte[] png, int width, int height, double x, double y) throws Exception {
    ChartRenderingInfo info = layout(chart, width, height);
    Rectangle2D area = info.getPlotInfo().getDataArea();
    XYPlot plot = chart.getXYPlot();
    int px = (int) Math.floor(plot.getDomainAxis().valueToJava2D(x, area, RectangleEdge.BOTTOM));
    int py = (int) Math.floor(plot.getRangeAxis().valueToJava2D(y, area, RectangleEdge.LEFT));
    return new Color(read(png).getRGB(px, py), true);
  }

  @Test
  void aColourImageIsDrawnInItsColours() throws Exception {
    ImageShape shape = new ImageShape(3, 4, 5);
    float[] red = new float[shape.size()];
    Arrays.fill(red, 0, shape.plane(), 1f); // red plane 1, green and blue 0
    float[] mixed = new float[shape.size()];
    for (int p = 0; p < shape.plane(); p++) {
      mixed[p] = 0.2f; // red
      mixed[shape.plane() + p] = p == 7 ? 1f : 0.6f; // green
      mixed[2 * shape.plane() + p] = 1f; // blue
    }
    JFreeChart chart = Charts.imageGrid("colour", List.of("T_0 (3)"), List.of("Trouser", "Bag"), new float[][][] {{red, mixed}}, shape);
    byte[] png = Charts.png(chart, 600, 310);
    keep("colour-grid.png", png);
    // pixel (row 2, column 3) of the first image is at (3, 2); of the second, one cell (5 + 2) to the right
    assertEquals(new Color(255, 0, 0), at(chart, png, 600, 310, 3, 2));
    assertEquals(new Color(51, 153, 255), at(chart, png, 600, 310, 7 + 3, 2));
    assertEquals(new Color(51, 255, 255), at(chart, png, 600, 310, 7 + 2, 1), "pixel 7 = row 1, column 2: green 1");
  }

  @Test
  void aNonSquareColourImageKeepsItsRowsAndColumns() throws Exception {
    ImageShape shape = new ImageShape(3, 24, 32);
    float[] im = new float[shape.size()];
    // green in the top-left 12 x 16 quarter, blue elsewhere
    for (int i = 0; i < 24; i++) {
      for (int j = 0; j < 32; j++) {
        int p = i * 32 + j;
        if (i < 12 && j < 16) im[shape.plane() + p] = 1f;
        else im[2 * shape.plane() + p] = 1f;
      }
    }
    JFreeChart chart = Charts.imageGrid("wide", List.of("T_0 (1)", "T_1 (1)"), List.of("Ankle boot"), new float[][][] {{im}, {null}}, shape);
    byte[] png = Charts.png(chart, 600, 400);
    keep("non-square-grid.png", png);
    assertEquals(Color.GREEN, at(chart, png, 600, 400, 8, 6));
    assertEquals(Color.BLUE, at(chart, png, 600, 400, 24, 6), "row 6, column 24: right half");
    assertEquals(Color.BLUE, at(chart, png, 600, 400, 8, 18), "row 18, column 8: bottom half");
  }

  @Test
  void anImageGridMakesRoomForLongLabelsAndStandsTheColumnsUpright() throws Exception {
    List<String> columns = new ArrayList<>(FASHION);
    columns.add(FORTY);
    List<String> rows = List.of("FashionMNIST_0.5 (2000)", "FashionMNIST_1.0 (2000)", "a-dataset-with-a-rather-long-name_mix (2000)");
    float[][][] images = digits(rows.size(), columns.size(), 28);
    JFreeChart chart = Charts.imageGrid("MLP", rows, columns, images, 28);
    int height = Charts.heightFor(310, columns);
    byte[] png = Charts.png(chart, 600, height);
    keep("long-labels-grid.png", png);
    ImageGridPlot plot = (ImageGridPlot) chart.getXYPlot();
    assertTrue(plot.upright(), "wider than their images: upright");
    ChartRenderingInfo info = layout(chart, 600, height);
    Rectangle2D area = info.getPlotInfo().getDataArea();
    Graphics2D g2 = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB).createGraphics();
    g2.setRenderingHints(chart.getRenderingHints());
    FontMetrics fm = g2.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    double widestColumn = TextUtils.getTextBounds(FORTY, g2, fm).getWidth();
    double widestRow = TextUtils.getTextBounds(rows.get(2), g2, fm).getWidth();
    double above = plot.getRangeAxis().valueToJava2D(-2, area, RectangleEdge.LEFT) - area.getMinY();
    double left = plot.getDomainAxis().valueToJava2D(-3, area, RectangleEdge.BOTTOM) - area.getMinX();
    assertTrue(above >= widestColumn, "room above the images for the longest name upright: " + above + " < " + widestColumn);
    assertTrue(left >= widestRow, "room left of the images for the longest row label: " + left + " < " + widestRow);
    List<String> texts = new ArrayList<>();
    for (Object a : ((XYBlockRenderer) plot.getRenderer()).getAnnotations()) texts.add(((XYTextAnnotation) a).getText());
    assertTrue(texts.containsAll(columns) && texts.containsAll(rows), "every label whole: " + texts);
  }

  // ---- words beyond the study ----

  private static ReportContext context(String probe, ReportContext.Setting setting) {
    return new ReportContext() {
      public String probeName() {
        return probe;
      }

      public ResultTable results() {
        return ResultTable.empty();
      }

      public ResultTable summaries() {
        return ResultTable.empty();
      }

      public JsonNode config() {
        return null;
      }

      public List<String> models() {
        return List.of("MLP");
      }

      public Setting setting() {
        return setting;
      }

      public void figure(Figure figure) {}

      public void claim(Claim claim) {}
    };
  }

  @Test
  void titlesAndCaptionsBeyondTheStudyNameTheProbeTheTransformTheDataAndItsClasses() {
    ReportContext.Setting s = new ReportContext.Setting("FashionMNIST", "contrast", "contrast", Map.of("MLP", "mlp", "MLP-c", "mlp"), FASHION,
        new ImageShape(1, 28, 28));
    ReportContext ctx = context("cka-contrast", s);
    assertEquals("CKA per layer (cka-contrast, contrast)", Charts.titleBeyond(ctx, "CKA per layer"));
    assertEquals("Accuracy under contrast (cka-contrast)", Charts.titleBeyond(ctx, "Accuracy under contrast"));
    String caption = Charts.captionBeyond(ctx, "What it shows.");
    assertEquals("What it shows. Probe cka-contrast; transform contrast; data FashionMNIST, 10 classes: " + String.join(", ", FASHION) + ".", caption);
    ReportContext.Setting other = new ReportContext.Setting("photos", "tilt", "rotation", Map.of("M", "dl4j"), List.of());
    assertEquals("tilt (plugin rotation)", Charts.transformWords(other));
    assertEquals("x. Probe p; transform tilt (plugin rotation); data photos.", Charts.captionBeyond(context("p", other), "x."));
    assertEquals("Trouser (class 1)", Charts.classWords(s, "1"));
    assertEquals("class 1", Charts.classWords(other, "1"));
  }
}
