package {{package}};

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.invariance.plugin.Figures;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Charts;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The {@code {{name}}} probe's figure in the run's report, drawn from its rows (so {@code invariance
 * report} can draw it again without rerunning): per model, the relative change per layer, one line
 * per dataset; and per model the claim that its top layer changes less than its input.
 */
public final class {{Name}}Figures implements Figures {
  @Override
  public void draw(ReportContext ctx) {
    ResultTable rows = ctx.results().metric("relative_change");
    if (rows.isEmpty()) return;
    String transform = Charts.transformName(ctx.setting());
    Figure.Builder figure = Figure.of(null, Charts.titleBeyond(ctx, "How much each layer changes under " + transform),
        Charts.captionBeyond(ctx, "Per layer, the sum over images of the distance between its activity on each transformed image and on the"
            + " reference image, over the sum of the reference activity's lengths: 0 where the layer does not change. Layer 1 is the input."));
    for (String model : ctx.models()) {
      ResultTable mine = rows.where("model", model);
      if (mine.isEmpty()) continue;
      figure.panel(model, chart(model, mine), 560, 380);
      Claim claim = topChangesLess(model, mine);
      if (claim != null) ctx.claim(claim);
    }
    ctx.figure(figure.build());
  }

  /** One line per dataset: the relative change against the layer. */
  static JFreeChart chart(String model, ResultTable rows) {
    Map<String, XYSeries> lines = new LinkedHashMap<>();
    for (ResultTable.Row r : rows.rows()) lines.computeIfAbsent(r.get("other_dataset"), XYSeries::new).add(r.integer("layer"), r.value());
    XYSeriesCollection data = new XYSeriesCollection();
    lines.values().forEach(data::addSeries);
    JFreeChart chart = ChartFactory.createXYLineChart(model, "layer", "relative change", data, PlotOrientation.VERTICAL, true, false, false);
    chart.getXYPlot().getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    return Charts.style(chart);
  }

  /**
   * Held when, on every dataset, the top layer changes less than the input (layer 1). Not one of
   * the study's claims: the report lists it apart and leaves it out of the study's count. Null
   * when the rows do not hold the input (a {@code layers:} without 1).
   */
  static Claim topChangesLess(String model, ResultTable rows) {
    boolean held = true;
    double worst = Double.NEGATIVE_INFINITY; // the largest ratio top / input over the datasets
    for (String dataset : rows.distinct("other_dataset")) {
      ResultTable d = rows.where("other_dataset", dataset);
      if (d.where("layer", "1").isEmpty()) return null;
      int top = d.distinct("layer").stream().mapToInt(Integer::parseInt).max().orElse(1);
      double input = d.where("layer", "1").value();
      double ratio = d.where("layer", Integer.toString(top)).value() / input;
      worst = Math.max(worst, ratio);
      held &= ratio < 1;
    }
    return new Claim("the top layer changes less than the input", "{{name}}", model, String.format(Locale.ROOT, "largest ratio top / input %.3f", worst),
        "relative change of the top layer < that of layer 1 on every dataset", held).withValue("ratio", worst).beyondStudy();
  }
}
