package org.invariance.plugins.equivariance;

import java.awt.BasicStroke;
import java.util.List;
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
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Beyond the study: per model, the error of the fitted linear map phi(x) -> phi(T_a x) against the
 * amount a, one line per layer, with the identity map's error dashed in the same colour.
 */
public final class EquivarianceFigures implements StudyFigures {
  static final String CAPTION = "Equivariance of each layer's representation phi to the transform (Lenc and Vedaldi 2015). "
      + "For every amount a, an affine map phi(x) -> M_a phi(x) + b is fitted by ridge regression on training images "
      + "(ridge strength chosen by generalised cross-validation on those images) and scored on the test images: "
      + "solid lines show its error, sum ||phi(T_a x) - M_a phi(x) - b||^2 / sum ||phi(T_a x) - mean phi(T_a x)||^2, "
      + "the fraction of the transformed representation's variance it leaves unexplained "
      + "(0: the layer transforms along with the image through a linear map, i.e. is equivariant; 1: the map does no better than the mean). "
      + "Dashed lines, same colour, show the same error for the identity map, phi(T_a x) against phi(x): "
      + "0 means the layer ignores the transform (invariance), about 2 means unrelated representations. "
      + "A layer far below its dashed line keeps the transform's information in a form a linear map can undo. "
      + "At the reference amount the solid line shows the measure's floor: above 0 only when a layer has more neurons than there are "
      + "training images, so its test representations can leave the span of the training ones.";

  @Override
  public void draw(ReportContext ctx) {
    ResultTable all = ctx.results();
    ResultTable fitted = all.metric("equivariance_error");
    ResultTable identity = all.metric("identity_error");
    ReportContext.Setting setting = ctx.setting();
    boolean study = SeedStudy.repeats(setting);
    String transform = Charts.transformName(setting);
    // beyond the study's setting: the probe, its transform and the data named, the amounts on the x axis as the transform's
    Figure.Builder fig = study
        ? Figure.of(null, "Equivariance: error of the best linear map between representations of transformed images", CAPTION)
        : Figure.of(null, Charts.titleBeyond(ctx, "Equivariance under " + transform + ": error of the best linear map between representations of transformed images"),
            Charts.captionBeyond(ctx, CAPTION + " Amounts a: those of " + transform + " on the test images of " + Charts.dataName(setting, "the data") + "."));
    String axis = study ? "amount" : transform + " amount";
    boolean any = false;
    for (String model : ctx.models()) {
      ResultTable m = fitted.where("model", model);
      if (m.isEmpty()) continue;
      any = true;
      fig.panel(model, chart(model, m, identity.where("model", model), axis), 620, 420);
    }
    if (any) ctx.figure(fig.build());
  }

  /** One series per layer for the fitted map (in the legend) and one dashed beside it for the identity. */
  static JFreeChart chart(String model, ResultTable fitted, ResultTable identity, String amountAxis) {
    XYSeriesCollection data = new XYSeriesCollection();
    List<String> layers = fitted.distinct("layer").stream().sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))).toList();
    for (String layer : layers) {
      data.addSeries(series("layer " + layer, fitted.where("layer", layer)));
      data.addSeries(series("layer " + layer + ", identity map", identity.where("layer", layer)));
    }
    JFreeChart chart = ChartFactory.createXYLineChart(model, amountAxis, "error (fraction of variance unexplained)", data, PlotOrientation.VERTICAL, true, false, false);
    XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
    float[] dash = {6f, 4f};
    for (int i = 0; i < layers.size(); i++) {
      r.setSeriesPaint(2 * i, Charts.color(i));
      r.setSeriesPaint(2 * i + 1, Charts.color(i));
      r.setSeriesShapesVisible(2 * i, true);
      r.setSeriesStroke(2 * i + 1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f));
      r.setSeriesVisibleInLegend(2 * i + 1, false);
    }
    ((NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(true);
    chart.addSubtitle(new TextTitle("solid: best linear map, dashed: identity map"));
    return Charts.style(chart);
  }

  private static XYSeries series(String key, ResultTable rows) {
    XYSeries s = new XYSeries(key);
    for (ResultTable.Row row : rows.rows()) {
      double v = row.value();
      if (Double.isFinite(v)) s.add(row.number("amount"), v);
    }
    return s;
  }
}
