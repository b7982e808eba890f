package org.invariance.plugins.cka;

import java.util.List;
import org.invariance.plugin.Figures;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Charts;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Beyond the study: linear CKA between the layer representations of rotated copies, per layer. */
public final class CkaFigures implements Figures {
  @Override
  public void draw(ReportContext ctx) {
    ResultTable cka = ctx.results().metric("cka");
    List<String> pairs = cka.distinct("dataset");
    Figure.Builder fig = Figure.of(null, "Linear CKA between the representations of rotated copies",
        "Linear centred kernel alignment (Kornblith et al. 2019) between the activations of the same test images upright and rotated, per layer; 1 means the two representations agree up to rotation and scale of the activation space. Layer 1 is the input: one fixed rotation moves pixels almost like a permutation, so CKA is near 1 there, while MNIST_mix rotates each image by its own angle.");
    for (String model : ctx.models()) {
      ResultTable m = cka.where("model", model);
      if (m.isEmpty()) continue;
      XYSeriesCollection data = new XYSeriesCollection();
      for (String p : pairs) {
        XYSeries s = new XYSeries(p);
        for (ResultTable.Row r : m.where("dataset", p).rows()) s.add(r.integer("layer"), r.value());
        data.addSeries(s);
      }
      JFreeChart chart = ChartFactory.createXYLineChart(model, "layer", "linear CKA", data, PlotOrientation.VERTICAL, true, false, false);
      chart.getXYPlot().getRangeAxis().setRange(0, 1.02);
      chart.getXYPlot().getDomainAxis().setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
      Charts.style(chart);
      fig.panel(model, chart, 560, 380);
    }
    ctx.figure(fig.build());
  }
}
