package org.invariance.report;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * An image grid's plot: when drawn, gives the row labels the room they need left of the images,
 * turns the column labels upright when the widest is wider than an image, and gives them the room
 * they need above; see {@link #box} for the scale. Square grey images whose labels fit as laid
 * out are drawn exactly as laid out. A plot of its own because only at drawing time is the size,
 * and so the labels' room, known.
 */
final class ImageGridPlot extends XYPlot {
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

  /** Whether the images are square and grey, drawn as first laid out where their labels fit. */
  boolean square() {
    return square;
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
