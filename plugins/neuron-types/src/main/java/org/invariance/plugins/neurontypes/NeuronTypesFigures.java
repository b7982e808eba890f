package org.invariance.plugins.neurontypes;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Neuron types (the study's Algorithm 1) per layer and class, as fractions of the layer and as
 * absolute numbers, and the Pearson correlation between the classes' type-A neurons in the
 * correlation layer. In the study's setting (MNIST, rotation, two frozen-head classifiers) these are
 * its Figures 7, 9 and 8, with its claims on them (counts fall with depth, type-A neurons differ
 * between digits); elsewhere they are figures beyond the study, worded from the setting, and judge
 * no claim.
 */
public final class NeuronTypesFigures implements Figures {
  static final List<String> TYPES = List.of("A", "B1", "B2");
  /** Mean off-diagonal correlation below which the digits' type-A neurons count as weakly related. */
  static final double LOW_CORRELATION = 0.3;

  @Override
  public void draw(ReportContext ctx) {
    ReportContext.Setting setting = ctx.setting();
    boolean study = setting.is("MNIST", "rotation", "frozen-head");
    String transform = setting.transform() == null || setting.transform().isBlank() ? "transform" : setting.transform();
    String data = setting.data() == null || setting.data().isBlank() || setting.data().equals("?") ? "T" : setting.data();
    String unit = study ? "digit" : "class";
    ResultTable t = ctx.results();
    List<String> typedLayers = layers(t.metric("fraction").filter(r -> !r.get("digit").equals("all")));
    String typed = (typedLayers.size() == 1 ? "the colour is layer " : "colours are layers ") + span(typedLayers);
    String subsets = study ? "on the digit subsets MNIST^i_d"
        : "on each class's subsets " + data + "^i_d (class i by its index; d: the " + transform + " amounts of the set D)";
    perDigit(ctx, t.metric("fraction"), study ? "7" : null, "Neuron types per layer and " + unit + ", as a fraction of the layer",
        "The fraction of each layer's neurons of type A (solid), B1 (dashed) and B2 (dotted) found by Algorithm 1 " + subsets + "; " + typed + ".",
        "fraction of layer", unit);
    perDigit(ctx, t.metric("count"), study ? "9" : null, "Neuron types per layer and " + unit + ", absolute numbers",
        "The number of neurons of each type per layer (colours) and " + unit + ", as in " + (study ? "Figure 7" : "the fractions above")
            + " but not divided by the layer size.",
        "neurons", unit);

    ResultTable pearson = t.metric("pearson");
    List<String> correlated = layers(pearson);
    String layer = correlated.isEmpty() ? "the top layer" : (correlated.size() == 1 ? "layer " : "layers ") + String.join(", ", correlated);
    Figure.Builder fig8 = study
        ? Figure.of("8", "Correlation between the digits' type-A neurons in " + layer,
            "Pearson correlation between the indicator vectors of type-A neurons in " + layer
                + " found on each digit's subsets MNIST^i_d (grey where a digit has no type-A neuron).")
        : Figure.of(null, "Correlation between the classes' type-A neurons in " + layer,
            "Pearson correlation between the indicator vectors of type-A neurons in " + layer + " found " + subsets
                + " (grey where a class has no type-A neuron).");
    List<String> digits = pearson.distinct("digit");
    boolean any = false;
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
      fig8.panel(model, Charts.heatMap(model, unit, digits, unit, digits, z, -1, 1), 470, 400);
      any = true;
      // the study's claims are about its pair of classifiers in its setting; elsewhere nothing is judged
      if (study && n > 0) {
        double mean = sum / n;
        ctx.claim(new Claim("Type-A neurons of " + layer + " differ between digits (low correlation)", "Figure 8", model,
            String.format("mean off-diagonal r = %.2f over %d digit pairs", mean, n / 2), String.format("mean r < %.1f", LOW_CORRELATION),
            mean < LOW_CORRELATION).withValue("mean off-diagonal Pearson r between digits' type-A neurons", mean));
      }
    }
    if (any) ctx.figure(fig8.build());
    if (!study) return;

    ResultTable counts = t.metric("count").where("digit", "all");
    for (String model : ctx.models()) {
      ResultTable m = counts.where("model", model);
      if (m.isEmpty()) continue;
      List<String> layers = layers(m);
      boolean held = true;
      double largest = Double.NaN; // the largest count / previous layer's count over types and layers; held iff below 1
      List<String> parts = new ArrayList<>();
      for (String type : TYPES) {
        List<String> v = new ArrayList<>();
        double prev = Double.POSITIVE_INFINITY;
        for (String l : layers) {
          double c = m.where("type", type).where("layer", l).value();
          held &= c < prev;
          if (!v.isEmpty()) {
            double ratio = ratio(c, prev);
            largest = Double.isNaN(largest) ? ratio : Math.max(largest, ratio);
          }
          prev = c;
          v.add(String.valueOf((long) c));
        }
        parts.add(type + ": " + String.join(", ", v));
      }
      ctx.claim(new Claim("The absolute number of each type falls from layer to layer", "Figure 9", model,
          "neurons per layer " + layers + " (all digits): " + String.join("; ", parts), "each type's count below the previous layer's", held)
          .withValue("largest ratio of a type's count to its count in the previous layer", largest));
    }
  }

  /** c / prev, with 0 / 0 a ratio of 1 (no fall) and c / 0 infinite, so that c < prev iff the ratio is below 1 (counts are not negative). */
  static double ratio(double c, double prev) {
    if (prev == 0) return c == 0 ? 1 : Double.POSITIVE_INFINITY;
    return c / prev;
  }

  /** The layers in the rows, in numeric order. */
  static List<String> layers(ResultTable rows) {
    List<String> out = new ArrayList<>(rows.distinct("layer"));
    out.sort(Comparator.comparingInt(Integer::parseInt));
    return out;
  }

  /** "1-4" for consecutive layers, else "2, 4". */
  static String span(List<String> layers) {
    boolean consecutive = layers.size() > 1;
    for (int i = 1; i < layers.size(); i++) consecutive &= Integer.parseInt(layers.get(i)) == Integer.parseInt(layers.get(i - 1)) + 1;
    return consecutive ? layers.get(0) + "-" + layers.get(layers.size() - 1) : String.join(", ", layers);
  }

  private static void perDigit(ReportContext ctx, ResultTable metric, String number, String title, String caption, String axis, String unit) {
    Figure.Builder fig = Figure.of(number, title, caption);
    ResultTable digits = metric.filter(r -> !r.get("digit").equals("all"));
    boolean any = false;
    for (String model : ctx.models()) {
      ResultTable m = digits.where("model", model);
      if (m.isEmpty()) continue;
      List<String> layers = layers(m);
      DefaultCategoryDataset data = new DefaultCategoryDataset();
      for (String type : TYPES) {
        for (String layer : layers) {
          for (ResultTable.Row r : m.where("type", type).where("layer", layer).rows()) {
            data.addValue(r.value(), "type " + type + ", layer " + layer, r.get("digit"));
          }
        }
      }
      JFreeChart chart = ChartFactory.createLineChart(model, unit, axis, data, PlotOrientation.VERTICAL, true, false, false);
      CategoryItemRenderer r = chart.getCategoryPlot().getRenderer();
      for (int s = 0; s < data.getRowCount(); s++) {
        int type = s / layers.size();
        int layer = s % layers.size();
        r.setSeriesPaint(s, Charts.color(layer));
        r.setSeriesStroke(s, stroke(type));
      }
      Charts.style(chart);
      fig.panel(model, chart, 600, 420);
      any = true;
    }
    if (any) ctx.figure(fig.build());
  }

  private static BasicStroke stroke(int type) {
    return switch (type) {
      case 0 -> new BasicStroke(2f);
      case 1 -> new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 4f}, 0f);
      default -> new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f);
    };
  }
}
