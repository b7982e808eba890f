package org.invariance.plugins.ablation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.invariance.plugin.Figures;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Charts;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Per type (found on one class's subsets in the top layer), the mean activity of its neurons on
 * each class's images, and the relative change in accuracy per class when the type is switched off.
 * In the study's setting (MNIST, rotation, two frozen-head classifiers) this is its Figure 10, with
 * the claim about which digits type-A ablation hurts most; elsewhere it is a figure beyond the
 * study, worded from the setting, and judges no claim.
 */
public final class AblationFigures implements Figures {
  static final List<String> TYPES = List.of("A", "B1", "B2");
  /** The digits the study found next after the ablation digit (for digit 1: 7 and 9). */
  static final Set<String> STUDY_NEXT = Set.of("7", "9");

  @Override
  public void draw(ReportContext ctx) {
    ReportContext.Setting setting = ctx.setting();
    boolean study = setting.is("MNIST", "rotation", "frozen-head");
    String transform = setting.transform() == null || setting.transform().isBlank() ? "transform" : setting.transform();
    String data = setting.data() == null || setting.data().isBlank() || setting.data().equals("?") ? "T" : setting.data();
    String unit = study ? "digit" : "class";
    ResultTable t = ctx.results();
    String digit = ctx.config().path("digit").asText("1");
    // the activity dataset as the probe named it (e.g. MNIST_0), as class subsets: MNIST^i_0
    List<String> activitySets = t.metric("mean_activity").distinct("dataset");
    String activityName = activitySets.size() == 1 ? activitySets.get(0) : data + "_" + ctx.config().path("activity").asText("0");
    String activity = subsets(activityName, "i");
    boolean upright = activityName.endsWith("_0");
    List<String> sets = t.metric("neurons").distinct("dataset");
    Figure.Builder fig = study
        ? Figure.of("10", "Switching off the neurons of each type found on digit " + digit,
            "Neurons of types A, B1 and B2 found by Algorithm 1 in layer 4 on the subsets MNIST^" + digit
                + "_d. Left: their mean activity (± one standard deviation over the type's neurons and images) on each digit's " + (upright ? "upright " : "")
                + "test images " + activity
                + ". Right: the relative change in accuracy (a_w - a_w') / a_w per digit, averaged over the datasets, when the type's weights to the softmax layer are set to 0.")
        : Figure.of(null, "Switching off the neurons of each type found on class " + digit + " under " + transform,
            "Neurons of types A, B1 and B2 found by Algorithm 1 in the model's top layer on the subsets " + data + "^" + digit + "_d of class " + digit
                + " (by its index), d in " + (sets.size() == 1 ? sets.get(0) : "the set D") + " (" + transform
                + " amounts). Left: their mean activity (± one standard deviation over the type's neurons and images) on each class's test images " + activity
                + ". Right: the relative change in accuracy (a_w - a_w') / a_w per class, averaged over the datasets, when the type's neurons are switched off (their activity set to 0).");
    boolean any = false;
    for (String model : ctx.models()) {
      ResultTable m = t.where("model", model);
      if (m.isEmpty()) continue;
      DefaultStatisticalCategoryDataset activityData = new DefaultStatisticalCategoryDataset();
      DefaultCategoryDataset change = new DefaultCategoryDataset();
      for (String type : TYPES) {
        ResultTable neurons = m.where("type", type).metric("neurons");
        String label = "type " + type + (neurons.isEmpty() ? "" : " (" + (long) neurons.value() + " neurons)");
        ResultTable mean = m.where("type", type).metric("mean_activity");
        ResultTable std = m.where("type", type).metric("std_activity");
        for (ResultTable.Row r : mean.rows()) {
          activityData.add(r.value(), std.where("digit", r.get("digit")).value(), label, r.get("digit"));
        }
        for (ResultTable.Row r : m.where("type", type).metric("mean_relative_change").rows()) change.addValue(r.value(), label, r.get("digit"));
      }
      JFreeChart left = ChartFactory.createLineChart(model + ": mean activity on " + activity, unit, "activity", activityData,
          PlotOrientation.VERTICAL, true, false, false);
      left.getCategoryPlot().setRenderer(new StatisticalLineAndShapeRenderer(true, true));
      if (study) left.getCategoryPlot().getRangeAxis().setRange(0, 1); // sigmoid units; other models' units need not stay below 1
      Charts.style(left);
      JFreeChart right = ChartFactory.createBarChart(model + ": relative change in accuracy", unit, "(a_w - a_w') / a_w", change,
          PlotOrientation.VERTICAL, true, false, false);
      Charts.style(right);
      fig.panel(model + ", activity", left, 560, 360).panel(model + ", ablation", right, 560, 360);
      any = true;
      // the study's claim is about its pair of classifiers in its setting; elsewhere nothing is judged
      if (study) claim(ctx, m, model, digit);
    }
    if (any) ctx.figure(fig.build());
  }

  /** A dataset's name as the subsets of one class: MNIST_0 with "i" is MNIST^i_0. */
  static String subsets(String dataset, String index) {
    int at = dataset.lastIndexOf('_');
    return at < 0 ? dataset + "^" + index : dataset.substring(0, at) + "^" + index + dataset.substring(at);
  }

  /** Held when the ablation digit loses most and the study's next two digits rank second and third. */
  private static void claim(ReportContext ctx, ResultTable model, String name, String digit) {
    if (!digit.equals("1")) return; // the study states it for digit 1 only
    List<ResultTable.Row> rows = new ArrayList<>(model.where("type", "A").metric("mean_relative_change").rows());
    if (rows.size() < 3) return;
    rows.sort(Comparator.comparingDouble(ResultTable.Row::value).reversed());
    List<String> top = new ArrayList<>();
    for (ResultTable.Row r : rows.subList(0, 3)) top.add(String.format("%s (%.1f%%)", r.get("digit"), 100 * r.value()));
    boolean held = rows.get(0).get("digit").equals(digit) && Set.of(rows.get(1).get("digit"), rows.get(2).get("digit")).equals(STUDY_NEXT);
    // the test is a ranking; its headline number is the loss of the digit it puts first
    double loss = Double.NaN;
    for (ResultTable.Row r : rows) if (r.get("digit").equals(digit)) loss = r.value();
    ctx.claim(new Claim("Switching off type-A neurons (found on digit 1) hurts digit 1 most, with 7 and 9 next", "Figure 10", name,
        "largest mean relative losses: " + String.join(", ", top),
        "digit 1 first and digits 7 and 9 second and third", held)
        .withValue("mean relative accuracy loss of digit " + digit + " with type A switched off", loss));
  }
}
