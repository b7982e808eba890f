package org.invariance.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.font.FontRenderContext;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.invariance.data.ImageShape;
import org.invariance.plugin.ReportContext;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.GrayPaintScale;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The report's look in one place: the study's colours (AER blue, AEUR green; then red for a third
 * series, as in Figure 5), a plain white plot, PNG encoding, the two chart kinds JFreeChart has no
 * factory for (a heat map with a colour bar, and a grid of small grey or colour images), and how a
 * figure beyond the study names what it shows (the probe, its transform, the data and its classes).
 *
 * <p>No label is ever abbreviated: a category axis keeps every label whole on one line, and {@link
 * #png} turns the labels of a category axis or a heat map's columns upright when the widest would
 * not fit its category at the size drawn; an image grid makes room for its labels when it is drawn.
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

  /** A category label may be this many categories wide: in effect no limit, so JFreeChart never wraps or abbreviates one. */
  static final float WHOLE_LABELS = 1000f;

  /** The most class names a caption lists one by one. */
  static final int CLASSES_LISTED = 100;

  private Charts() {}

  /** The i-th series colour (blue, green, red, ...). */
  public static Color color(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /** White background, light grid, series coloured in palette order, category labels never abbreviated; returns the chart. */
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
      for (int a = 0; a < cat.getDomainAxisCount(); a++) {
        // a label as wide as it needs, on one line: never wrapped, never cut to "..." (png turns long ones upright)
        if (cat.getDomainAxis(a) != null) cat.getDomainAxis(a).setMaximumCategoryLabelWidthRatio(WHOLE_LABELS);
      }
    }
    return chart;
  }

  /** The chart as PNG bytes; labels that would not fit their category at this size are turned upright first ({@link #fitLabels}). */
  public static byte[] png(JFreeChart chart, int width, int height) {
    fitLabels(chart, width, height);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Makes every label of a chart's category axis (or of a heat map's columns) show whole at this
   * size: draws the chart once off screen and, where the widest label is wider than its category
   * there, turns that axis's labels upright (reading upwards), each under its own category. Labels
   * that fit stay as they are, and the chart is unchanged. Returns whether it turned any.
   */
  public static boolean fitLabels(JFreeChart chart, int width, int height) {
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
  public static double textWidth(String text, Font font) {
    return font.getStringBounds(text, new FontRenderContext(null, true, true)).getWidth();
  }

  /**
   * The room in pixels that labels may need beyond a short label's, on top of a panel's height (or
   * width): the widest label's length less a line's height, at JFreeChart's tick-label font (10-point
   * sans serif); nothing for short labels such as digits, which never need turning upright.
   */
  public static int labelRoom(Collection<String> labels) {
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    double widest = 0;
    for (String l : labels) widest = Math.max(widest, textWidth(l, font));
    return widest <= 30 ? 0 : (int) Math.ceil(widest - 12);
  }

  /** A panel's height with room for category labels that {@link #png} may turn upright ({@link #labelRoom}). */
  public static int heightFor(int height, Collection<String> labels) {
    return height + labelRoom(labels);
  }

  // ---- how a figure beyond the study names what it shows ----

  /** The probe's transform by its name in the experiment ("contrast"), or "transform" when unknown. */
  public static String transformName(ReportContext.Setting s) {
    return s.transform() == null || s.transform().isBlank() ? "transform" : s.transform();
  }

  /** The transform's name and, when another name, the plugin that makes it: "contrast", "tilt (plugin rotation)". */
  public static String transformWords(ReportContext.Setting s) {
    String name = transformName(s);
    String plugin = s.transformPlugin();
    return plugin == null || plugin.isBlank() || plugin.equals(name) ? name : name + " (plugin " + plugin + ")";
  }

  /** The data's name, or {@code unknown} when the run did not record one. */
  public static String dataName(ReportContext.Setting s, String unknown) {
    return s.data() == null || s.data().isBlank() || s.data().equals("?") ? unknown : s.data();
  }

  /** Class {@code index} as a figure names it: "Trouser (class 1)" when the data names its classes, "class 1" otherwise. */
  public static String classWords(ReportContext.Setting s, String index) {
    String name = s.className(index);
    return name.equals(index) ? "class " + index : name + " (class " + index + ")";
  }

  /**
   * A title beyond the study that says which probe drew it and, unless it says so already, under
   * which transform: "CKA per layer (cka-contrast, contrast)", "Accuracy per contrast amount (accuracy-contrast)".
   */
  public static String titleBeyond(ReportContext ctx, String title) {
    String transform = transformName(ctx.setting());
    String probe = ctx.probeName() == null || ctx.probeName().isBlank() ? "" : ctx.probeName();
    boolean named = title.replace(probe.isEmpty() ? "\u0000" : probe, "").contains(transform);
    List<String> parts = new ArrayList<>();
    if (!probe.isEmpty()) parts.add(probe);
    if (!named) parts.add(transform);
    return parts.isEmpty() ? title : title + " (" + String.join(", ", parts) + ")";
  }

  /**
   * A caption beyond the study, ending with what it is about: "Probe cka-contrast; transform
   * contrast; data FashionMNIST, 10 classes: T-shirt_top, Trouser, ...". Every class is named (up
   * to {@value #CLASSES_LISTED}; more are counted).
   */
  public static String captionBeyond(ReportContext ctx, String caption) {
    ReportContext.Setting s = ctx.setting();
    StringBuilder b = new StringBuilder(caption);
    if (!caption.isEmpty() && !caption.endsWith(" ")) b.append(' ');
    if (ctx.probeName() != null && !ctx.probeName().isBlank()) b.append("Probe ").append(ctx.probeName()).append("; transform ");
    else b.append("Transform ");
    b.append(transformWords(s)).append("; data ").append(dataName(s, "unknown"));
    List<String> classes = s.classes();
    if (!classes.isEmpty()) {
      b.append(", ").append(classes.size()).append(classes.size() == 1 ? " class: " : " classes: ");
      b.append(String.join(", ", classes.subList(0, Math.min(classes.size(), CLASSES_LISTED))));
      if (classes.size() > CLASSES_LISTED) b.append(" and ").append(classes.size() - CLASSES_LISTED).append(" more");
    }
    return b.append('.').toString();
  }

  // ---- heat maps and image grids ----

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
    style(chart);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setOutlineVisible(false);
    // colour and oblong images: blocks edge to edge without anti-aliased seams between them (text stays smoothed);
    // square grey ones are drawn as they always were
    if (!plot.square) chart.setAntiAlias(false);
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

  /** Decodes a z of 0xRRGGBB into its colour. */
  static final class RgbPaintScale implements PaintScale, Serializable {
    @Override
    public double getLowerBound() {
      return 0;
    }

    @Override
    public double getUpperBound() {
      return 0xFFFFFF;
    }

    @Override
    public Paint getPaint(double value) {
      if (!(value > 0)) return Color.BLACK;
      return new Color((int) Math.min(0xFFFFFF, value));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RgbPaintScale;
    }

    @Override
    public int hashCode() {
      return 0x5CA1E;
    }
  }

  /**
   * An image grid's plot: when drawn, gives the row labels the room they need left of the images,
   * turns the column labels upright when the widest is wider than an image, and gives them the room
   * they need above; see {@link #box} for the scale. Square grey images whose labels fit as laid
   * out are drawn exactly as laid out.
   */
  static final class ImageGridPlot extends XYPlot {
    private static final long serialVersionUID = 1L;
    private final Font font;
    private final List<String> rowLabels;
    private final List<String> columnLabels;
    private final transient List<XYTextAnnotation> rows;
    private final transient List<XYTextAnnotation> columns;
    private final int imageWidth;
    /** Square grey images: drawn as first laid out where their labels fit, pixel for pixel as before colour came. */
    private final boolean square;
    private final Range xLaidOut;
    private final Range yLaidOut;
    /** Whether the last drawing turned the column labels upright. */
    private boolean upright;

    ImageGridPlot(DefaultXYZDataset data, ValueAxis x, ValueAxis y, XYBlockRenderer renderer, Font font, List<String> rowLabels,
        List<String> columnLabels, List<XYTextAnnotation> rows, List<XYTextAnnotation> columns, int imageWidth, boolean square) {
      super(data, x, y, renderer);
      this.rows = List.copyOf(rows);
      this.square = square;
      this.font = font;
      this.rowLabels = List.copyOf(rowLabels);
      this.columnLabels = List.copyOf(columnLabels);
      this.columns = List.copyOf(columns);
      this.imageWidth = imageWidth;
      this.xLaidOut = x.getRange();
      this.yLaidOut = y.getRange();
    }

    /**
     * The data ranges {left room, right, top room, bottom} (in pixel units) that give every label its
     * room in a data area of this size. Square grey images are drawn as laid out when every label
     * fits so (as they always were); otherwise, and always for colour or oblong images, one scale
     * serves both axes (square image pixels), the largest at which the labels fit, and the grid is
     * centred in what is left over. Null when column labels across ({@code turn} false) would be
     * wider than their images.
     */
    private double[] box(double widthPx, double heightPx, double rowWidest, double columnWidest, double lineHeight, boolean turn) {
      double pad = 2;
      double right = xLaidOut.getUpperBound();
      double bottom = yLaidOut.getUpperBound();
      // square grey images keep the room first laid out, their labels 3 units left of and 2 above the images (and are drawn
      // as laid out where their labels fit); others get the room their labels need, 4 and 3 pixels from the images' edge
      // (half a unit before 0: each image pixel is a block centred on its index)
      double gapX = square ? 3 : 0.5;
      double gapY = square ? 2 : 0.5;
      double p = rowWidest + pad + (square ? 0 : 4);
      double q = (turn ? columnWidest : lineHeight) + pad + (square ? 0 : 3); // a line across, their length upright
      double left0 = square ? -xLaidOut.getLowerBound() : 0;
      double top0 = square ? -yLaidOut.getLowerBound() : 0;
      if (square && !turn) {
        double ux = widthPx / (left0 + right);
        double uy = heightPx / (top0 + bottom);
        if ((left0 - gapX) * ux >= p && (top0 - gapY) * uy >= q) {
          return columnWidest > imageWidth * ux ? null : new double[] {left0, right, top0, bottom, -3, -2}; // as laid out
        }
      }
      double u = Math.min(Math.min(widthPx / (left0 + right), (widthPx - p) / (gapX + right)), Math.min(heightPx / (top0 + bottom), (heightPx - q) / (gapY + bottom)));
      if (!(u > 0)) return turn ? new double[] {-xLaidOut.getLowerBound(), right, -yLaidOut.getLowerBound(), bottom, -3, -2} : null; // no room: as laid out
      if (!turn && columnWidest > imageWidth * u) return null;
      double left = Math.max(left0, gapX + p / u);
      double top = Math.max(top0, gapY + q / u);
      double spareX = (widthPx / u - (left + right)) / 2;
      double spareY = (heightPx / u - (top + bottom)) / 2;
      return new double[] {left + spareX, right + spareX, top + spareY, bottom + spareY, square ? -3 : -gapX - 4 / u, square ? -2 : -gapY - 3 / u};
    }

    /** Whether the last drawing turned the column labels upright. */
    boolean upright() {
      return upright;
    }

    @Override
    public void draw(Graphics2D g2, Rectangle2D area, Point2D anchor, PlotState parentState, PlotRenderingInfo info) {
      layOut(g2, area);
      super.draw(g2, area, anchor, parentState, info);
    }

    private void layOut(Graphics2D g2, Rectangle2D area) {
      // the data area as XYPlot will find it: the axes are invisible and take no room
      Rectangle2D data = (Rectangle2D) area.clone();
      getInsets().trim(data);
      getAxisOffset().trim(data);
      double widthPx = data.getWidth();
      double heightPx = data.getHeight();
      if (widthPx <= 0 || heightPx <= 0) return;
      FontMetrics fm = g2.getFontMetrics(font);
      double rowWidest = 0;
      for (String l : rowLabels) rowWidest = Math.max(rowWidest, TextUtils.getTextBounds(l, g2, fm).getWidth());
      double columnWidest = 0;
      for (String l : columnLabels) columnWidest = Math.max(columnWidest, TextUtils.getTextBounds(l, g2, fm).getWidth());
      double lineHeight = fm.getAscent() + fm.getDescent();
      // column labels across while they fit above their images, upright when they do not
      double[] box = box(widthPx, heightPx, rowWidest, columnWidest, lineHeight, false);
      boolean turn = box == null;
      if (turn) box = box(widthPx, heightPx, rowWidest, columnWidest, lineHeight, true);
      Range x = new Range(-box[0], box[1]);
      Range y = new Range(-box[2], box[3]);
      if (!x.equals(getDomainAxis().getRange())) getDomainAxis().setRange(x, true, false);
      if (!y.equals(getRangeAxis().getRange())) getRangeAxis().setRange(y, true, false);
      for (XYTextAnnotation a : rows) if (a.getX() != box[4]) a.setX(box[4]);
      for (XYTextAnnotation a : columns) if (a.getY() != box[5]) a.setY(box[5]);
      if (turn != upright) {
        for (XYTextAnnotation a : columns) {
          a.setTextAnchor(turn ? TextAnchor.CENTER_LEFT : TextAnchor.BOTTOM_CENTER);
          a.setRotationAnchor(turn ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER);
          a.setRotationAngle(turn ? -Math.PI / 2 : 0);
        }
        upright = turn;
      }
    }
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
