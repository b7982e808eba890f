package org.invariance.plugins.ablation;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
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
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Per type (found on one class's subsets in the top layer), the mean activity of its neurons on
 * each class's images, and the relative change in accuracy per class and for all classes together
 * when the type is switched off. In the study's setting (MNIST, rotation, two frozen-head
 * classifiers) this is its Figure 10, with the claim about which digits type-A ablation hurts most
 * (digit 1 first, 7 and 9 high among the others; ranks from the probe's {@code claim_digit_rank}
 * and {@code claim_next_rank}), beside the sizes the study gives (almost 90% for digit 1, almost
 * 40% for the whole set). The study makes it for AER (its first model) only: the same test on the
 * other models is a row beyond the study. Elsewhere it is a figure beyond the study, worded from
 * the setting, and judges no claim.
 */
public final class AblationFigures implements StudyFigures {
  static final List<String> TYPES = List.of("A", "B1", "B2");
  /** The digits the study found strongly hurt after the ablation digit (for digit 1: 7 and 9). */
  static final List<String> STUDY_NEXT = List.of("7", "9");
  /** The digit the study found its types on and states the claim for. */
  static final String STUDY_DIGIT = "1";
  /** The relative losses the study reports with type A switched off: digit 1 "almost 90%", all digits "almost 40%". */
  static final String STUDY_DIGIT_LOSS = "almost 90%";
  static final String STUDY_ALL_LOSS = "almost 40%";
  /** How the CSV marks all classes together: no digit (the chart calls it "all"). */
  static final String ALL = "";

  @Override
  public void draw(ReportContext ctx) {
    ReportContext.Setting setting = ctx.setting();
    boolean study = SeedStudy.repeats(setting);
    String transform = Charts.transformName(setting);
    String data = Charts.dataName(setting, "T");
    String unit = study ? "digit" : "class";
    ResultTable t = ctx.results();
    AblationConfig config = ctx.config(AblationConfig.class);
    String digit = Integer.toString(config.digit());
    // the activity dataset as the probe named it (e.g. MNIST_0), as class subsets: MNIST^i_0
    List<String> activitySets = t.metric("mean_activity").distinct("dataset");
    // (the config's activity may be left out in a hand-bound section: the rows name the dataset)
    String activityName = activitySets.size() == 1 ? activitySets.get(0)
        : config.activity() != null ? data + "_" + config.activity() : activitySets.isEmpty() ? data : String.join(" and ", activitySets);
    String activity = subsets(activityName, "i");
    boolean upright = activityName.endsWith("_0");
    List<String> sets = t.metric("neurons").distinct("dataset");
    Figure.Builder fig = study
        ? Figure.of("10", "Switching off the neurons of each type found on digit " + digit,
            "Neurons of types A, B1 and B2 found by Algorithm 1 in layer 4 on the subsets MNIST^" + digit
                + "_d. Left: their mean activity (bars; whiskers ± one standard deviation over the type's neurons and images) on each digit's " + (upright ? "upright " : "")
                + "test images " + activity
                + ". Right: the relative change in accuracy (a_w - a_w') / a_w per digit, averaged over the datasets, when the type's weights to the softmax layer are set to 0;"
                + " the rightmost bar, all, is that of all digits together.")
        : Figure.of(null, Charts.titleBeyond(ctx, "Switching off the neurons of each type found on " + Charts.classWords(setting, digit) + " under " + transform),
            Charts.captionBeyond(ctx, "Neurons of types A, B1 and B2 found by Algorithm 1 in the model's top layer on the subsets " + data + "^" + digit + "_d of "
                + (setting.className(digit).equals(digit) ? "class " + digit + " (by its index)" : Charts.classWords(setting, digit)) + ", d in "
                + (sets.size() == 1 ? sets.get(0) : "the set D") + " (" + transform
                + " amounts). Left: their mean activity (bars; whiskers ± one standard deviation over the type's neurons and images) on each class's test images " + activity
                + ". Right: the relative change in accuracy (a_w - a_w') / a_w per class, averaged over the datasets, when the type's neurons are switched off (their activity set to 0);"
                + " the rightmost bar, all, is that of all classes together."));
    // outside the study the classes are named as the data names them
    UnaryOperator<String> label = study ? d -> d : setting::className;
    boolean any = false;
    for (String model : ctx.models()) {
      ResultTable m = t.where("model", model);
      if (m.isEmpty()) continue;
      ResultTable means = ctx.summaries().where("model", model);
      DefaultStatisticalCategoryDataset activityData = new DefaultStatisticalCategoryDataset();
      DefaultCategoryDataset change = new DefaultCategoryDataset();
      for (String type : TYPES) {
        ResultTable neurons = m.where("type", type).metric("neurons");
        String series = "type " + type + (neurons.isEmpty() ? "" : " (" + (long) neurons.value() + " neurons)");
        ResultTable mean = m.where("type", type).metric("mean_activity");
        ResultTable std = m.where("type", type).metric("std_activity");
        for (ResultTable.Row r : mean.rows()) {
          activityData.add(r.value(), std.where("digit", r.get("digit")).value(), series, label.apply(r.get("digit")));
        }
        for (ResultTable.Row r : means.where("type", type).metric("mean_relative_change").rows()) {
          change.addValue(r.value(), series, r.get("digit").equals(ALL) ? "all" : label.apply(r.get("digit")));
        }
      }
      JFreeChart left = ChartFactory.createBarChart(model + ": mean activity on " + activity, unit, "activity", activityData,
          PlotOrientation.VERTICAL, true, false, false);
      // bars with ± sd whiskers: the digits are categories, never joined by a line
      StatisticalBarRenderer bars = new StatisticalBarRenderer();
      bars.setErrorIndicatorPaint(Color.DARK_GRAY);
      bars.setBarPainter(new StandardBarPainter());
      bars.setShadowVisible(false);
      left.getCategoryPlot().setRenderer(bars);
      if (study) left.getCategoryPlot().getRangeAxis().setRange(0, 1); // sigmoid units; other models' units need not stay below 1
      Charts.style(left);
      JFreeChart right = ChartFactory.createBarChart(model + ": relative change in accuracy", unit, "(a_w - a_w') / a_w", change,
          PlotOrientation.VERTICAL, true, false, false);
      Charts.style(right);
      List<String> classes = new ArrayList<>();
      for (Object k : change.getColumnKeys()) classes.add(k.toString());
      for (Object k : activityData.getColumnKeys()) if (!classes.contains(k.toString())) classes.add(k.toString());
      int height = study ? 360 : Charts.heightFor(360, classes); // room below for long class names, which Charts.png stands upright
      fig.panel(model + ", activity", left, 560, height).panel(model + ", ablation", right, 560, height);
      any = true;
      // the study's claim is about AER (its first model) in its setting: the same test on another model is beyond the study;
      // outside its setting nothing is judged
      if (study) claim(ctx, means, model, digit, config, model.equals(ctx.models().get(0)));
    }
    if (any) ctx.figure(fig.build());
  }

