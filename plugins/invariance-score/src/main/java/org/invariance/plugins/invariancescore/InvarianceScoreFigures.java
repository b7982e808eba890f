package org.invariance.plugins.invariancescore;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
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
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Beyond the study: the invariance score of Goodfellow et al. 2009 per layer, one line per model;
 * outside the study's setting its title and caption name the probe, its transform and the data.
 */
public final class InvarianceScoreFigures implements StudyFigures {
  @Override
  public void draw(ReportContext ctx) {
    ResultTable scores = ctx.results().metric("invariance_score");
    if (scores.isEmpty()) return;   // no layer had a neuron to score: the CSV's counts say why
    double top = setting(ctx.config(), "top", 0.2);
    double rate = setting(ctx.config(), "firing_rate", 0.01);
    String topPercent = percent(top);
    XYSeriesCollection data = new XYSeriesCollection();
    for (String model : ctx.models()) {
      ResultTable m = scores.where("model", model);
      if (m.isEmpty()) continue;
      XYSeries s = new XYSeries(model);
      for (ResultTable.Row r : m.rows()) s.add(r.integer("layer"), r.value());
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(null, "layer", "invariance score (top " + topPercent + ")", data, PlotOrientation.VERTICAL, true, false, false);
    chart.getXYPlot().getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(true);
    ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setDefaultShapesVisible(true);
    Charts.style(chart);
    boolean study = SeedStudy.repeats(ctx.setting());
    String title = study ? "Invariance score per layer (Goodfellow et al. 2009)"
        : Charts.titleBeyond(ctx, "Invariance score per layer under " + Charts.transformName(ctx.setting()) + ", Goodfellow et al. 2009");
    String caption = "The invariance score of Goodfellow, Le, Saxe, Lee and Ng 2009 (\"Measuring invariances in deep networks\"), per layer "
                + "and model. Each neuron gets a threshold at which it fires on about " + percent(rate) + " of the untransformed test "
                + "images, its global firing rate G (the rate actually reached where tied activations, such as ReLU zeros or saturated "
                + "units, make the target unreachable; neurons that are constant, or whose ties keep G off the target by more than a "
                + "factor 2, get no score and are counted in the CSV). Its local firing rate L is the fraction of the transformed "
                + "copies, at every amount of the transform (the untransformed one included), of the images that made it fire on "
                + "which it fires too. The score L/G says how much likelier the neuron is to keep firing under the transform on the "
                + "inputs it responds to than to fire on any input; it is at most 1/G (about " + Math.round(1 / rate) + "), and a "
                + "neuron whose transformed copies fire no more often than any image scores about (A - 1)/A + 1/(A G), A being the "
                + "number of amounts, when the untransformed copy is among them. Each point is the mean score of the layer's top " + topPercent
                + " of scored neurons, as the paper reports it.";
    // beyond the study's setting the caption ends with the probe, its transform and the data
    ctx.figure(Figure.of(null, title, study ? caption : Charts.captionBeyond(ctx, caption)).panel("", chart, 760, 420).build());
  }

  private static double setting(JsonNode config, String key, double otherwise) {
    return config == null || !config.path(key).isNumber() ? otherwise : config.path(key).asDouble();
  }

  /** 0.2 -> "20%", 0.07 -> "7%", 0.005 -> "0.5%" (decimal, no binary residue). */
  static String percent(double share) {
    return new BigDecimal(Double.toString(share)).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }
}
