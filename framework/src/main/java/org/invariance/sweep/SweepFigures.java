package org.invariance.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.invariance.report.Charts;
import org.invariance.results.Figure;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.YIntervalRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A sweep's headline numbers drawn across seeds: per probe file, metric and kind of row (the keys
 * it fills: a whole dataset's, one class's), the mean over the seeds of each setting with its 95%
 * interval (whiskers) and each seed's own number (dots), against the key that varies as a number
 * (an amount, a layer, a class index; never joined by lines, since it may be a category), one
 * series per model, one panel per value of any other key that varies (all panels on one y-axis).
 * Rows whose number cannot vary across seeds (sd 0 over every seed, such as a count of images) and
 * rows without a numeric x (a mix) stay in the CSV only.
 */
final class SweepFigures {
  /** More panels than this would be a wall of small multiples: the CSV serves better. */
  static final int MAX_PANELS = 6;

  private SweepFigures() {}

  /**
   * The figures of one summary file: {@code table} its header and rows as written (its first
   * {@code grid} columns the sweep's grid keys: panels, never the x), {@code seeds} each row's
   * numbers by its key cells (the columns before n, mean, ...).
   */
  static List<Figure> draw(String file, List<List<String>> table, int grid, Map<List<String>, double[]> seeds) {
    return draw(file, table, grid, seeds, new ClassNames(List.of()));
  }

  /** As {@link #draw(String, List, int, Map)}, classes named on axes and panels where the data names them. */
  static List<Figure> draw(String file, List<List<String>> table, int grid, Map<List<String>, double[]> seeds, ClassNames classes) {
    List<String> header = table.get(0);
    int keys = header.size() - Summary.STATS.size();
    int metricCol = header.indexOf("metric");
    int modelCol = header.indexOf("model");
    Map<String, List<List<String>>> byMetric = new LinkedHashMap<>();
    for (List<String> r : table.subList(1, table.size())) {
      if (cannotVary(r, keys)) continue;
      byMetric.computeIfAbsent(metricCol >= 0 ? r.get(metricCol) : "value", k -> new ArrayList<>()).add(r);
    }
    List<Figure> out = new ArrayList<>();
    for (Map.Entry<String, List<List<String>>> m : byMetric.entrySet()) {
      // rows of one kind have the same keys filled (a whole dataset's, or one class's): each kind its own figure
      Map<String, List<List<String>>> kinds = new LinkedHashMap<>();
      for (List<String> r : m.getValue()) {
        StringBuilder filled = new StringBuilder();
        for (int c = 0; c < keys; c++) filled.append(r.get(c).isEmpty() ? '0' : '1');
        kinds.computeIfAbsent(filled.toString(), k -> new ArrayList<>()).add(r);
      }
      for (List<List<String>> rows : kinds.values()) {
        Figure f = figure(file, m.getKey(), header, grid, keys, metricCol, modelCol, rows, seeds, classes);
        if (f != null) out.add(f);
      }
    }
    return out;
  }

  /** A row whose number was the same in every seed (n >= 2, sd 0): nothing to draw across seeds. */
  static boolean cannotVary(List<String> row, int keys) {
    String n = row.get(keys);
    String sd = row.get(keys + 2);
    return !n.isEmpty() && Integer.parseInt(n) >= 2 && !sd.isEmpty() && Double.parseDouble(sd) == 0.0;
  }

