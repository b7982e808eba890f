package org.invariance.plugins.p10;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
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
import org.invariance.study.analysis.NeuronTypes;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * p10 of the first 80 neurons of the lowest layer above the input, p10 of every neuron of every
 * measured layer, and the claim that the same neurons are the most active across datasets (mean r
 * with the first dataset's p10 at least the probe's {@code claim_min_correlation} in every layer).
 * In the study's setting (MNIST, rotation, two frozen-head classifiers) these are its Figures 6 and
 * 12 and its claim, which the study makes for AER (its first model) only: the same test on the
 * other models is a row beyond the study. Elsewhere they are figures beyond the study, worded from
 * the setting, and judge no claim.
 */
public final class P10Figures implements StudyFigures {
  /** Figure 6 shows this many neurons, as in the study. */
  static final int FIRST_NEURONS = 80;

  @Override
  public void draw(ReportContext ctx) {
    ReportContext.Setting setting = ctx.setting();
    boolean study = SeedStudy.repeats(setting);
    String transform = Charts.transformName(setting);
    String data = Charts.dataName(setting, "the data");
    ResultTable p10 = ctx.results().metric("p10");
    List<String> datasets = p10.distinct("dataset");
    List<String> layers = new ArrayList<>(p10.distinct("layer"));
    layers.sort(Comparator.comparingInt(Integer::parseInt));
    if (layers.isEmpty()) return;
    P10Config config = ctx.config(P10Config.class);
    String fraction = number(config.fraction());
    // the study's Figure 6 is layer 2, the first above the input; without it, the lowest layer measured
    String first = layers.stream().filter(l -> !l.equals("1")).findFirst().orElse(layers.get(0));

    String title6 = "p10 of the first " + FIRST_NEURONS + " neurons of layer " + first;
    String caption6 = "p10(n|d): the fraction of the test images of dataset d for which neuron n is among the " + fraction
        + " most active of its layer; grey bars: " + datasets.get(0) + ", dots: each other dataset (neurons are not joined by lines: they are not a sequence)."
        + " Dots on top of the bars: the same neurons are the most active whatever the " + (study ? "rotation." : transform + " amount.");
    Figure.Builder fig6 = study
        ? Figure.of(first.equals("2") ? "6" : null, title6, caption6)
        : Figure.of(null, Charts.titleBeyond(ctx, title6), Charts.captionBeyond(ctx, caption6 + " Datasets: " + String.join(", ", datasets) + " (" + data + ")."));
    String lowest = layers.get(0);
    String top = layers.get(layers.size() - 1);
    String rows = lowest.equals(top) ? "layer " + lowest + (lowest.equals("1") ? ", the input pixels" : "")
        : "rows: layer " + lowest + (lowest.equals("1") ? ", the input pixels," : "") + " to layer " + top;
    String title12 = "p10 of every neuron, " + (layers.size() == 1 ? "layer " : "layers ") + span(layers);
    String reference = datasets.get(0);
    String scatter = "; one dot per neuron: p10(n|d) under each other dataset d (y) against p10(n|" + reference + ") (x), with Pearson r in the legend."
        + " Dots on the diagonal: the neuron is among the most active as often as on " + reference + ". One panel per model and layer, all on the same axes.";
    Figure.Builder fig12 = study
        ? Figure.of("12", title12, "p10(n|d) for every neuron n of each layer (" + rows + ")" + scatter)
        : Figure.of(null, Charts.titleBeyond(ctx, title12), Charts.captionBeyond(ctx,
            "p10(n|d) for every neuron n of each layer (" + rows + "), d the " + transform + " amounts of " + data + scatter));
    double extent = axisExtent(p10.values());
    boolean any6 = false;
    boolean any12 = false;
    for (String layer : layers) {
      for (String model : ctx.models()) {
        ResultTable m = p10.where("model", model).where("layer", layer);
        if (m.isEmpty()) continue;
        if (layer.equals(first)) {
          fig6.panel(model, chart(model + ", layer " + layer, m, datasets, FIRST_NEURONS), 600, 360);
          any6 = true;
        }
        if (datasets.size() < 2) continue; // nothing to set p10 against
        fig12.panel(model + ", layer " + layer, scatter(model + ", layer " + layer, m, datasets, extent), 520, 440);
        any12 = true;
      }
    }
    if (any6) ctx.figure(fig6.build());
    if (any12) ctx.figure(fig12.build());
    // the study's claim is about AER (its first model) in its setting: the same test on another model is beyond the study;
    // outside its setting nothing is judged
    if (study) {
      for (String model : ctx.models()) {
        Claim c = claim(p10.where("model", model), model, datasets, layers, config.claimMinCorrelation());
        if (c != null) ctx.claim(model.equals(ctx.models().get(0)) ? c : c.beyondStudy());
      }
    }
  }

  /** "1-4" for consecutive layers, else "2, 4". */
  static String span(List<String> layers) {
    boolean consecutive = layers.size() > 1;
    for (int i = 1; i < layers.size(); i++) consecutive &= Integer.parseInt(layers.get(i)) == Integer.parseInt(layers.get(i - 1)) + 1;
    return consecutive ? layers.get(0) + "-" + layers.get(layers.size() - 1) : String.join(", ", layers);
  }

