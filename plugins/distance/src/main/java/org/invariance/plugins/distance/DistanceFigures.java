package org.invariance.plugins.distance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.invariance.plugin.Figures;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Charts;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.invariance.study.SeedStudy;
import org.invariance.study.StudyFigures;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.data.statistics.BoxAndWhiskerCalculator;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * Boxplots of the per-sample distances between the activations of the same image under two amounts
 * of the probe's transform, per layer and pair, raw and divided by sqrt(N_layer). In the study's
 * setting (MNIST, rotation, two frozen-head classifiers) these are its Figures 5a and 5b, with the
 * claim that the distances shrink with depth (each layer's mean over the previous layer's below the
 * probe's {@code claim_max_ratio}), which the study makes for the AER network (its first model; its
 * section 4 compares "the first four layers of the AER-MLP"): the same test on the other models is
 * a row beyond the study. Elsewhere they are figures beyond the study, worded from the setting, and
 * judge no claim.
 */
public final class DistanceFigures implements StudyFigures {
  @Override
  public void draw(ReportContext ctx) {
    ReportContext.Setting setting = ctx.setting();
    boolean study = SeedStudy.repeats(setting);
    String transform = Charts.transformName(setting);
    double maxRatio = ctx.config(DistanceConfig.class).claimMaxRatio();
    String layers = layerNote(layers(ctx.results().metric("distance")), study);
    if (study) {
      figure(ctx, true, maxRatio, "5a", "distance", "Euclidean distances", "Euclidean distance between the activation vectors of the same test image in the two datasets of each pair, per layer ("
          + layers + "). Boxes: quartiles; whiskers: 1.5 IQR; dot: mean.");
      figure(ctx, true, maxRatio, "5b", "normalized_distance", "Euclidean distances divided by sqrt(N_layer)",
          "The distances of Figure 5a divided by the square root of the layer's size, so that layers of different sizes compare.");
    } else {
      String data = Charts.dataName(setting, "the data");
      figure(ctx, false, maxRatio, null, "distance", Charts.titleBeyond(ctx, "Euclidean distances under " + transform + ", per layer"),
          Charts.captionBeyond(ctx, "Euclidean distance between the activation vectors of the same test image of " + data + " under the two " + transform
              + " amounts of each pair " + pairList(ctx.results().metric("distance")) + ", per layer (" + layers
              + "). Boxes: quartiles; whiskers: 1.5 IQR; dot: mean."));
      figure(ctx, false, maxRatio, null, "normalized_distance", Charts.titleBeyond(ctx, "Euclidean distances under " + transform + " divided by sqrt(N_layer)"),
          Charts.captionBeyond(ctx, "The distances between the activation vectors of the same test image of " + data + " under the two " + transform
              + " amounts of each pair " + pairList(ctx.results().metric("normalized_distance"))
              + ", divided by the square root of the layer's size N_layer, so that layers of different sizes compare."));
    }
  }

  /** The pairs of datasets in the rows, in order of first appearance, each as "A vs B" (columns dataset and other_dataset). */
  static List<String> pairs(ResultTable rows) {
    List<String> out = new ArrayList<>();
    for (ResultTable.Row r : rows.rows()) {
      String pair = pair(r);
      if (!out.contains(pair)) out.add(pair);
    }
    return out;
  }

  /** The pairs as a caption lists them: "(T_1.0 vs T_mix, T_1.0 vs T_0.8)". */
  static String pairList(ResultTable rows) {
    return "(" + String.join(", ", pairs(rows)) + ")";
  }

  static String pair(ResultTable.Row r) {
    return r.dataset() + " vs " + r.get("other_dataset");
  }

  /** The rows of one pair of {@link #pairs}. */
  static ResultTable of(ResultTable rows, String pair) {
    return rows.filter(r -> pair(r).equals(pair));
  }

  /** The layers that appear in the rows, in numeric order. */
  static List<String> layers(ResultTable rows) {
    List<String> out = new ArrayList<>(rows.distinct("layer"));
    out.sort(Comparator.comparingInt(Integer::parseInt));
    return out;
  }

  /** What the layers are: 1 is the input (the model contract); above it the encoder's sigmoid layers in the study, the model's own layers elsewhere. */
  static String layerNote(List<String> layers, boolean study) {
    List<String> above = new ArrayList<>(layers);
    boolean input = above.remove("1");
    String what = study ? "the encoder's sigmoid layer" : "the model's layer";
    String rest = above.isEmpty() ? "" : above.size() == 1 ? "layer " + above.get(0) + ": " + what : (input ? "" : "layers ") + span(above) + ": " + what + "s";
    if (!study && !above.isEmpty()) rest += ", counted from the input";
    if (!input) return rest.isEmpty() ? "no layers" : rest;
    return "layer 1: the input pixels" + (rest.isEmpty() ? "" : "; " + rest);
  }

  /** "2-4" for consecutive layers, else "2, 4". */
  static String span(List<String> layers) {
    boolean consecutive = layers.size() > 1;
    for (int i = 1; i < layers.size(); i++) consecutive &= Integer.parseInt(layers.get(i)) == Integer.parseInt(layers.get(i - 1)) + 1;
    return consecutive ? layers.get(0) + "-" + layers.get(layers.size() - 1) : String.join(", ", layers);
  }

