package org.invariance.plugins.cka;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Charts;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.invariance.study.SeedStudy;
import org.invariance.study.StudyFigures;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Beyond the study: CKA between the layer representations of transformed copies, per layer, one
 * panel per model and estimator (linear; debiased where the CSV has it), one line per dataset pair,
 * and the permutation baseline as a grey band: from the lowest mean to the highest 95th percentile
 * over the pairs of CKA with the images re-paired at random, its middle line the mean of the means.
 */
public final class CkaFigures implements StudyFigures {
  static final Color BAND = new Color(160, 160, 160);

  /** One estimator's metrics. */
  record Estimator(String label, String metric, String permutedMean, String permutedP95) {}

  static final List<Estimator> ESTIMATORS = List.of(
      new Estimator("linear CKA", "cka", "cka_permuted_mean", "cka_permuted_p95"),
      new Estimator("debiased CKA", "cka_debiased", "cka_debiased_permuted_mean", "cka_debiased_permuted_p95"));

  @Override
  public void draw(ReportContext ctx) {
    ResultTable all = ctx.results();
    boolean study = SeedStudy.repeats(ctx.setting());
    String method = "Centred kernel alignment (Kornblith et al. 2019) between the activations of the same test images untransformed and "
        + "transformed, per layer: 1 means the two representations agree up to a rotation and scaling of the activation space. ";
    String estimators = "Linear CKA is biased upward on finite samples (by more the fewer the images and the more the features); debiased CKA "
        + "replaces each HSIC by the unbiased estimator of Song et al. 2012 and is near 0 for unrelated representations at any "
        + "sample size. The grey band is the permutation baseline: the same comparison with the transformed images randomly "
        + "re-paired, from the lowest mean to the highest 95th percentile over the pairs (line: the mean), so a value above it is "
        + "more than chance (unless the experiment sets cka.permutations, the exact mean and variance over all re-pairings, the "
        + "95th percentile as mean + 1.645 sd). ";
    Figure.Builder fig = study
        ? Figure.of(null, "CKA between the representations of transformed copies", method + estimators
            + "Layer 1 is the input: one fixed rotation moves pixels almost like a permutation, so CKA is near 1 "
            + "there, while a mixed set (MNIST_mix) rotates each image by its own angle.")
        // beyond the study: the transform and data as the setting names them, the pairs as the rows do (one line per pair)
        : Figure.of(null, Charts.titleBeyond(ctx, "CKA between the representations of copies under " + Charts.transformName(ctx.setting())),
            Charts.captionBeyond(ctx, "Centred kernel alignment (Kornblith et al. 2019) between the activations of the same test images of "
                + Charts.dataName(ctx.setting(), "the data") + " in the two datasets of each pair " + pairs(all) + " (" + Charts.transformName(ctx.setting())
                + " amounts), per layer: 1 means the two representations agree up to an orthogonal map and a scaling of the activation space. "
                + estimators + "Layer 1 is the input itself."));
    for (String model : ctx.models()) {
      for (Estimator e : ESTIMATORS) {
        ResultTable m = all.metric(e.metric()).where("model", model);
        if (m.isEmpty()) continue;
        fig.panel(model + ", " + e.label(), chart(model, e, m, all.where("model", model)), 560, 380);
      }
    }
    ctx.figure(fig.build());
  }

  /** The pairs the rows compare, in order of first appearance: "(T_0 vs T_0.5, T_0 vs T_mix)". */
  static String pairs(ResultTable rows) {
    LinkedHashSet<String> pairs = new LinkedHashSet<>();
    for (ResultTable.Row r : rows.rows()) pairs.add(r.dataset() + " vs " + r.get("other_dataset"));
    return "(" + String.join(", ", pairs) + ")";
  }

  private static JFreeChart chart(String model, Estimator e, ResultTable values, ResultTable rows) {
    XYSeriesCollection data = new XYSeriesCollection();
    // one series per pair, "T_0 vs T_30" (columns dataset and other_dataset), in order of first appearance
    Map<String, XYSeries> pairs = new LinkedHashMap<>();
    for (ResultTable.Row r : values.rows()) {
      pairs.computeIfAbsent(r.dataset() + " vs " + r.get("other_dataset"), XYSeries::new).add(r.integer("layer"), r.value());
    }
    pairs.values().forEach(data::addSeries);
    JFreeChart chart = ChartFactory.createXYLineChart(model + ": " + e.label(), "layer", e.label(), data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    YIntervalSeries band = band(rows.metric(e.permutedMean()), rows.metric(e.permutedP95()));
    double low = Math.min(0, min(values.values()));
    if (!band.isEmpty()) {
      YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
      bands.addSeries(band);
      plot.setDataset(1, bands);
      DeviationRenderer r = new DeviationRenderer(true, false);
      r.setSeriesPaint(0, BAND);
      r.setSeriesFillPaint(0, BAND);
      r.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
      r.setAlpha(0.35f);
      plot.setRenderer(1, r);
      for (int i = 0; i < band.getItemCount(); i++) low = Math.min(low, band.getYLowValue(i));
    }
    plot.getRangeAxis().setRange(low < 0 ? low - 0.05 : 0, 1.02);
    plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    return Charts.style(chart);
  }

  /** Per layer: the lowest permuted mean and highest permuted p95 over the pairs, around the mean of the means. */
  static YIntervalSeries band(ResultTable means, ResultTable p95s) {
    YIntervalSeries band = new YIntervalSeries("permuted (chance)");
    for (String layer : means.distinct("layer")) {
      double[] m = means.where("layer", layer).values();
      double[] p = p95s.where("layer", layer).values();
      if (m.length == 0 || p.length == 0) continue;
      double mean = 0;
      for (double v : m) mean += v;
      band.add(Double.parseDouble(layer), mean / m.length, min(m), max(p));
    }
    return band;
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) m = Math.min(m, x);
    return m;
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) m = Math.max(m, x);
    return m;
  }
}