  /** A dataset's name as the subsets of one class: MNIST_0 with "i" is MNIST^i_0. */
  static String subsets(String dataset, String index) {
    int at = dataset.lastIndexOf('_');
    return at < 0 ? dataset + "^" + index : dataset.substring(0, at) + "^" + index + dataset.substring(at);
  }

  /**
   * With type A switched off, held when digit 1's mean relative loss ranks at most
   * {@code claimDigitRank} among all digits and 7 and 9 each rank at most {@code claimNextRank}
   * among the other digits. A digit's rank is 1 + the number of digits (of those it is ranked
   * among) with a strictly larger loss; digits whose loss is undefined (no image of theirs right
   * intact on any dataset) are left out of the ranking. The measured text puts the sizes beside the
   * study's: digit 1 "almost 90%", the whole set "almost 40%" (Figure 10's rightmost bar).
   */
  private static void claim(ReportContext ctx, ResultTable means, String name, String digit, AblationConfig c, boolean studysModel) {
    if (!digit.equals(STUDY_DIGIT)) return; // the study states it for digit 1 only
    ResultTable typeA = means.where("type", "A").metric("mean_relative_change");
    List<ResultTable.Row> rows = new ArrayList<>();
    for (ResultTable.Row r : typeA.rows()) if (!r.get("digit").equals(ALL) && !Double.isNaN(r.value())) rows.add(r);
    if (rows.size() < 3) return;
    rows.sort(Comparator.comparingDouble(ResultTable.Row::value).reversed());
    double loss = Double.NaN;
    for (ResultTable.Row r : rows) if (r.get("digit").equals(digit)) loss = r.value();
    List<ResultTable.Row> others = rows.stream().filter(r -> !r.get("digit").equals(digit)).toList();
    int digitRank = Double.isNaN(loss) ? Integer.MAX_VALUE : rank(loss, rows);
    List<String> nextRanks = new ArrayList<>();
    boolean nextHeld = true;
    for (String next : STUDY_NEXT) {
      double v = Double.NaN;
      for (ResultTable.Row r : others) if (r.get("digit").equals(next)) v = r.value();
      if (Double.isNaN(v)) {
        nextHeld = false;
        nextRanks.add(next + " has no defined loss");
      } else {
        int rank = rank(v, others);
        nextHeld &= rank <= c.claimNextRank();
        nextRanks.add(next + " ranks " + rank);
      }
    }
    boolean held = digitRank <= c.claimDigitRank() && nextHeld;
    List<String> order = new ArrayList<>();
    for (ResultTable.Row r : others) order.add(String.format("%s (%.1f%%)", r.get("digit"), 100 * r.value()));
    ResultTable all = typeA.where("digit", ALL);
    String whole = all.isEmpty() || Double.isNaN(all.value()) ? "not recorded in this CSV"
        : String.format("%.1f%%", 100 * all.value());
    String measured = (Double.isNaN(loss) ? "digit " + digit + ": no defined loss"
        : String.format("digit %s: %.1f%% (the study: %s), rank %d of %d digits", digit, 100 * loss, STUDY_DIGIT_LOSS, digitRank, rows.size()))
        + "; the " + others.size() + " other digits by loss: " + String.join(", ", order) + "; of them " + String.join(", ", nextRanks)
        + "; all digits together: " + whole + " (the study: " + STUDY_ALL_LOSS + ")";
    String test = "digit " + digit + "'s loss ranks at most " + c.claimDigitRank() + " of all digits (claim_digit_rank) and "
        + String.join(" and ", STUDY_NEXT) + " each rank at most " + c.claimNextRank() + " of the other digits (claim_next_rank)";
    Claim claim = new Claim("Switching off type-A neurons (found on digit 1) hurts digit 1 most, and 7 and 9 strongly too", "Figure 10", name,
        measured, test, held)
        // the test is a ranking; its headline number is the loss of the digit it puts first
        .withValue("mean relative accuracy loss of digit " + digit + " with type A switched off", loss);
    // no threshold: the test's are ranks (claim_digit_rank, claim_next_rank), not numbers to compare the loss with
    ctx.claim(studysModel ? claim : claim.beyondStudy());
  }

  /** 1 + the number of rows with a loss strictly larger than {@code loss}. */
  static int rank(double loss, List<ResultTable.Row> rows) {
    int above = 0;
    for (ResultTable.Row r : rows) if (r.value() > loss) above++;
    return 1 + above;
  }
}