  private static Figure figure(String file, String metric, List<String> header, int grid, int keys, int metricCol, int modelCol,
      List<List<String>> rows, Map<List<String>, double[]> seeds, ClassNames classes) {
    // the x: the numeric key with the most values; rows without a number there (a mix) are left out
    int x = -1;
    int most = 1;
    for (int c = grid; c < keys; c++) {
      if (c == metricCol || c == modelCol) continue;
      Set<String> values = new LinkedHashSet<>();
      boolean numeric = true;
      for (List<String> r : rows) {
        if (r.get(c).isEmpty()) continue;
        values.add(r.get(c));
        numeric &= isNumber(r.get(c));
      }
      if (numeric && values.size() > most) {
        most = values.size();
        x = c;
      }
    }
    if (x < 0) return null;
    final int xc = x;
    List<List<String>> drawn = rows.stream().filter(r -> isNumber(r.get(xc))).toList();
    // panels: the other keys that vary and are not fixed by the x (a dataset's name follows its amount)
    List<Integer> facets = new ArrayList<>();
    for (int c = 0; c < keys; c++) {
      if (c == x || c == metricCol || c == modelCol || !varies(drawn, c) || followsX(drawn, x, modelCol, c)) continue;
      facets.add(c);
    }
    Map<String, List<List<String>>> panels = new LinkedHashMap<>();
    for (List<String> r : drawn) panels.computeIfAbsent(label(header, r, facets, classes), k -> new ArrayList<>()).add(r);
    if (panels.size() > MAX_PANELS) return null;

    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    List<JFreeChart> charts = new ArrayList<>();
    int seedsMax = 0;
    for (Map.Entry<String, List<List<String>>> p : panels.entrySet()) {
      Map<String, YIntervalSeries> means = new LinkedHashMap<>();
      Map<String, XYSeries> dots = new LinkedHashMap<>();
      for (List<String> r : p.getValue()) {
        String series = modelCol >= 0 ? r.get(modelCol) : metric;
        double xv = Double.parseDouble(r.get(x));
        double mean = number(r.get(keys + 1));
        double ciLow = number(r.get(keys + 3));
        double ciHigh = number(r.get(keys + 4));
        if (Double.isNaN(mean)) continue;
        // with one seed there is no interval: the whiskers shrink to the mark
        double bandLow = Double.isNaN(ciLow) ? mean : ciLow;
        double bandHigh = Double.isNaN(ciHigh) ? mean : ciHigh;
        means.computeIfAbsent(series, k -> new YIntervalSeries(k + ": mean, 95% interval")).add(xv, mean, bandLow, bandHigh);
        lo = Math.min(lo, bandLow);
        hi = Math.max(hi, bandHigh);
        double[] each = seeds.getOrDefault(r.subList(0, keys), new double[0]);
        seedsMax = Math.max(seedsMax, each.length);
        for (double v : each) {
          dots.computeIfAbsent(series, k -> new XYSeries(k + ": each seed", false, true)).add(xv, v);
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      if (means.isEmpty()) continue;
      charts.add(chart(p.getKey(), xAxis(header.get(x), drawn, x, classes), metric, means, dots));
    }
    if (charts.isEmpty()) return null;
    double pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(hi) * 0.05, 1e-9);
    // what the rows share (a dataset, an amount): named in the title, so figures of one metric tell apart
    List<String> shared = new ArrayList<>();
    for (int c = grid; c < keys; c++) {
      if (c == x || c == metricCol || c == modelCol || facets.contains(c)) continue;
      Set<String> values = new LinkedHashSet<>();
      for (List<String> r : drawn) values.add(r.get(c));
      if (values.size() == 1 && !values.iterator().next().isEmpty()) shared.add(header.get(c) + " " + classes.cell(header.get(c), values.iterator().next()));
    }
    Figure.Builder b = Figure.of(null, file + ": " + metric + " against " + header.get(x) + (shared.isEmpty() ? "" : " (" + String.join(", ", shared) + ")")
        + " across seeds",
        "The mean over the seeds of each setting (the bar's middle mark) with its 95% interval (whiskers: Student's t over the seeds), and each seed's own value (dots), of "
            + metric + " against " + header.get(x) + ", per model" + (charts.size() > 1 ? "; one panel per " + facetWords(header, facets) : "")
            + " (all panels on one y-axis). Up to " + seedsMax + " seeds per point; rows that cannot vary across seeds and rows without a numeric "
            + header.get(x) + " are in summary/" + file + ".csv only.");
    for (JFreeChart c : charts) {
      ((XYPlot) c.getPlot()).getRangeAxis().setRange(lo - pad, hi + pad); // models and panels compared on one axis
      b.panel(c.getTitle() == null ? "" : c.getTitle().getText(), c, charts.size() > 2 ? 400 : 560, 360);
    }
    return b.build();
  }

  /** The x axis: numbers, or for a class column whose classes the data names, the names at their indices. */
  static NumberAxis xAxis(String column, List<List<String>> rows, int x, ClassNames classes) {
    int max = -1;
    boolean named = false;
    for (List<String> r : rows) {
      double v = Double.parseDouble(r.get(x));
      if (v != Math.rint(v) || v < 0) return plainAxis(column);
      max = Math.max(max, (int) v);
      named |= classes.name(r.get(x)) != null;
    }
    if (!ClassNames.CLASS_COLUMNS.contains(column) || !named) return plainAxis(column);
    String[] names = new String[max + 1];
    for (int i = 0; i <= max; i++) {
      String name = classes.name(String.valueOf(i));
      names[i] = name == null ? String.valueOf(i) : name;
    }
    return new SymbolAxis(column, names);
  }

  private static NumberAxis plainAxis(String column) {
    NumberAxis axis = new NumberAxis(column);
    axis.setAutoRangeIncludesZero(false);
    return axis;
  }

  private static JFreeChart chart(String title, NumberAxis xAxis, String metric, Map<String, YIntervalSeries> means, Map<String, XYSeries> dots) {
    YIntervalSeriesCollection band = new YIntervalSeriesCollection();
    means.values().forEach(band::addSeries);
    XYSeriesCollection points = new XYSeriesCollection();
    dots.values().forEach(points::addSeries);
    NumberAxis yAxis = new NumberAxis(metric);
    yAxis.setAutoRangeIncludesZero(false);
    // marks and whiskers, never a line: the x may be a category (a class index) as well as an amount or a layer
    YIntervalRenderer lines = new YIntervalRenderer();
    XYLineAndShapeRenderer dotRenderer = new XYLineAndShapeRenderer(false, true);
    int i = 0;
    for (String s : means.keySet()) {
      Color c = Charts.color(i++);
      int k = band.indexOf(means.get(s).getKey());
      lines.setSeriesPaint(k, c);
      lines.setSeriesStroke(k, new BasicStroke(2f));
      int d = dots.containsKey(s) ? points.indexOf(dots.get(s).getKey()) : -1;
      if (d >= 0) dotRenderer.setSeriesPaint(d, c);
    }
    XYPlot plot = new XYPlot(band, xAxis, yAxis, lines);
    plot.setDataset(1, points);
    plot.setRenderer(1, dotRenderer);
    JFreeChart chart = new JFreeChart(title.isEmpty() ? null : title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    return Charts.style(chart);
  }

  private static boolean varies(List<List<String>> rows, int c) {
    return rows.stream().map(r -> r.get(c)).distinct().count() > 1;
  }

  /** Whether column {@code c} has one value per x (and model): a name for the x, not a key of its own. */
  private static boolean followsX(List<List<String>> rows, int x, int modelCol, int c) {
    Map<String, String> seen = new LinkedHashMap<>();
    for (List<String> r : rows) {
      String key = r.get(x) + "\u0000" + (modelCol >= 0 ? r.get(modelCol) : "");
      String prev = seen.putIfAbsent(key, r.get(c));
      if (prev != null && !prev.equals(r.get(c))) return false;
    }
    return true;
  }

  private static String label(List<String> header, List<String> r, List<Integer> facets, ClassNames classes) {
    List<String> parts = new ArrayList<>();
    for (int c : facets) parts.add(header.get(c) + " " + classes.cell(header.get(c), r.get(c)));
    return String.join(", ", parts);
  }

  private static String facetWords(List<String> header, List<Integer> facets) {
    List<String> names = new ArrayList<>();
    for (int c : facets) names.add(header.get(c));
    return String.join(" and ", names);
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) return false;
    try {
      return Double.isFinite(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static double number(String s) {
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }
}
