package org.invariance.plugins.p10;

import java.util.List;
import org.invariance.analysis.NeuronTypes;
import org.invariance.plugin.Figures;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Charts;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Figure 6 (p10 of the first 80 neurons of layer 2), Figure 12 (p10 of every neuron of layers
 * 1-4), and the claim that the same neurons are the most active across datasets.
 */
public final class P10Figures implements Figures {
  /** Figure 6 shows this many neurons, as in the study. */
  static final int FIRST_NEURONS = 80;
  /** Mean correlation with the reference dataset's p10 from which "the same neurons" holds. */
  static final double SAME_NEURONS = 0.8;

  @Override
  public void draw(ReportContext ctx) {
    ResultTable p10 = ctx.results().metric("p10");
    List<String> datasets = p10.distinct("dataset");
    List<String> layers = p10.distinct("layer");
    String fraction = ctx.config().path("fraction").asText("0.1");

    Figure.Builder fig6 = Figure.of("6", "p10 of the first " + FIRST_NEURONS + " neurons of layer 2",
        "p10(n|d): the fraction of the test images of dataset d for which neuron n is among the " + fraction
            + " most active of its layer; one line per dataset. Strongly overlapping lines: the same neurons are the most active whatever the rotation.");
    Figure.Builder fig12 = Figure.of("12", "p10 of every neuron, layers 1-4",
        "p10(n|d) for every neuron n of each layer (rows: layer 1, the input pixels, to layer 4) and each dataset d; one column per model.");
    for (String layer : layers) {
      for (String model : ctx.models()) {
        ResultTable m = p10.where("model", model).where("layer", layer);
        if (m.isEmpty()) continue;
        if (layer.equals("2")) fig6.panel(model, chart(model + ", layer 2", m, datasets, FIRST_NEURONS), 600, 360);
        fig12.panel(model + ", layer " + layer, chart(model + ", layer " + layer, m, datasets, Integer.MAX_VALUE), 600, 300);
      }
    }
    ctx.figure(fig6.build());
    ctx.figure(fig12.build());
    for (String model : ctx.models()) claim(ctx, p10.where("model", model), model, datasets, layers);
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
    for (int s = 0; s < datasets.size(); s++) chart.getXYPlot().getRenderer().setSeriesStroke(s, new java.awt.BasicStroke(1f));
    return chart;
  }

  /** Per layer, the mean Pearson correlation between p10(.|d) and p10(.|first dataset) over the other datasets. */
  private static void claim(ReportContext ctx, ResultTable model, String name, List<String> datasets, List<String> layers) {
    if (model.isEmpty() || datasets.size() < 2) return;
    StringBuilder measured = new StringBuilder();
    boolean held = true;
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
      held &= mean >= SAME_NEURONS;
      if (measured.length() > 0) measured.append("; ");
      measured.append(String.format("layer %s: mean r %.2f (lowest %.2f, %s)", layer, mean, min, minAt));
    }
    ctx.claim(new Claim("The same neurons are the most active across datasets", "Figures 6, 12", name,
        "Pearson r of p10 with " + datasets.get(0) + "'s: " + measured,
        String.format("mean r ≥ %.1f in every layer", SAME_NEURONS), held));
  }
}
