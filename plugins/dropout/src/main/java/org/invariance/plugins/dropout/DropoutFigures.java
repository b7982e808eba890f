package org.invariance.plugins.dropout;

import java.awt.BasicStroke;
import java.awt.Color;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Charts;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.invariance.study.SeedStudy;
import org.invariance.study.StudyFigures;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Accuracy after dropping a random fraction of the top layer (mean over the trials) beside the
 * accuracy after dropping each type, and the claim that dropping the type-A neurons costs as much
 * as dropping nearly twice as many random ones (the ratio in the probe's {@code claim_band}, the
 * study's [1.5, 2.5] by default). In the study's setting (MNIST, rotation, two frozen-head
 * classifiers) this is its Figure 11 and its claim, which the study makes for AER (its first
 * model) only: the same test on the other models is a row beyond the study; elsewhere it is a figure
 * beyond the study, worded from the setting, and judges no claim.
 */
public final class DropoutFigures implements StudyFigures {

  @Override
  public void draw(ReportContext ctx) {
    ResultTable acc = ctx.results().metric("accuracy");
    ResultTable means = ctx.summaries().metric("accuracy");
    List<String> datasets = acc.distinct("dataset");
    ReportContext.Setting setting = ctx.setting();
    boolean study = SeedStudy.repeats(setting);
    String transform = Charts.transformName(setting);
    String dataName = Charts.dataName(setting, "T");
    DropoutConfig config = ctx.config(DropoutConfig.class);
    int trials = config.trials();
    int digit = config.digit();
    double low = config.claimBand().get(0);
    double high = config.claimBand().get(1);
    Figure.Builder fig = study
        ? Figure.of("11", "Random dropout in layer 4 against dropping each type",
            "Blue: accuracy after dropping a random fraction of layer 4's neurons, mean over " + trials
                + " seeded trials. Horizontal lines: accuracy after dropping the neurons of type A, B1 or B2 found on digit "
                + digit + "'s subsets; the dot on each line marks that type's own fraction of the layer; the shaded band is the 95% interval of the random curve's mean over its trials (Student's t).")
        : Figure.of(null, Charts.titleBeyond(ctx, "Random dropout in the top layer against dropping each type, under " + transform),
            Charts.captionBeyond(ctx, "Blue: accuracy after dropping a random fraction of the neurons of the model's top layer (their activity set to 0), mean over " + trials
                + " seeded trials, on each dataset (" + transform + " amounts: " + String.join(", ", datasets)
                + "). Horizontal lines: accuracy after dropping the neurons of type A, B1 or B2 found by Algorithm 1 on class "
                + digit + "'s subsets " + dataName + "^" + digit + "_d (" + (setting.className(Integer.toString(digit)).equals(Integer.toString(digit))
                    ? "class " + digit + " by its index in the class list" : "class " + digit + " is " + setting.className(Integer.toString(digit)))
                + "); the dot on each line marks that type's own fraction of the layer; the shaded band is the 95% interval of the random curve's mean over its trials (Student's t)."));
    boolean drawn = false;
    for (String model : ctx.models()) {
      List<String> measured = new ArrayList<>();
      boolean held = true;
      boolean any = false;
      // the dataset the test is weakest on: its ratio nearest to, or farthest outside, [low, high]
      double weakest = Double.NaN;
      double weakestMargin = Double.POSITIVE_INFINITY;
      boolean first = true;
      for (String d : datasets) {
        ResultTable m = acc.where("model", model).where("dataset", d);
        if (m.isEmpty()) continue;
        double[][] curve = randomCurve(means.where("model", model).where("dataset", d).where("drop", "random"));
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries random = new XYSeries("random");
        for (int i = 0; i < curve[0].length; i++) random.add(100 * curve[0][i], curve[1][i]);
        data.addSeries(random);
        List<String> types = m.filter(r -> !r.get("drop").equals("random")).distinct("drop");
        for (String type : types) {
          ResultTable tr = m.where("drop", type);
          XYSeries s = new XYSeries("type " + type);
          s.add(100 * tr.rows().get(0).number("fraction"), tr.mean());
          data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(model + ", " + d, "neurons dropped (%)", "accuracy", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.getRangeAxis().setRange(0, 1);
        Charts.style(chart);
        // the trials behind each point of the random curve: the 95% interval of their mean as a band
        YIntervalSeriesCollection band = new YIntervalSeriesCollection();
        band.addSeries(trialBand(m.where("drop", "random")));
        DeviationRenderer shade = new DeviationRenderer(false, false);
        shade.setSeriesFillPaint(0, Charts.color(0));
        shade.setAlpha(0.2f);
        shade.setSeriesVisibleInLegend(0, false);
        plot.setDataset(1, band);
        plot.setRenderer(1, shade);
        var renderer = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(renderer);
        renderer.setSeriesPaint(0, Charts.color(0));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        for (int t = 0; t < types.size(); t++) {
          double y = m.where("drop", types.get(t)).mean();
          ValueMarker line = new ValueMarker(y, Charts.color(t + 2), new BasicStroke(1.5f));
          line.setLabel("type " + types.get(t));
          // labels at different places along the line, so close lines stay readable
          line.setLabelAnchor(t == 0 ? RectangleAnchor.BOTTOM_LEFT : t == 1 ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.TOP);
          line.setLabelTextAnchor(t == 0 ? TextAnchor.TOP_LEFT : t == 1 ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_CENTER);
          line.setLabelBackgroundColor(new Color(255, 255, 255, 0));
          plot.addRangeMarker(line);
          renderer.setSeriesPaint(t + 1, Charts.color(t + 2));
          renderer.setSeriesLinesVisible(t + 1, false);
        }
        fig.panel(model + ", " + d, chart, 560, 360);
        drawn = true;

        ResultTable a = m.where("drop", "A");
        if (!a.isEmpty()) {
          any = true;
          double fa = a.rows().get(0).number("fraction");
          double accA = a.mean();
          double feq = equivalentFraction(curve, accA);
          double ratio = feq / fa;
          held &= ratio >= low && ratio <= high;
          double margin = margin(ratio, low, high);
          if (first || margin < weakestMargin) {
            weakest = ratio;
            weakestMargin = margin;
            first = false;
          }
          measured.add(String.format("%s: type A is %.0f%% of the layer, accuracy %.3f; random dropout reaches it at %s (%s)", d, 100 * fa, accA,
              Double.isInfinite(feq) ? "> " + Math.round(100 * curve[0][curve[0].length - 1]) + "%" : String.format("%.0f%%", 100 * feq),
              Double.isInfinite(feq) ? "ratio > " + String.format("%.1f", curve[0][curve[0].length - 1] / fa) : String.format("%.2f x", ratio)));
        }
      }
      // the study's claim is about AER (its first model) in its setting, for digit 1: the same test on another model is beyond
      // the study; outside its setting nothing is judged
      if (study && any && digit == 1) {
        String band = "[" + number(low) + ", " + number(high) + "]";
        Claim claim = new Claim("Dropping the type-A neurons costs as much as dropping nearly twice as many random neurons", "Figure 11", model,
            String.join("; ", measured), "random fraction with equal accuracy / type-A fraction in " + band + " (claim_band) on every dataset", held)
            .withValue("random fraction with equal accuracy / type-A fraction, on the dataset where it is nearest to or farthest outside " + band,
                weakest);
        // no threshold: the test is a band of two (claim_band), not one number to compare the value with
        ctx.claim(model.equals(ctx.models().get(0)) ? claim : claim.beyondStudy());
      }
    }
    if (drawn) ctx.figure(fig.build());
  }

  /**
   * How far a ratio lies inside [low, high] (distance to the nearer bound; negative outside): every
   * dataset's ratio is in range iff the smallest margin is at least 0. An infinite ratio (random
   * dropout never as costly within the measured fractions) and an undefined one (no type-A neuron)
   * have margin minus infinity.
   */
  static double margin(double ratio, double low, double high) {
    return Double.isNaN(ratio) ? Double.NEGATIVE_INFINITY : Math.min(ratio - low, high - ratio);
  }

  /** A threshold as written: 1.5, 2.5, 3 (no trailing zeros). */
  static String number(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** The random-dropout curve from the summary's means over the trials: fractions ascending, the mean accuracy at each. */
  static double[][] randomCurve(ResultTable random) {
    List<String> fractions = random.distinct("fraction");
    List<double[]> points = new ArrayList<>();
    for (String f : fractions) points.add(new double[] {Double.parseDouble(f), random.where("fraction", f).mean()});
    points.sort((x, y) -> Double.compare(x[0], y[0]));
    double[][] c = new double[2][points.size()];
    for (int i = 0; i < points.size(); i++) {
      c[0][i] = points.get(i)[0];
      c[1][i] = points.get(i)[1];
    }
    return c;
  }

  /**
   * The random fraction at which the mean accuracy first falls to {@code accuracy}, by linear
   * interpolation between measured fractions; 0 if it is at or above the intact accuracy, infinite
   * if random dropout never falls that low within the measured fractions.
   */
  static double equivalentFraction(double[][] curve, double accuracy) {
    double[] f = curve[0];
    double[] a = curve[1];
    if (accuracy >= a[0]) return f[0];
    for (int i = 1; i < f.length; i++) {
      if (a[i] <= accuracy) return f[i - 1] + (a[i - 1] - accuracy) / (a[i - 1] - a[i]) * (f[i] - f[i - 1]);
    }
    return Double.POSITIVE_INFINITY;
  }

  /**
   * Per fraction dropped, the mean accuracy over the random trials and the 95% interval of that mean
   * (Student's t over the trials; a single trial gives no interval).
   */
  static YIntervalSeries trialBand(ResultTable random) {
    YIntervalSeries band = new YIntervalSeries("random: 95% interval of the mean over trials");
    Map<Double, List<Double>> byFraction = new TreeMap<>();
    for (ResultTable.Row r : random.rows()) byFraction.computeIfAbsent(r.number("fraction"), k -> new ArrayList<>()).add(r.value());
    for (Map.Entry<Double, List<Double>> e : byFraction.entrySet()) {
      List<Double> v = e.getValue();
      double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      double half = 0;
      if (v.size() > 1) {
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        double sd = Math.sqrt(ss / (v.size() - 1));
        half = new TDistribution(null, v.size() - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(v.size());
      }
      band.add(100 * e.getKey(), mean, mean - half, mean + half);
    }
    return band;
  }
}