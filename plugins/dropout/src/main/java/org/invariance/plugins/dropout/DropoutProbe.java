package org.invariance.plugins.dropout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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

/**
 * Figure 11: accuracy after dropping a random share of the top layer's neurons (weights to the
 * softmax set to 0), trial by trial, beside the accuracy after dropping each neuron type found on
 * one digit's subsets. Key columns {@code drop} ("random", "A", "B1", "B2"), {@code fraction} (the
 * share dropped), {@code trial} (the random trial, 0, 1, ...; empty for a type). The mean over the
 * trials per share is a summary row (key columns {@code drop, fraction}). The neurons of trial t at
 * share f are drawn from a generator seeded by (experiment seed, probe, f, t): the same for every
 * model.
 */
public final class DropoutProbe implements Probe<DropoutConfig> {
  @Override
  public Class<DropoutConfig> configType() {
    return DropoutConfig.class;
  }

  @Override
  public DropoutConfig withDefaults(DropoutConfig c, ProbeTransform t) {
    return c.withDefaults(t);
  }

  @Override
  public Map<String, DatasetSpec> datasets(DropoutConfig c, ProbeTransform t) {
    Map<String, DatasetSpec> asked = DatasetSpec.byField("datasets", c.datasets());
    asked.putAll(DatasetSpec.byField("type_datasets", c.typeDatasets()));
    return asked;
  }

  /** The class whose subsets define the types must be one of the data's. */
  @Override
  public void check(DropoutConfig c, List<String> classes) {
    InvalidConfig.require(c.digit() < classes.size(), "digit", "class " + c.digit() + " does not exist: the data has " + classes.size() + " classes, 0 to " + (classes.size() - 1)
        + " (" + String.join(", ", classes) + ")");
  }

  @Override
  public void run(ProbeContext ctx, DropoutConfig config) {
    DropoutConfig c = config.withDefaults(ctx.transform());
    ResultWriter out = ctx.results("drop", "fraction", "trial");
    ResultWriter summary = ctx.summary("drop", "fraction");
    try (Progress p = ctx.progress("dropout", ctx.models().size(), "models")) {
      for (String model : ctx.models()) {
        List<Activations> typeSets = new ArrayList<>();
        for (DatasetSpec s : Ablation.specs(c.typeDatasets())) typeSets.add(ctx.activations(model, s));
        int top = typeSets.get(0).layers().size();
        NeuronTypes.Result types = Ablation.typesOnClass(typeSets, c.digit(), top, c.fraction());
        typeSets.forEach(Activations::close);
        Model m = ctx.model(model);
        for (DatasetSpec s : Ablation.specs(c.datasets())) {
          Activations a = ctx.activations(model, s);
          int n = (int) a.layer(top).columns();
          String name = a.dataset().name();
          for (double f : c.fractions()) {
            double sum = 0;
            for (int t = 0; t < c.trials(); t++) {
              int[] drop = draw(n, (int) Math.round(f * n), new SplittableRandom(ctx.seed("dropout/" + f + "/" + t)));
              double acc = Ablation.accuracy(Ablation.predictWithout(m, a, top, drop), a.dataset().labels(), null);
              sum += acc;
              out.row(model, name, "accuracy", acc, "random", f, t);
            }
            summary.row(model, name, "accuracy", sum / c.trials(), "random", f);
          }
          for (Type t : Type.values()) {
            int[] drop = types.neurons(t);
            double acc = Ablation.accuracy(Ablation.predictWithout(m, a, top, drop), a.dataset().labels(), null);
            out.row(model, name, "accuracy", acc, t.name(), (double) drop.length / n, null);
          }
          a.close();
        }
        p.advance(1);
      }
    }
  }

  /** k distinct neurons of n, uniformly (a partial Fisher-Yates shuffle), ascending. */
  static int[] draw(int n, int k, SplittableRandom rng) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) a[i] = i;
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(n - i);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    int[] out = Arrays.copyOf(a, k);
    Arrays.sort(out);
    return out;
  }
}