  /**
   * p10 of the first neurons: the first dataset's as grey bars, every other dataset's as dots of its
   * colour. Neurons are categories, so no line joins one to the next.
   */
  static JFreeChart chart(String title, ResultTable layer, List<String> datasets, int firstNeurons) {
    XYSeriesCollection reference = new XYSeriesCollection();
    XYSeriesCollection others = new XYSeriesCollection();
    for (String d : datasets) {
      XYSeries s = new XYSeries(d);
      for (ResultTable.Row r : layer.where("dataset", d).rows()) {
        int n = r.integer("neuron");
        if (n < firstNeurons) s.add(n, r.value());
      }
      (d.equals(datasets.get(0)) ? reference : others).addSeries(s);
    }
    XYBarRenderer bars = new XYBarRenderer(0.15);
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, new Color(190, 190, 190));
    XYPlot plot = new XYPlot(reference, new NumberAxis("neuron"), new NumberAxis("p10"), bars);
    XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
    for (int s = 0; s < others.getSeriesCount(); s++) {
      dots.setSeriesPaint(s, Charts.color(s));
      dots.setSeriesShape(s, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
    }
    plot.setDataset(1, others);
    plot.setRenderer(1, dots);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    Charts.style(chart);
    bars.setSeriesPaint(0, new Color(190, 190, 190)); // the style's palette would colour the reference like a dataset
    for (int s = 0; s < others.getSeriesCount(); s++) dots.setSeriesPaint(s, Charts.color(s));
    return chart;
  }

  /**
   * p10 under each other dataset against p10 on the first, one dot per neuron, one colour per
   * dataset, r in its legend entry, the diagonal drawn; both axes from 0 to {@code extent}, so the
   * diagonal runs corner to corner in every panel. Replaces a line per dataset over hundreds of
   * neurons, which overplotted into a solid block.
   */
  static JFreeChart scatter(String title, ResultTable layer, List<String> datasets, double extent) {
    XYSeriesCollection data = new XYSeriesCollection();
    String reference = datasets.get(0);
    double[] ref = layer.where("dataset", reference).values();
    for (String d : datasets.subList(1, datasets.size())) {
      double[] other = layer.where("dataset", d).values();
      if (other.length != ref.length || ref.length == 0) continue;
      XYSeries s = new XYSeries(String.format("%s, r = %.2f", d, NeuronTypes.pearson(ref, other)), false, true);
      for (int n = 0; n < ref.length; n++) s.add(ref[n], other[n]);
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createScatterPlot(title, "p10 on " + reference, "p10 under the other dataset", data, PlotOrientation.VERTICAL, true, false, false);
    Charts.style(chart);
    XYPlot plot = chart.getXYPlot();
    XYItemRenderer renderer = plot.getRenderer();
    for (int s = 0; s < data.getSeriesCount(); s++) {
      Color c = Charts.color(s);
      renderer.setSeriesPaint(s, new Color(c.getRed(), c.getGreen(), c.getBlue(), 110)); // translucent: dense regions read as dense
      renderer.setSeriesShape(s, new Ellipse2D.Double(-2, -2, 4, 4));
    }
    plot.addAnnotation(new XYLineAnnotation(0, 0, extent, extent, new BasicStroke(1f), Color.GRAY));
    plot.getDomainAxis().setRange(0, extent);
    plot.getRangeAxis().setRange(0, extent);
    return chart;
  }

  /** The largest p10 rounded up to a tenth (at least 0.1): one range for every panel's axes. */
  static double axisExtent(double[] values) {
    double max = 0;
    for (double v : values) if (v > max) max = v;
    return Math.max(0.1, Math.ceil(max * 10 - 1e-9) / 10);
  }

  /** A threshold as written: 0.8, 0.1, 1 (no trailing zeros). */
  static String number(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /**
   * Per layer, the mean Pearson correlation between p10(.|d) and p10(.|first dataset) over the other
   * datasets; held when it is at least {@code minCorrelation} in every layer. Null without two datasets.
   */
  private static Claim claim(ResultTable model, String name, List<String> datasets, List<String> layers, double minCorrelation) {
    if (model.isEmpty() || datasets.size() < 2) return null;
    StringBuilder measured = new StringBuilder();
    boolean held = true;
    double lowest = Double.POSITIVE_INFINITY; // the lowest per-layer mean r: held iff at least minCorrelation (NaN if any layer's is undefined)
    for (String layer : layers) {
      ResultTable l = model.where("layer", layer);
      double[] ref = l.where("dataset", datasets.get(0)).values();
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      String minAt = "";
      for (String d : datasets.subList(1, datasets.size())) {
        double r = NeuronTypes.pearson(ref, l.where("dataset", d).values());
        sum += r;
        if (r < min) {
          min = r;
          minAt = d;
        }
      }
      double mean = sum / (datasets.size() - 1);
      held &= mean >= minCorrelation;
      lowest = Math.min(lowest, mean);
      if (measured.length() > 0) measured.append("; ");
      measured.append(String.format("layer %s: mean r %.2f (lowest %.2f, %s)", layer, mean, min, minAt));
    }
    return new Claim("The same neurons are the most active across datasets", layers.contains("2") ? "Figures 6, 12" : "Figure 12", name,
        "Pearson r of p10 with " + datasets.get(0) + "'s: " + measured,
        "mean r ≥ " + number(minCorrelation) + " in every layer (claim_min_correlation)", held)
        .withValue("lowest per-layer mean Pearson r of p10 with " + datasets.get(0) + "'s", lowest)
        .withThreshold(minCorrelation);
  }
}
