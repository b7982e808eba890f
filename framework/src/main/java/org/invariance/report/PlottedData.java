package org.invariance.report;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invariance.files.AtomicWrite;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.CombinedRangeCategoryPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.category.IntervalCategoryDataset;
import org.jfree.data.statistics.BoxAndWhiskerCategoryDataset;
import org.jfree.data.statistics.StatisticalCategoryDataset;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;

/**
 * Exactly what a chart plots, read back from its datasets, as tidy rows: so a figure's numbers can
 * be taken into another tool without reading pixels, whatever plugin drew it. One row per plotted
 * value: {@code plot} (the sub-plot's number, 1 for a single plot), {@code series}, {@code x}
 * (a number, or the category), {@code y}, {@code z} (heat maps and image grids), {@code low} and
 * {@code high} (an interval drawn with the value: a band, whiskers, mean ± sd), and {@code stat}
 * (what {@code y} is where a mark summarises several numbers: mean, median, q1, q3, min, max).
 */
final class PlottedData {
  static final List<String> COLUMNS = List.of("plot", "series", "x", "y", "z", "low", "high", "stat");

  private static final CsvMapper CSV = new CsvMapper();

  private PlottedData() {}

  /** Writes {@code chart}'s rows to {@code file} as a CSV with a header (the header alone for a chart that plots nothing). */
  static void write(Path file, JFreeChart chart) throws IOException {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    COLUMNS.forEach(schema::addColumn);
    List<List<String>> rows = new ArrayList<>();
    // cells as text, an empty one where nothing is plotted (the CSV writer would drop a null and shift the row)
    for (List<Object> r : rows(chart)) rows.add(r.stream().map(c -> c == null ? "" : String.valueOf(c)).toList());
    AtomicWrite.text(file, w -> {
      if (rows.isEmpty()) w.write(String.join(",", COLUMNS) + "\n");
      else CSV.writer(schema.build()).writeValues(w).writeAll(rows);
    });
  }

  /** The rows of {@code chart}, in the order of its plots, datasets, series and items. */
  static List<List<Object>> rows(JFreeChart chart) {
    List<List<Object>> rows = new ArrayList<>();
    List<Plot> plots = subplots(chart.getPlot());
    for (int p = 0; p < plots.size(); p++) {
      if (plots.get(p) instanceof XYPlot xy) {
        for (int d = 0; d < xy.getDatasetCount(); d++) if (xy.getDataset(d) != null) xy(rows, p + 1, xy.getDataset(d));
      } else if (plots.get(p) instanceof CategoryPlot cat) {
        for (int d = 0; d < cat.getDatasetCount(); d++) if (cat.getDataset(d) != null) category(rows, p + 1, cat.getDataset(d));
      }
    }
    return rows;
  }

  private static List<Plot> subplots(Plot plot) {
    List<Plot> out = new ArrayList<>();
    if (plot instanceof CombinedDomainXYPlot c) out.addAll(c.getSubplots());
    else if (plot instanceof CombinedRangeXYPlot c) out.addAll(c.getSubplots());
    else if (plot instanceof CombinedDomainCategoryPlot c) out.addAll(c.getSubplots());
    else if (plot instanceof CombinedRangeCategoryPlot c) out.addAll(c.getSubplots());
    else out.add(plot);
    return out;
  }

  private static void xy(List<List<Object>> rows, int plot, XYDataset d) {
    for (int s = 0; s < d.getSeriesCount(); s++) {
      String series = String.valueOf(d.getSeriesKey(s));
      for (int i = 0; i < d.getItemCount(s); i++) {
        Object z = d instanceof XYZDataset xyz ? number(xyz.getZValue(s, i)) : null;
        Object low = null;
        Object high = null;
        if (d instanceof IntervalXYDataset iv) {
          double lo = iv.getStartYValue(s, i);
          double hi = iv.getEndYValue(s, i);
          // an interval only where one is drawn: a plain series reports its y as both ends
          if (lo != d.getYValue(s, i) || hi != d.getYValue(s, i)) {
            low = number(lo);
            high = number(hi);
          }
        }
        rows.add(row(plot, series, number(d.getXValue(s, i)), number(d.getYValue(s, i)), z, low, high, null));
      }
    }
  }

  private static void category(List<List<Object>> rows, int plot, CategoryDataset d) {
    for (int r = 0; r < d.getRowCount(); r++) {
      String series = String.valueOf(d.getRowKey(r));
      for (int c = 0; c < d.getColumnCount(); c++) {
        String x = String.valueOf(d.getColumnKey(c));
        if (d instanceof BoxAndWhiskerCategoryDataset box) {
          for (String stat : List.of("min", "q1", "median", "q3", "max", "mean")) {
            Number v = switch (stat) {
              case "min" -> box.getMinRegularValue(r, c);
              case "q1" -> box.getQ1Value(r, c);
              case "median" -> box.getMedianValue(r, c);
              case "q3" -> box.getQ3Value(r, c);
              case "max" -> box.getMaxRegularValue(r, c);
              default -> box.getMeanValue(r, c);
            };
            if (v != null) rows.add(row(plot, series, x, number(v.doubleValue()), null, null, null, stat));
          }
        } else if (d instanceof StatisticalCategoryDataset st) {
          Number mean = st.getMeanValue(r, c);
          Number sd = st.getStdDevValue(r, c);
          if (mean == null) continue;
          Object low = sd == null ? null : number(mean.doubleValue() - sd.doubleValue());
          Object high = sd == null ? null : number(mean.doubleValue() + sd.doubleValue());
          rows.add(row(plot, series, x, number(mean.doubleValue()), null, low, high, sd == null ? "mean" : "mean ± sd"));
        } else {
          Number v = d.getValue(r, c);
          if (v == null) continue;
          Object low = null;
          Object high = null;
          if (d instanceof IntervalCategoryDataset iv && iv.getStartValue(r, c) != null && iv.getEndValue(r, c) != null) {
            low = number(iv.getStartValue(r, c).doubleValue());
            high = number(iv.getEndValue(r, c).doubleValue());
          }
          rows.add(row(plot, series, x, number(v.doubleValue()), null, low, high, null));
        }
      }
    }
  }

  private static List<Object> row(int plot, String series, Object x, Object y, Object z, Object low, Object high, String stat) {
    List<Object> row = new ArrayList<>(COLUMNS.size());
    row.add(plot);
    row.add(series);
    row.add(x);
    row.add(y);
    row.add(z);
    row.add(low);
    row.add(high);
    row.add(stat);
    return row;
  }

  /** A finite number as itself; NaN and infinities (gaps in a line) as empty cells. */
  private static Object number(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
