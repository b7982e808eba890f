package org.invariance.plugins.accuracy;

import java.awt.Color;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Charts;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.invariance.study.SeedStudy;
import org.invariance.study.StudyFigures;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Accuracy per amount of the probe's transform and per class. In the study's setting (MNIST,
 * rotation, two frozen-head classifiers) these are its Figure 2 (accuracy per rotation angle) and
 * Figure 3 (accuracy per digit on MNIST_0 and MNIST_mix), with the claim that the first model (AER)
 * beats the second (AEUR) on rotated sets (by more than the probe's {@code claim_margin}) while the
 * two tie on upright digits (within its {@code claim_tie}); elsewhere they are figures beyond the
 * study, worded from the setting, and judge no claim.
 */
public final class AccuracyFigures implements StudyFigures {
  /** The label of the mixed dataset's amount. */
  static final String MIX = "mix";

  @Override
  public void draw(ReportContext ctx) {
    ReportContext.Setting setting = ctx.setting();
    boolean study = SeedStudy.repeats(setting);
    String transform = Charts.transformName(setting);
    boolean degrees = "rotation".equals(setting.transformPlugin());
    String parameter = degrees ? "angle" : "amount";
    String data = Charts.dataName(setting, "T");

    ResultTable all = ctx.results().metric("accuracy").where("digit", "");
    List<String> labels = amountOrder(labels(all));
    DefaultCategoryDataset perAngle = new DefaultCategoryDataset();
    // the mix is a category of its own: drawn apart as a mark, never joined to the last amount by the line
    DefaultCategoryDataset mixApart = new DefaultCategoryDataset();
    for (String model : ctx.models()) {
      for (String angle : labels) {
        ResultTable r = at(all.where("model", model), angle);
        if (r.isEmpty()) continue;
        String column = angle.equals(MIX) || !degrees ? angle : angle + "°";
        boolean mix = angle.equals(MIX);
        perAngle.addValue(mix ? null : r.value(), model, column);
        mixApart.addValue(mix ? r.value() : null, model, column);
      }
    }
    if (perAngle.getRowCount() > 0) {
      JFreeChart fig2 = ChartFactory.createLineChart(null, "dataset (" + transform + " " + parameter + ")", "accuracy", perAngle,
          PlotOrientation.VERTICAL, true, false, false);
      CategoryPlot p2 = fig2.getCategoryPlot();
      p2.getRangeAxis().setRange(0, 1);
      ((LineAndShapeRenderer) p2.getRenderer()).setDefaultShapesVisible(true);
      Charts.style(fig2);
      if (labels.contains(MIX)) {
        LineAndShapeRenderer marks = new LineAndShapeRenderer(false, true);
        for (int i = 0; i < mixApart.getRowCount(); i++) {
          marks.setSeriesPaint(i, ((LineAndShapeRenderer) p2.getRenderer()).lookupSeriesPaint(i));
          marks.setSeriesShape(i, ((LineAndShapeRenderer) p2.getRenderer()).lookupSeriesShape(i));
        }
        marks.setDefaultSeriesVisibleInLegend(false);
        p2.setDataset(1, mixApart);
        p2.setRenderer(1, marks);
      }
      Figure.Builder fig = study
          ? Figure.of("2", "Accuracy per rotation angle",
              "Classification accuracy on the test digits rotated by each angle (MNIST_θ) and on MNIST_mix (a random angle of the mix per image), for each classifier (encoder frozen, softmax head trained on upright digits).")
          : Figure.of(null, Charts.titleBeyond(ctx, "Accuracy per " + transform + " " + parameter),
              Charts.captionBeyond(ctx, "Classification accuracy on the test images of " + data + " under each " + transform + " " + parameter + " (" + data
                  + "_a) and on " + data + "_mix (each image under a random " + parameter + " of the transform's set), for each model ("
                  + String.join(", ", ctx.models()) + ")."));
      ctx.figure(fig.panel("", fig2, 760, 400).build());
    }

    ResultTable digits = ctx.results().metric("accuracy").filter(r -> !r.get("digit").isEmpty());
    if (!digits.isEmpty()) {
      DefaultCategoryDataset perDigit = new DefaultCategoryDataset();
      List<String> sets = digits.distinct("dataset");
      List<String> classes = new ArrayList<>();
      List<Color> paints = new ArrayList<>();
      for (int m = 0; m < ctx.models().size(); m++) {
        String model = ctx.models().get(m);
        for (int s = 0; s < sets.size(); s++) {
          ResultTable r = digits.where("model", model).where("dataset", sets.get(s));
          for (ResultTable.Row row : r.rows()) {
            String label = study ? row.get("digit") : setting.className(row.get("digit"));
            perDigit.addValue(row.value(), model + " " + sets.get(s), label);
            if (!classes.contains(label)) classes.add(label);
          }
          if (!r.isEmpty()) paints.add(shade(Charts.color(m), s, sets.size()));
        }
      }
      JFreeChart fig3 = ChartFactory.createBarChart(null, study ? "digit" : "class", "accuracy", perDigit, PlotOrientation.VERTICAL, true, false, false);
      fig3.getCategoryPlot().getRangeAxis().setRange(0, 1);
      for (int s = 0; s < paints.size(); s++) fig3.getCategoryPlot().getRenderer().setSeriesPaint(s, paints.get(s));
      Charts.style(fig3);
      Figure.Builder fig = study
          ? Figure.of("3", "Accuracy per digit, upright and rotated",
              "Accuracy on each digit's test images MNIST^i_d for d in " + sets + " (darker: first dataset), per classifier.")
          : Figure.of(null, Charts.titleBeyond(ctx, "Accuracy per class under " + transform),
              Charts.captionBeyond(ctx, "Accuracy on each class's test images " + data + "^i_d (" + (setting.classes().isEmpty() ? "class i by its index in the data's class list" : "class i as the data names it") + ") for the datasets " + sets
                  + " (darker: first dataset), per model."));
      // class names stand whole under their bars (upright where they are long): the panel grows by what they need
      ctx.figure(fig.panel("", fig3, 900, study ? 400 : Charts.heightFor(400, classes)).build());
    }

    // the study's claims compare its pair of classifiers in its setting; elsewhere they say nothing
    if (study) claims(ctx, all, labels, ctx.config(AccuracyConfig.class));
  }

  /** A threshold as written: 0.03, 0 (no trailing zeros). */
  static String number(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** Sections 2-3 compare the two classifiers: both claims are the study's. */
  private static void claims(ReportContext ctx, ResultTable all, List<String> labels, AccuracyConfig config) {
    double tie = config.claimTie();
    double margin0 = config.claimMargin();
    String a = ctx.models().get(0);
    String b = ctx.models().get(1);
    ResultTable a0 = at(all.where("model", a), "0");
    ResultTable b0 = at(all.where("model", b), "0");
    if (!a0.isEmpty() && !b0.isEmpty()) {
      double d = a0.value() - b0.value();
      ctx.claim(new Claim(a + " and " + b + " perform nearly equally on upright digits", "Figure 2", a + " vs " + b,
          String.format("MNIST_0: %.3f vs %.3f (difference %+.3f)", a0.value(), b0.value(), d),
          "|difference| ≤ " + number(tie) + " (claim_tie)", Math.abs(d) <= tie)
          .withValue("accuracy difference " + a + " - " + b + " on MNIST_0", d)
          .withThreshold(tie));
    }
    int wins = 0;
    int sets = 0;
    double minMargin = Double.POSITIVE_INFINITY;
    String minAt = "";
    double sum = 0;
    for (String angle : labels) {
      if (angle.equals("0")) continue;
      ResultTable ra = at(all.where("model", a), angle);
      ResultTable rb = at(all.where("model", b), angle);
      if (ra.isEmpty() || rb.isEmpty()) continue;
      double margin = ra.value() - rb.value();
      sets++;
      sum += margin;
      if (margin > margin0) wins++;
      if (margin < minMargin) {
        minMargin = margin;
        minAt = angle.equals("mix") ? "mix" : angle + "°";
      }
    }
    if (sets > 0) {
      ctx.claim(new Claim(a + " outperforms " + b + " on any rotated set", "Figure 2", a + " vs " + b,
          String.format("%s %s on %d of %d rotated sets; margin mean %+.3f, smallest %+.3f (%s)", a,
              margin0 == 0 ? "higher" : "ahead by more than " + number(margin0), wins, sets, sum / sets, minMargin, minAt),
          a + " more accurate " + (margin0 == 0 ? "" : "by more than " + number(margin0) + " ") + "on every set with θ ≠ 0 and on MNIST_mix (margin > "
              + number(margin0) + ", claim_margin)", wins == sets)
          // every margin is above claim_margin exactly when the smallest is: the number the test turns on
          .withValue("smallest accuracy margin " + a + " - " + b + " over the rotated sets", minMargin)
          .withThreshold(margin0));
    }
  }

  /** Each row's amount as the figures label it: the amount, or "mix" for a mixed dataset (amount empty). */
  static List<String> labels(ResultTable rows) {
    List<String> out = new ArrayList<>();
    for (ResultTable.Row r : rows.rows()) {
      String label = r.get("amount").isEmpty() ? MIX : r.get("amount");
      if (!out.contains(label)) out.add(label);
    }
    return out;
  }

  /** The rows of one label of {@link #labels}. */
  static ResultTable at(ResultTable rows, String label) {
    return rows.where("amount", label.equals(MIX) ? "" : label);
  }

  /** Numeric angles ascending, then "mix". */
  static List<String> amountOrder(List<String> angles) {
    List<String> out = new ArrayList<>(angles);
    out.sort((x, y) -> {
      boolean nx = isNumber(x);
      boolean ny = isNumber(y);
      if (nx && ny) return Double.compare(Double.parseDouble(x), Double.parseDouble(y));
      return nx ? -1 : ny ? 1 : x.compareTo(y);
    });
    return out;
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static Color shade(Color c, int i, int n) {
    double t = n <= 1 ? 0 : 0.55 * i / (n - 1);
    return new Color((int) (c.getRed() + t * (255 - c.getRed())), (int) (c.getGreen() + t * (255 - c.getGreen())),
        (int) (c.getBlue() + t * (255 - c.getBlue())));
  }
}
