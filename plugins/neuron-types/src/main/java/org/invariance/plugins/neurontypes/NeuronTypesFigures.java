package org.invariance.plugins.neurontypes;

import java.awt.BasicStroke;
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
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Figure 7 (type frequencies per layer and digit, as fractions of the layer), Figure 8 (Pearson
 * correlation between the digits' type-A neurons in layer 4), Figure 9 (absolute counts), and the
 * study's claims on them: counts fall with depth, type-A neurons differ between digits.
 */
public final class NeuronTypesFigures implements Figures {
  static final List<String> TYPES = List.of("A", "B1", "B2");
  /** Mean off-diagonal correlation below which the digits' type-A neurons count as weakly related. */
  static final double LOW_CORRELATION = 0.3;

  @Override
  public void draw(ReportContext ctx) {
    ResultTable t = ctx.results();
    ctx.figure(perDigit(ctx, t.metric("fraction"), "7", "Neuron types per layer and digit, as a fraction of the layer",
        "The fraction of each layer's neurons of type A (solid), B1 (dashed) and B2 (dotted) found by Algorithm 1 on the digit subsets MNIST^i_d; colours are layers 1-4.", "fraction of layer"));
    ctx.figure(perDigit(ctx, t.metric("count"), "9", "Neuron types per layer and digit, absolute numbers",
        "The number of neurons of each type per layer (colours) and digit, as in Figure 7 but not divided by the layer size.", "neurons"));

    Figure.Builder fig8 = Figure.of("8", "Correlation between the digits' type-A neurons in layer 4",
        "Pearson correlation between the indicator vectors of type-A neurons in layer 4 found on each digit's subsets MNIST^i_d (grey where a digit has no type-A neuron).");
    ResultTable pearson = t.metric("pearson");
    List<String> digits = pearson.distinct("digit");
    for (String model : ctx.models()) {
      ResultTable m = pearson.where("model", model);
      if (m.isEmpty()) continue;
      double[][] z = new double[digits.size()][digits.size()];
      double sum = 0;
      int n = 0;
      for (ResultTable.Row r : m.rows()) {
        int i = digits.indexOf(r.get("digit"));
        int j = digits.indexOf(r.get("other_digit"));
        z[i][j] = r.value();
        if (i != j && !Double.isNaN(r.value())) {
          sum += r.value();
          n++;
        }
      }
      fig8.panel(model, Charts.heatMap(model, "digit", digits, "digit", digits, z, -1, 1), 470, 400);
      if (n > 0) {
        double mean = sum / n;
        ctx.claim(new Claim("Type-A neurons of layer 4 differ between digits (low correlation)", "Figure 8", model,
            String.format("mean off-diagonal r = %.2f over %d digit pairs", mean, n / 2), String.format("mean r < %.1f", LOW_CORRELATION),
            mean < LOW_CORRELATION));
      }
    }
    ctx.figure(fig8.build());

    ResultTable counts = t.metric("count").where("digit", "all");
    for (String model : ctx.models()) {
      ResultTable m = counts.where("model", model);
      if (m.isEmpty()) continue;
      List<String> layers = m.distinct("layer");
      boolean held = true;
      List<String> parts = new ArrayList<>();
      for (String type : TYPES) {
        List<String> v = new ArrayList<>();
        double prev = Double.POSITIVE_INFINITY;
        for (String layer : layers) {
          double c = m.where("type", type).where("layer", layer).value();
          held &= c < prev;
          prev = c;
          v.add(String.valueOf((long) c));
        }
        parts.add(type + ": " + String.join(", ", v));
      }
      ctx.claim(new Claim("The absolute number of each type falls from layer to layer", "Figure 9", model,
          "neurons per layer " + layers + " (all digits): " + String.join("; ", parts), "each type's count below the previous layer's", held));
    }
  }

  private static Figure perDigit(ReportContext ctx, ResultTable metric, String number, String title, String caption, String axis) {
    Figure.Builder fig = Figure.of(number, title, caption);
    ResultTable digits = metric.filter(r -> !r.get("digit").equals("all"));
    for (String model : ctx.models()) {
      ResultTable m = digits.where("model", model);
      if (m.isEmpty()) continue;
      List<String> layers = m.distinct("layer");
      DefaultCategoryDataset data = new DefaultCategoryDataset();
      for (String type : TYPES) {
        for (String layer : layers) {
          for (ResultTable.Row r : m.where("type", type).where("layer", layer).rows()) {
            data.addValue(r.value(), "type " + type + ", layer " + layer, r.get("digit"));
          }
        }
      }
      JFreeChart chart = ChartFactory.createLineChart(model, "digit", axis, data, PlotOrientation.VERTICAL, true, false, false);
      CategoryItemRenderer r = chart.getCategoryPlot().getRenderer();
      for (int s = 0; s < data.getRowCount(); s++) {
        int type = s / layers.size();
        int layer = s % layers.size();
        r.setSeriesPaint(s, Charts.color(layer));
        r.setSeriesStroke(s, stroke(type));
      }
      Charts.style(chart);
      fig.panel(model, chart, 600, 420);
    }
    return fig.build();
  }

  private static BasicStroke stroke(int type) {
    return switch (type) {
      case 0 -> new BasicStroke(2f);
      case 1 -> new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 4f}, 0f);
      default -> new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f);
    };
  }
}
