package org.invariance.plugins.sta;

import java.util.ArrayList;
import java.util.List;
import org.invariance.plugin.Figures;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Charts;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;

/** Figure 4: the spike-triggered averages as a grid per model (rows: datasets, columns: softmax neurons). */
public final class StaFigures implements Figures {
  @Override
  public void draw(ReportContext ctx) {
    ResultTable sta = ctx.results().metric("sta");
    ResultTable counts = ctx.results().metric("count");
    List<String> datasets = sta.distinct("dataset");
    List<String> neurons = sta.distinct("neuron");
    int pixels = sta.distinct("pixel").size();
    int side = (int) Math.round(Math.sqrt(pixels));
    if (side * side != pixels) throw new IllegalStateException("sta: " + pixels + " pixels per image is not a square image");
    Figure.Builder fig = Figure.of("4", "Spike-triggered averages of the softmax neurons",
        "For each softmax neuron (columns), the mean of the test images (up to " + ctx.config().path("images").asInt(5000)
            + " per dataset) for which it was the most active of its layer; rows are the datasets, top to bottom. A blank cell: the neuron was never the most active.");
    for (String model : ctx.models()) {
      ResultTable m = sta.where("model", model);
      if (m.isEmpty()) continue;
      float[][][] images = new float[datasets.size()][neurons.size()][];
      for (ResultTable.Row r : m.rows()) {
        int d = datasets.indexOf(r.dataset());
        int k = neurons.indexOf(r.get("neuron"));
        if (Double.isNaN(r.value())) continue;
        if (images[d][k] == null) images[d][k] = new float[pixels];
        images[d][k][r.integer("pixel")] = (float) r.value();
      }
      List<String> rowLabels = new ArrayList<>();
      for (String d : datasets) {
        ResultTable c = counts.where("model", model).where("dataset", d);
        long n = Math.round(java.util.Arrays.stream(c.values()).sum());
        rowLabels.add(d + " (" + n + ")");
      }
      fig.panel(model, Charts.imageGrid(model, rowLabels, neurons, images, side), 600, 310);
    }
    ctx.figure(fig.build());
  }
}
