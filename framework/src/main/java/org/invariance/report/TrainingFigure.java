package org.invariance.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.results.Figure;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The models' training curves from {@code training.csv}: loss over iterations, one panel per
 * training phase (pretraining, head, ...), one line per model. Drawn by the framework for every run,
 * since every trainer reports its loss the same way.
 */
final class TrainingFigure {
  private TrainingFigure() {}

  /** The figure, or null when the run trained nothing with a reported loss. */
  static Figure draw(Path csv) throws IOException {
    if (!Files.isRegularFile(csv)) return null;
    List<String> lines = Files.readAllLines(csv);
    Map<String, XYSeriesCollection> phases = new LinkedHashMap<>();
    Map<String, XYSeries> series = new LinkedHashMap<>();
    boolean positive = true;
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] c = line.split(",", -1);
      if (c.length < 6 || c[3].isEmpty()) continue;
      double loss = Double.parseDouble(c[3]);
      positive &= loss > 0;
      XYSeries s = series.computeIfAbsent(c[1] + "\u0000" + c[0], k -> {
        XYSeries n = new XYSeries(c[0]);
        phases.computeIfAbsent(c[1], p -> new XYSeriesCollection()).addSeries(n);
        return n;
      });
      s.add(Long.parseLong(c[2]), loss);
    }
    if (phases.isEmpty()) return null;
    Figure.Builder f = Figure.of(null, "Training curves", "Minibatch loss over iterations, as each model's trainer reported it (training.csv)"
        + (positive ? "; logarithmic loss axis." : "."));
    for (Map.Entry<String, XYSeriesCollection> e : phases.entrySet()) {
      JFreeChart chart = ChartFactory.createXYLineChart(e.getKey(), "iteration", "loss", e.getValue(), PlotOrientation.VERTICAL, true, false, false);
      if (positive) chart.getXYPlot().setRangeAxis(new LogarithmicAxis("loss"));
      Charts.style(chart);
      f.panel(e.getKey(), chart);
    }
    return f.build();
  }
}
