package org.invariance.plugins.neurontypes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.invariance.plugin.Figures;
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
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Neuron types (the study's Algorithm 1) per layer and class, as fractions of the layer and as
 * absolute numbers, and the Pearson correlation between the classes' type-A neurons in the
 * correlation layer. In the study's setting (MNIST, rotation, two frozen-head classifiers) these are
 * its Figures 7, 9 and 8, with its claims on them: each type's per-digit count falls with depth
 * (in at least {@code claim_min_digits} digits), and type-A neurons differ between digits (mean r
 * below {@code claim_max_correlation}). The study makes them for AER (its first model) only: the
 * same tests on the other models are rows beyond the study. Elsewhere they are figures beyond the
 * study, worded from the setting, and judge no claim.
 */
public final class NeuronTypesFigures implements StudyFigures {
  static final List<String> TYPES = List.of("A", "B1", "B2");

  @Override
  public void draw(ReportContext ctx) {
    ReportContext.Setting setting = ctx.setting();
    boolean study = SeedStudy.repeats(setting);
    String transform = Charts.transformName(setting);
    String data = Charts.dataName(setting, "T");
    String unit = study ? "digit" : "class";
    ResultTable t = ctx.summaries(); // counts, fractions and correlations: the probe's summary rows
    NeuronTypesConfig config = ctx.config(NeuronTypesConfig.class);
    List<String> typedLayers = layers(t.metric("fraction").filter(r -> !r.get("digit").isEmpty()));
    String typed = (typedLayers.size() == 1 ? "the colour is layer " : "colours are layers ") + span(typedLayers);
    boolean named = !setting.classes().isEmpty();
    String subsets = study ? "on the digit subsets MNIST^i_d"
        : "on each class's subsets " + data + "^i_d (class i " + (named ? "as the data names it" : "by its index") + "; d: the " + transform + " amounts of the set D)";
    // outside the study the classes are named as the data names them, on the axes and in the captions
    UnaryOperator<String> label = study ? d -> d : setting::className;
    String title7 = "Neuron types per layer and " + unit + ", as a fraction of the layer";
    String caption7 = "The fraction of each layer's neurons of type A, B1 and B2 (one panel per model and type) found by Algorithm 1 " + subsets + "; " + typed + ".";
    perDigit(ctx, t.metric("fraction"), study ? "7" : null, study ? title7 : Charts.titleBeyond(ctx, title7), study ? caption7 : Charts.captionBeyond(ctx, caption7),
        "fraction of layer", unit, label, study ? 420 : -1);
    String title9 = "Neuron types per layer and " + unit + ", absolute numbers";
    String caption9 = "The number of neurons of each type (one panel per model and type) per layer (colours) and " + unit + ", as in " + (study ? "Figure 7" : "the fractions above")
        + " but not divided by the layer size.";
    perDigit(ctx, t.metric("count"), study ? "9" : null, study ? title9 : Charts.titleBeyond(ctx, title9), study ? caption9 : Charts.captionBeyond(ctx, caption9),
        "neurons", unit, label, study ? 420 : -1);

    ResultTable pearson = t.metric("pearson");
    List<String> correlated = layers(pearson);
    String layer = correlated.isEmpty() ? "the top layer" : (correlated.size() == 1 ? "layer " : "layers ") + String.join(", ", correlated);
    Figure.Builder fig8 = study
        ? Figure.of("8", "Correlation between the digits' type-A neurons in " + layer,
            "Pearson correlation between the indicator vectors of type-A neurons in " + layer
                + " found on each digit's subsets MNIST^i_d (grey where a digit has no type-A neuron).")
        : Figure.of(null, Charts.titleBeyond(ctx, "Correlation between the classes' type-A neurons in " + layer),
            Charts.captionBeyond(ctx, "Pearson correlation between the indicator vectors of type-A neurons in " + layer + " found " + subsets
                + " (grey where a class has no type-A neuron)."));
    List<String> digits = pearson.distinct("digit");
    boolean any = false;
    for (String model : ctx.models()) {
      ResultTable m = pearson.where("model", model);
      if (m.isEmpty()) continue;
      double[][] z = new double[digits.size()][digits.size()];
      double sum = 0;
      int n = 0;
      for (ResultTable.Row r : m.rows()) {
        int i = digits.indexOf(r.get("digit"));
        int j = digits.indexOf(r.get("other_digit"));
        z[i][j] = r.value();
        if (i != j && !Double.isNaN(r.value())) {
          sum += r.value();
          n++;
        }
      }
      List<String> names = digits.stream().map(label).toList();
      // long class names stand upright under the columns (Charts.png) and need room beside the rows
      fig8.panel(model, Charts.heatMap(model, unit, names, unit, names, z, -1, 1), study ? 470 : 470 + Charts.labelRoom(names), study ? 400 : Charts.heightFor(400, names));
      any = true;
      // the study's claims are about AER (its first model) in its setting: the same tests on another model are beyond the
      // study; outside its setting nothing is judged
      if (study && n > 0) {
        double mean = sum / n;
        Claim claim = new Claim("Type-A neurons of " + layer + " differ between digits (low correlation)", "Figure 8", model,
            String.format("mean off-diagonal r = %.2f over %d digit pairs", mean, n / 2),
            "mean r < " + number(config.claimMaxCorrelation()) + " (claim_max_correlation)", mean < config.claimMaxCorrelation())
            .withValue("mean off-diagonal Pearson r between digits' type-A neurons", mean)
            .withThreshold(config.claimMaxCorrelation());
        ctx.claim(studysModel(ctx, model) ? claim : claim.beyondStudy());
      }
    }
    if (any) ctx.figure(fig8.build());
    if (!study) return;

    ResultTable counts = t.metric("count");
    for (String model : ctx.models()) {
      ResultTable m = counts.where("model", model);
      ResultTable perDigit = m.filter(r -> !r.get("digit").isEmpty());
      if (perDigit.isEmpty()) continue; // Figure 9 shows per-digit counts: without them (per_digit: false) there is nothing to judge
      Claim claim = countsFall(perDigit, m.where("digit", ""), model, config.claimMinDigits());
      ctx.claim(studysModel(ctx, model) ? claim : claim.beyondStudy());
    }
  }

  /** Whether {@code model} is the one the study analyses in its sections 4-5: AER, the first model. */
  private static boolean studysModel(ReportContext ctx, String model) {
    return model.equals(ctx.models().get(0));
  }

  /**
   * Figure 9's claim, on the per-digit counts as the figure shows them: for each type and digit, the
   * count "falls" when each layer's is strictly below the previous layer's; held when every type
   * falls so in at least {@code minDigits} digits. Its number is the fewest digits in which a type
   * falls (held iff at least {@code minDigits}). The measured text gives, per type, in how many
   * digits it falls, each counter-example (digit, layers, counts) and each layer's range over the
   * digits, then the all-digit counts for comparison.
   */
  static Claim countsFall(ResultTable perDigit, ResultTable allDigits, String model, int minDigits) {
    List<String> layers = layers(perDigit);
    List<String> digits = new ArrayList<>(perDigit.distinct("digit"));
    digits.sort(Comparator.comparingInt(NeuronTypesFigures::digitOrder).thenComparing(Comparator.naturalOrder()));
    int fewest = Integer.MAX_VALUE;
    List<String> parts = new ArrayList<>();
    for (String type : TYPES) {
      ResultTable ty = perDigit.where("type", type);
      int falls = 0;
      List<String> exceptions = new ArrayList<>();
      double[] min = new double[layers.size()];
      double[] max = new double[layers.size()];
      Arrays.fill(min, Double.POSITIVE_INFINITY);
      Arrays.fill(max, Double.NEGATIVE_INFINITY);
      for (String digit : digits) {
        ResultTable d = ty.where("digit", digit);
        String exception = null;
        double prev = Double.NaN;
        for (int l = 0; l < layers.size(); l++) {
          ResultTable cell = d.where("layer", layers.get(l));
          double c = cell.isEmpty() ? Double.NaN : cell.value();
          if (!Double.isNaN(c)) {
            min[l] = Math.min(min[l], c);
            max[l] = Math.max(max[l], c);
          }
          if (exception == null && l > 0 && !(c < prev)) {
            exception = digit + ": " + count(prev) + "→" + count(c) + " at layers " + layers.get(l - 1) + "→" + layers.get(l);
          }
          prev = c;
        }
        if (exception == null) falls++;
        else exceptions.add(exception);
      }
      fewest = Math.min(fewest, falls);
      List<String> ranges = new ArrayList<>();
      for (int l = 0; l < layers.size(); l++) ranges.add(min[l] == max[l] ? count(min[l]) : count(min[l]) + "-" + count(max[l]));
      parts.add(type + " falls in " + falls + " of " + digits.size() + " digits" + (exceptions.isEmpty() ? "" : " (not " + String.join("; ", exceptions) + ")")
          + ", per layer " + String.join(", ", ranges));
    }
    List<String> all = new ArrayList<>();
    for (String type : TYPES) {
      List<String> v = new ArrayList<>();
      for (String l : layers) {
        ResultTable cell = allDigits.where("type", type).where("layer", l);
        if (!cell.isEmpty()) v.add(count(cell.value()));
      }
      if (!v.isEmpty()) all.add(type + ": " + String.join(", ", v));
    }
    boolean held = fewest >= minDigits;
    return new Claim("The absolute number of each type falls from layer to layer (per digit)", "Figure 9", model,
        "neurons per layer " + layers + " and digit: " + String.join("; ", parts) + (all.isEmpty() ? "" : "; all digits together: " + String.join("; ", all)),
        "for every type, each layer's count below the previous layer's in at least " + minDigits + " of the " + digits.size()
            + " digits (claim_min_digits)", held)
        .withValue("fewest digits in which a type's count falls from each layer to the next", fewest)
        .withThreshold(minDigits);
  }

  /** A digit's place: numbers in numeric order before any other name. */
  private static int digitOrder(String digit) {
    try {
      return Integer.parseInt(digit);
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  /** A count as the figure shows it: 12, or "?" for one not in the table. */
  private static String count(double c) {
    return Double.isNaN(c) ? "?" : c == Math.rint(c) ? Long.toString((long) c) : Double.toString(c);
  }

  /** A threshold as written: 0.3, 0.25, 1 (no trailing zeros). */
  static String number(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  /** The layers in the rows, in numeric order. */
  static List<String> layers(ResultTable rows) {
    List<String> out = new ArrayList<>(rows.distinct("layer"));
    out.sort(Comparator.comparingInt(Integer::parseInt));
    return out;
  }

  /** "1-4" for consecutive layers, else "2, 4". */
  static String span(List<String> layers) {
    boolean consecutive = layers.size() > 1;
    for (int i = 1; i < layers.size(); i++) consecutive &= Integer.parseInt(layers.get(i)) == Integer.parseInt(layers.get(i - 1)) + 1;
    return consecutive ? layers.get(0) + "-" + layers.get(layers.size() - 1) : String.join(", ", layers);
  }

  /**
   * One panel per model and type: bars per digit (a category: never joined by a line), one colour
   * per layer; the panels of one figure share their y-axis (the report sees to it), so types and
   * models compare at a glance.
   */
  private static void perDigit(ReportContext ctx, ResultTable metric, String number, String title, String caption, String axis, String unit,
      UnaryOperator<String> label, int height) {
    Figure.Builder fig = Figure.of(number, title, caption);
    ResultTable digits = metric.filter(r -> !r.get("digit").isEmpty());
    boolean any = false;
    for (String model : ctx.models()) {
      ResultTable m = digits.where("model", model);
      if (m.isEmpty()) continue;
      List<String> layers = layers(m);
      for (String type : TYPES) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String layer : layers) {
          for (ResultTable.Row r : m.where("type", type).where("layer", layer).rows()) data.addValue(r.value(), "layer " + layer, label.apply(r.get("digit")));
        }
        if (data.getRowCount() == 0) continue;
        JFreeChart chart = ChartFactory.createBarChart(model + ", type " + type, unit, axis, data, PlotOrientation.VERTICAL, true, false, false);
        Charts.style(chart);
        CategoryItemRenderer r = chart.getCategoryPlot().getRenderer();
        for (int s = 0; s < data.getRowCount(); s++) r.setSeriesPaint(s, Charts.color(s));
        List<String> classes = new ArrayList<>();
        for (Object k : data.getColumnKeys()) classes.add(k.toString());
        // height < 0: room below for long class names, which Charts.png stands upright
        fig.panel(model + ", type " + type, chart, 400, height >= 0 ? height : Charts.heightFor(340, classes));
        any = true;
      }
    }
    if (any) ctx.figure(fig.build());
  }


}
