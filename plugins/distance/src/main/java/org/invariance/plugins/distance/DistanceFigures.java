package org.invariance.plugins.distance;

import java.util.ArrayList;
import java.util.List;
import org.invariance.plugin.Figures;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Charts;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * Figure 5: boxplots of the per-sample distances between the activations of rotated copies, per
 * layer and pair, raw (5a) and divided by sqrt(N_layer) (5b); and the claim that they shrink with depth.
 */
public final class DistanceFigures implements Figures {
  @Override
  public void draw(ReportContext ctx) {
    figure(ctx, "5a", "distance", "Euclidean distances", "Euclidean distance between the activation vectors of the same test image in the two datasets of each pair, per layer (layer 1: the input pixels; 2-4: the encoder's sigmoid layers). Boxes: quartiles; whiskers: 1.5 IQR; dot: mean.");
    figure(ctx, "5b", "normalized_distance", "Euclidean distances divided by sqrt(N_layer)", "The distances of Figure 5a divided by the square root of the layer's size, so that layers of different sizes compare.");
  }

  private static void figure(ReportContext ctx, String number, String metric, String title, String caption) {
    ResultTable samples = ctx.results().metric(metric);
    List<String> pairs = samples.distinct("dataset");
    List<String> layers = samples.distinct("layer");
    Figure.Builder fig = Figure.of(number, title, caption);
    for (String model : ctx.models()) {
      ResultTable m = samples.where("model", model);
      if (m.isEmpty()) continue;
      DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
      for (String pair : pairs) {
        for (String layer : layers) {
          List<Double> v = new ArrayList<>();
          for (double x : m.where("dataset", pair).where("layer", layer).values()) v.add(x);
          data.add(v, pair, "layer " + layer);
        }
      }
      JFreeChart chart = ChartFactory.createBoxAndWhiskerChart(model, "layer", metric.replace('_', ' '), data, true);
      BoxAndWhiskerRenderer r = (BoxAndWhiskerRenderer) chart.getCategoryPlot().getRenderer();
      r.setMaxOutlierVisible(false);
      r.setMinOutlierVisible(false);
      r.setFillBox(true);
      r.setMeanVisible(true);
      Charts.style(chart);
      fig.panel(model, chart, 560, 380);
      claim(ctx, model, number, metric, pairs, layers);
    }
    ctx.figure(fig.build());
  }

  /** Held when, for every pair, each layer's mean distance is below the previous layer's. */
  private static void claim(ReportContext ctx, String model, String number, String metric, List<String> pairs, List<String> layers) {
    ResultTable means = ctx.results().metric("mean_" + metric).where("model", model);
    boolean held = true;
    StringBuilder measured = new StringBuilder();
    for (String pair : pairs) {
      double prev = Double.POSITIVE_INFINITY;
      List<String> values = new ArrayList<>();
      String rise = null;
      for (String layer : layers) {
        double v = means.where("dataset", pair).where("layer", layer).value();
        values.add(String.format("%.3g", v));
        if (v >= prev && rise == null) rise = "rises " + (Integer.parseInt(layer) - 1) + "→" + layer;
        prev = v;
      }
      held &= rise == null;
      if (measured.length() > 0) measured.append("; ");
      measured.append(pair).append(": ").append(String.join(", ", values)).append(rise == null ? "" : " (" + rise + ")");
    }
    String what = metric.equals("distance") ? "raw" : "divided by sqrt(N_layer)";
    ctx.claim(new Claim("Distances between rotated copies shrink with depth (" + what + ")", "Figure " + number, model,
        "mean per layer " + layers + ": " + measured, "for every pair, each layer's mean below the previous layer's", held));
  }
}
