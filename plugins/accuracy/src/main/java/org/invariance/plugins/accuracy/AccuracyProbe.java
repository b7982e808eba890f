package org.invariance.plugins.accuracy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invariance.data.DatasetSpec;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeContext;
import org.invariance.plugin.ProbeTransform;
import org.invariance.results.ResultWriter;

/**
 * Classification accuracy of every model per transform amount (the study's Figure 2) and per class
 * (Figure 3). Key columns {@code amount} (the transform's amount; empty for a mixed dataset),
 * {@code mix} (a mixed dataset's transform, whose amounts it mixes; empty otherwise) and {@code
 * digit} (the class index; empty for the whole dataset); metric {@code accuracy} (fraction
 * correct) or {@code images} (how many it was measured on). No summary rows: the whole dataset's
 * accuracy is measured on its images, not averaged over the digits' rows.
 */
public final class AccuracyProbe implements Probe<AccuracyConfig> {
  @Override
  public Class<AccuracyConfig> configType() {
    return AccuracyConfig.class;
  }

  @Override
  public AccuracyConfig withDefaults(AccuracyConfig c, ProbeTransform t) {
    return c.withDefaults(t);
  }

  @Override
  public Map<String, DatasetSpec> datasets(AccuracyConfig c, ProbeTransform t) {
    Map<String, DatasetSpec> asked = DatasetSpec.amountsByField("amounts", c.amounts());
    if (c.mix()) asked.put("mix", DatasetSpec.mix());
    asked.putAll(DatasetSpec.byField("per_digit", c.perDigit()));
    return asked;
  }

  @Override
  public void run(ProbeContext ctx, AccuracyConfig config) {
    AccuracyConfig c = config.withDefaults(ctx.transform());
    List<DatasetSpec> sets = new ArrayList<>();
    for (double a : c.amounts()) sets.add(DatasetSpec.at(a));
    if (c.mix()) sets.add(DatasetSpec.mix());
    List<DatasetSpec> perDigit = c.perDigit().stream().map(DatasetSpec::parse).toList();
    ResultWriter out = ctx.results("amount", "mix", "digit");
    try (Progress p = ctx.progress("accuracy", (long) ctx.models().size() * (sets.size() + perDigit.size()), "test sets")) {
      for (String model : ctx.models()) {
        for (DatasetSpec s : sets) {
          try (Activations a = ctx.activations(model, s)) {
            DatasetSpec at = a.dataset().spec();
            out.row(model, a.dataset().name(), "accuracy", a.accuracy(), at.amount(), mix(at), null);
            out.row(model, a.dataset().name(), "images", a.dataset().count(), at.amount(), mix(at), null);
          }
          p.advance(1);
        }
        int classes = ctx.classes().size();
        for (DatasetSpec s : perDigit) {
          try (Activations a = ctx.activations(model, s)) {
            DatasetSpec at = a.dataset().spec();
            int[] labels = a.dataset().labels();
            int[] predicted = a.predicted();
            int[] n = new int[classes];
            int[] ok = new int[classes];
            for (int i = 0; i < labels.length; i++) {
              n[labels[i]]++;
              if (predicted[i] == labels[i]) ok[labels[i]]++;
            }
            for (int d = 0; d < classes; d++) {
              if (n[d] == 0) continue;
              out.row(model, a.dataset().name(), "accuracy", (double) ok[d] / n[d], at.amount(), mix(at), d);
              out.row(model, a.dataset().name(), "images", n[d], at.amount(), mix(at), d);
            }
          }
          p.advance(1);
        }
      }
    }
  }

  /** A mixed dataset's cell in {@code mix}: the transform whose amounts it mixes; null for one amount. */
  static String mix(DatasetSpec spec) {
    return spec.isMix() ? spec.transform() : null;
  }
}