  private static void figure(ReportContext ctx, boolean study, double maxRatio, String number, String metric, String title, String caption) {
    ResultTable samples = ctx.results().metric(metric);
    List<String> pairs = pairs(samples);
    List<String> layers = layers(samples);
    List<Figure.Panel> panels = new ArrayList<>();
    List<String> beyond = new ArrayList<>();
    for (String model : ctx.models()) {
      ResultTable m = samples.where("model", model);
      if (m.isEmpty()) continue;
      DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
      long outside = 0;
      long all = 0;
      for (String pair : pairs) {
        for (String layer : layers) {
          double[] values = of(m, pair).where("layer", layer).values();
          if (values.length == 0) continue;
          data.add(withoutOutlierMarks(values), pair, "layer " + layer);
          outside += beyondWhiskers(values);
          all += values.length;
        }
      }
      beyond.add(model + " " + String.format("%.1f%%", 100.0 * outside / Math.max(1, all)));
      JFreeChart chart = ChartFactory.createBoxAndWhiskerChart(model, "layer", metric.replace('_', ' '), data, true);
      BoxAndWhiskerRenderer r = (BoxAndWhiskerRenderer) chart.getCategoryPlot().getRenderer();
      r.setMaxOutlierVisible(false);
      r.setMinOutlierVisible(false);
      r.setFillBox(true);
      r.setMeanVisible(true);
      Charts.style(chart);
      panels.add(new Figure.Panel(model, chart, 560, 380));
      // the study's claim is about AER (its first model) in its setting: the same test on another model is beyond the study;
      // outside its setting nothing is judged
      if (study) {
        Claim c = claim(ctx, model, number, metric, pairs, layers, maxRatio);
        ctx.claim(model.equals(ctx.models().get(0)) ? c : c.beyondStudy());
      }
    }
    if (panels.isEmpty()) return;
    // the samples beyond the whiskers are many and cluster: marked one by one they read as a few (a double circle for "several")
    Figure.Builder fig = Figure.of(number, title, caption + " Samples beyond the whiskers, not drawn one by one: " + String.join(", ", beyond) + ".");
    for (Figure.Panel p : panels) fig.panel(p.label(), p.chart(), p.width(), p.height());
    ctx.figure(fig.build());
  }

  /** Tukey's box (quartiles, whiskers at the furthest samples within 1.5 IQR, mean) with no outlier marks. */
  static BoxAndWhiskerItem withoutOutlierMarks(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) list.add(v);
    BoxAndWhiskerItem b = BoxAndWhiskerCalculator.calculateBoxAndWhiskerStatistics(list);
    return new BoxAndWhiskerItem(b.getMean(), b.getMedian(), b.getQ1(), b.getQ3(), b.getMinRegularValue(), b.getMaxRegularValue(),
        b.getMinRegularValue(), b.getMaxRegularValue(), List.of());
  }

  /** How many samples lie beyond the whiskers of {@link #withoutOutlierMarks}. */
  static long beyondWhiskers(double[] values) {
    BoxAndWhiskerItem b = withoutOutlierMarks(values);
    double low = b.getMinRegularValue().doubleValue();
    double high = b.getMaxRegularValue().doubleValue();
    long n = 0;
    for (double v : values) if (v < low || v > high) n++;
    return n;
  }

  /**
   * Held when, for every pair, each layer's mean distance divided by the previous layer's is below
   * {@code maxRatio} (1 by default: each layer's mean below the previous layer's); its number is
   * the largest such ratio over all pairs (held iff below {@code maxRatio}).
   */
  private static Claim claim(ReportContext ctx, String model, String number, String metric, List<String> pairs, List<String> layers, double maxRatio) {
    ResultTable means = ctx.summaries().metric("mean_" + metric).where("model", model);
    boolean held = true;
    double largest = Double.NaN; // none with fewer than two layers
    StringBuilder measured = new StringBuilder();
    for (String pair : pairs) {
      double prev = Double.POSITIVE_INFINITY;
      String prevLayer = null;
      List<String> values = new ArrayList<>();
      String rise = null;
      for (String layer : layers) {
        double v = of(means, pair).where("layer", layer).value();
        values.add(String.format("%.3g", v));
        if (prevLayer != null) {
          double ratio = ratio(v, prev);
          largest = Double.isNaN(largest) ? ratio : Math.max(largest, ratio);
          if (!(ratio < maxRatio) && rise == null) {
            rise = v >= prev ? "rises " + prevLayer + "→" + layer : String.format("ratio %.3g at %s→%s", ratio, prevLayer, layer);
          }
        }
        prev = v;
        prevLayer = layer;
      }
      held &= rise == null;
      if (measured.length() > 0) measured.append("; ");
      measured.append(pair).append(": ").append(String.join(", ", values)).append(rise == null ? "" : " (" + rise + ")");
    }
    String what = metric.equals("distance") ? "raw" : "divided by sqrt(N_layer)";
    String rule = maxRatio == 1 ? "each layer's mean below the previous layer's (ratio < 1, claim_max_ratio)"
        : "each layer's mean below " + number(maxRatio) + " x the previous layer's (ratio < " + number(maxRatio) + ", claim_max_ratio)";
    return new Claim("Distances between rotated copies shrink with depth (" + what + ")", "Figure " + number, model,
        "mean per layer " + layers + ": " + measured, "for every pair, " + rule, held)
        .withValue("largest ratio of a layer's mean distance (" + what + ") to the previous layer's, over pairs", largest)
        .withThreshold(maxRatio);
  }

  /** A threshold as written: 1, 0.9 (no trailing zeros). */
  static String number(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** v / prev, with 0 / 0 a ratio of 1 (no shrink) and v / 0 infinite, so that v < prev iff the ratio is below 1 (distances are not negative). */
  static double ratio(double v, double prev) {
    if (prev == 0) return v == 0 ? 1 : Double.POSITIVE_INFINITY;
    return v / prev;
  }
}
