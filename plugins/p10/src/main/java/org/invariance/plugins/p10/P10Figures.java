package org.invariance.plugins.p10;

import java.awt.BasicStroke;
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
import org.jfree.chart.plot.PlotOrientation;
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
        + " most active of its layer; one line per dataset. Strongly overlapping lines: the same neurons are the most active whatever the "
        + (study ? "rotation." : transform + " amount.");
    Figure.Builder fig6 = study
        ? Figure.of(first.equals("2") ? "6" : null, title6, caption6)
        : Figure.of(null, Charts.titleBeyond(ctx, title6), Charts.captionBeyond(ctx, caption6 + " Datasets: " + String.join(", ", datasets) + " (" + data + ")."));
    String lowest = layers.get(0);
    String top = layers.get(layers.size() - 1);
    String rows = lowest.equals(top) ? "layer " + lowest + (lowest.equals("1") ? ", the input pixels" : "")
        : "rows: layer " + lowest + (lowest.equals("1") ? ", the input pixels," : "") + " to layer " + top;
    String title12 = "p10 of every neuron, " + (layers.size() == 1 ? "layer " : "layers ") + span(layers);
    Figure.Builder fig12 = study
        ? Figure.of("12", title12, "p10(n|d) for every neuron n of each layer (" + rows + ") and each dataset d; one column per model.")
        : Figure.of(null, Charts.titleBeyond(ctx, title12), Charts.captionBeyond(ctx,
            "p10(n|d) for every neuron n of each layer (" + rows + ") and each dataset d (" + transform + " amounts of " + data + "); one column per model."));
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
        fig12.panel(model + ", layer " + layer, chart(model + ", layer " + layer, m, datasets, Integer.MAX_VALUE), 600, 300);
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

  private static JFreeChart chart(String title, ResultTable layer, List<String> datasets, int firstNeurons) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (String d : datasets) {
      XYSeries s = new XYSeries(d);
      for (ResultTable.Row r : layer.where("dataset", d).rows()) {
        int n = r.integer("neuron");
        if (n < firstNeurons) s.add(n, r.value());
      }
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "neuron", "p10", data, PlotOrientation.VERTICAL, true, false, false);
    Charts.style(chart);
    for (int s = 0; s < datasets.size(); s++) chart.getXYPlot().getRenderer().setSeriesStroke(s, new BasicStroke(1f));
    return chart;
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
