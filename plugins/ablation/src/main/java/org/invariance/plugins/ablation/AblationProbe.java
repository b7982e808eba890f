package org.invariance.plugins.ablation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.model.Model;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeContext;
import org.invariance.plugin.ProbeTransform;
import org.invariance.results.ResultWriter;
import org.invariance.study.analysis.Ablation;
import org.invariance.study.analysis.NeuronTypes;
import org.invariance.study.analysis.NeuronTypes.Type;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Figure 10: with types found on one digit's subsets in the top layer, switch each type off (its
 * weights to the softmax layer set to 0) and record, per digit i and dataset d,
 * {@code accuracy}, {@code accuracy_ablated} and {@code relative_change} = (a_w - a_w') / a_w;
 * the same for all digits together with digit empty (Figure 10's rightmost bar); {@code neurons}
 * per type (dataset = the set D); and on the activity dataset the {@code mean_activity} of each
 * type per digit with its {@code std_activity} across the type's neurons. Key columns: {@code
 * type, digit}. The summary rows ({@code ablation_summary.csv}, the same key columns, dataset =
 * the set D): {@code mean_relative_change} per type and digit (empty: all), the mean of the
 * relative changes over the datasets. The types come
 * from {@link Ablation#typesOnClass}: p10 with ties at the cut shared equally, so a digit's dark or
 * saturated images favour no neuron by its index.
 */
public final class AblationProbe implements Probe<AblationConfig> {
  @Override
  public Class<AblationConfig> configType() {
    return AblationConfig.class;
  }

  @Override
  public AblationConfig withDefaults(AblationConfig c, ProbeTransform t) {
    return c.withDefaults(t);
  }

  @Override
  public Map<String, DatasetSpec> datasets(AblationConfig c, ProbeTransform t) {
    Map<String, DatasetSpec> asked = DatasetSpec.byField("datasets", c.datasets());
    asked.put("activity", DatasetSpec.parse(c.activity()));
    return asked;
  }

  /** The class whose subsets define the types must be one of the data's. */
  @Override
  public void check(AblationConfig c, List<String> classes) {
    InvalidConfig.require(c.digit() < classes.size(), "digit", "class " + c.digit() + " does not exist: the data has " + classes.size() + " classes, 0 to " + (classes.size() - 1)
        + " (" + String.join(", ", classes) + ")");
  }

  @Override
  public void run(ProbeContext ctx, AblationConfig config) {
    AblationConfig c = config.withDefaults(ctx.transform());
    ResultWriter out = ctx.results("type", "digit");
    ResultWriter summary = ctx.summary("type", "digit");
    try (Progress p = ctx.progress("ablation", ctx.models().size(), "models")) {
      for (String model : ctx.models()) {
        List<Activations> sets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (DatasetSpec s : Ablation.specs(c.datasets())) {
          Activations a = ctx.activations(model, s);
          sets.add(a);
          names.add(a.dataset().name());
        }
        String dName = "{" + String.join(",", names) + "}";
        int top = sets.get(0).layers().size();
        NeuronTypes.Result types = Ablation.typesOnClass(sets, c.digit(), top, c.fraction());
        Model m = ctx.model(model);
        int classes = ctx.classes().size();
        for (Type t : Type.values()) {
          int[] neurons = types.neurons(t);
          out.row(model, dName, "neurons", neurons.length, t.name(), null);
          double[][] rel = new double[classes][sets.size()];
          double[] relAll = new double[sets.size()];
          for (int d = 0; d < sets.size(); d++) {
            Activations a = sets.get(d);
            int[] ablated = Ablation.predictWithout(m, a, top, neurons);
            for (int i = 0; i < classes; i++) {
              double intact = Ablation.accuracy(a.predicted(), a.dataset().labels(), i);
              double off = Ablation.accuracy(ablated, a.dataset().labels(), i);
              rel[i][d] = Ablation.relativeChange(intact, off);
              out.row(model, a.dataset().name(), "accuracy", intact, t.name(), i);
              out.row(model, a.dataset().name(), "accuracy_ablated", off, t.name(), i);
              out.row(model, a.dataset().name(), "relative_change", rel[i][d], t.name(), i);
            }
            double intactAll = Ablation.accuracy(a.predicted(), a.dataset().labels(), null);
            double offAll = Ablation.accuracy(ablated, a.dataset().labels(), null);
            relAll[d] = Ablation.relativeChange(intactAll, offAll);
            out.row(model, a.dataset().name(), "accuracy", intactAll, t.name(), null);
            out.row(model, a.dataset().name(), "accuracy_ablated", offAll, t.name(), null);
            out.row(model, a.dataset().name(), "relative_change", relAll[d], t.name(), null);
          }
          for (int i = 0; i < classes; i++) {
            summary.row(model, dName, "mean_relative_change", meanOfDefined(rel[i]), t.name(), i);
          }
          summary.row(model, dName, "mean_relative_change", meanOfDefined(relAll), t.name(), null);
          try (Activations act = ctx.activations(model, DatasetSpec.parse(c.activity()))) {
            activity(out, model, act, top, t, neurons, classes);
          }
        }
        sets.forEach(Activations::close);
        p.advance(1);
      }
    }
  }

  /** The mean of the values that are defined (a relative change is undefined where the intact accuracy is 0); NaN if none is. */
  static double meanOfDefined(double[] values) {
    double s = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        s += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  /** Mean activity of the type's neurons on each digit's images, and its spread across those neurons. */
  private static void activity(ResultWriter out, String model, Activations a, int layer, Type t, int[] neurons, int classes) {
    if (neurons.length == 0) return;
    INDArray h = a.layer(layer);
    int[] labels = a.dataset().labels();
    int cols = (int) h.columns();
    float[] v = Activations.floats(h);
    for (int i = 0; i < classes; i++) {
      double[] perNeuron = new double[neurons.length];
      int count = 0;
      for (int r = 0; r < labels.length; r++) {
        if (labels[r] != i) continue;
        count++;
        for (int k = 0; k < neurons.length; k++) perNeuron[k] += v[r * cols + neurons[k]];
      }
      if (count == 0) continue;
      double mean = 0;
      for (int k = 0; k < neurons.length; k++) {
        perNeuron[k] /= count;
        mean += perNeuron[k];
      }
      mean /= neurons.length;
      double var = 0;
      for (double x : perNeuron) var += (x - mean) * (x - mean);
      out.row(model, a.dataset().name(), "mean_activity", mean, t.name(), i);
      out.row(model, a.dataset().name(), "std_activity", Math.sqrt(var / neurons.length), t.name(), i);
    }
  }
}
