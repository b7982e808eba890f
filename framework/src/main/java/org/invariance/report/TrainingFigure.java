package org.invariance.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The models' training from {@code training.csv}, drawn by the framework for every run since
 * every trainer reports the same way: the loss over iterations, one panel per training phase, one
 * line per model; and, when the experiment watched its models ({@code watch:}), each watch
 * probe's value over iterations, one panel per model and probe, one line per layer (the mean over
 * the watched amounts).
 */
final class TrainingFigure {
  private TrainingFigure() {}

  /** One row of training.csv, by the header's column names. */
  private record Row(String model, String phase, long iteration, String metric, int layer, String amount, double value) {}

  /** The figures (the loss first, then the watch), or an empty list when the run trained nothing with a reported loss. */
  static List<Figure> draw(Path csv) throws IOException {
    List<Figure> out = new ArrayList<>();
    if (!Files.isRegularFile(csv)) return out;
    List<Row> rows = read(csv);
    Figure loss = loss(rows);
    if (loss != null) out.add(loss);
    Figure watch = watch(rows);
    if (watch != null) out.add(watch);
    return out;
  }

  /** The columns a curve needs; a training.csv without them (an older run's) draws nothing. */
  private static final List<String> COLUMNS = List.of("model", "phase", "iteration", "metric", "layer", "value");

  /** Every row of training.csv; a row that cannot be read is an IOException naming the file and its line. */
  private static List<Row> read(Path csv) throws IOException {
    List<Row> rows = new ArrayList<>();
    String header;
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      header = in.readLine();
    } catch (CharacterCodingException e) {
      header = String.join(",", COLUMNS); // ResultTable says where
    }
    if (header == null) return rows;
    List<String> names = List.of(header.replace("\uFEFF", "").split(",", -1));
    if (!names.containsAll(COLUMNS)) return rows;
    ResultTable table = ResultTable.read(csv, COLUMNS);
    boolean amounts = table.columns().contains("amount"); // optional: the watched amount of a watch value
    try {
      for (ResultTable.Row r : table.rows()) {
        if (r.get("value").isEmpty()) continue;
        rows.add(new Row(r.model(), r.get("phase"), (long) r.number("iteration"), r.metric(), r.get("layer").isEmpty() ? 0 : r.integer("layer"),
            amounts ? r.get("amount") : "", r.value()));
      }
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e); // "training.csv:7: iteration: not a number: 'x'"
    }
    return rows;
  }

  private static Figure loss(List<Row> rows) {
    Map<String, XYSeriesCollection> phases = new LinkedHashMap<>();
    Map<String, XYSeries> series = new LinkedHashMap<>();
    boolean positive = true;
    for (Row r : rows) {
      if (!r.metric().equals("loss")) continue;
      positive &= r.value() > 0;
      series.computeIfAbsent(r.phase() + "\u0000" + r.model(), k -> {
        XYSeries n = new XYSeries(r.model());
        phases.computeIfAbsent(r.phase(), p -> new XYSeriesCollection()).addSeries(n);
        return n;
      }).add(r.iteration(), r.value());
    }
    if (phases.isEmpty()) return null;
    Figure.Builder f = Figure.of(null, "Training curves", "Minibatch loss over iterations, as each model's trainer reported it (training.csv): "
        + "the objective its training minimises, in that trainer's units (its plugin's documentation defines it), so curves of different "
        + "trainers compare in shape, not in height; each phase on its own axis, logarithmic where its loss falls by more than a decade.");
    for (Map.Entry<String, XYSeriesCollection> e : phases.entrySet()) {
      // each phase its own quantity (its axis named after it, so the report does not put phases on one range)
      String label = e.getKey() + " loss";
      JFreeChart chart = ChartFactory.createXYLineChart(e.getKey(), "iteration", label, e.getValue(), PlotOrientation.VERTICAL, true, false, false);
      double lo = e.getValue().getRangeLowerBound(false);
      double hi = e.getValue().getRangeUpperBound(false);
      // a log axis only where the loss falls by more than a decade: within one, it would show a single tick label
      if (positive && hi / lo > 10) chart.getXYPlot().setRangeAxis(new LogarithmicAxis(label));
      else ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
      Charts.style(chart);
      f.panel(e.getKey(), chart);
    }
    return f.build();
  }

  /** The watched amounts as training.csv writes them, in numeric order: " (-30, 0, 30)"; empty when it names none. */
  static String amounts(List<Row> rows) {
    TreeSet<String> seen = new TreeSet<>(TrainingFigure::compareAmounts);
    for (Row r : rows) if (r.layer() != 0 && !r.amount().isEmpty()) seen.add(r.amount());
    if (seen.isEmpty()) return "";
    List<String> shown = new ArrayList<>(seen);
    return " (" + (shown.size() <= 20 ? String.join(", ", shown) : shown.size() + " amounts, " + shown.get(0) + " to " + shown.get(shown.size() - 1)) + ")";
  }

  private static int compareAmounts(String a, String b) {
    try {
      int c = Double.compare(Double.parseDouble(a), Double.parseDouble(b));
      return c != 0 ? c : a.compareTo(b);
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }

  /** Per model and watch probe: layer by layer, the mean over amounts at each look. */
  private static Figure watch(List<Row> rows) {
    // model+metric -> layer -> iteration -> {sum, count}
    Map<String, Map<Integer, TreeMap<Long, double[]>>> panels = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.layer() == 0 || Double.isNaN(r.value())) continue;
      double[] acc = panels.computeIfAbsent(r.model() + ": " + r.metric(), k -> new TreeMap<>()).computeIfAbsent(r.layer(), k -> new TreeMap<>())
          .computeIfAbsent(r.iteration(), k -> new double[2]);
      acc[0] += r.value();
      acc[1]++;
    }
    if (panels.isEmpty()) return null;
    Figure.Builder f = Figure.of(null, "Invariance while training",
        "What the experiment's watch probes saw every few iterations of training: the model as it was then, on a fixed sample of test images and"
            + " their transformed copies; one line per layer (1 = the input), the mean over the watched amounts" + amounts(rows)
            + " (training.csv has each amount). The normalised distance asks whether a layer keeps each image's activity under the transform"
            + " (0: invariant); linear CKA whether it keeps the sample's geometry (1: the transformed sample's representation is the original's up"
            + " to an orthogonal map and a scale of the layer's space), which a transform that only moves pixels about largely does, so the"
            + " input's CKA is then close to 1.");
    for (Map.Entry<String, Map<Integer, TreeMap<Long, double[]>>> p : panels.entrySet()) {
      XYSeriesCollection data = new XYSeriesCollection();
      for (Map.Entry<Integer, TreeMap<Long, double[]>> layer : new TreeMap<>(p.getValue()).entrySet()) {
        XYSeries s = new XYSeries("layer " + layer.getKey());
        layer.getValue().forEach((it, acc) -> s.add((double) it, acc[0] / acc[1]));
        data.addSeries(s);
      }
      String metric = p.getKey().substring(p.getKey().indexOf(": ") + 2);
      JFreeChart chart = ChartFactory.createXYLineChart(p.getKey(), "iteration", metric, data, PlotOrientation.VERTICAL, true, false, false);
      Charts.style(chart);
      f.panel(p.getKey(), chart);
    }
    return f.build();
  }
}
