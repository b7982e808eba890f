package org.invariance.plugins.neurontypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invariance.analysis.Layers;
import org.invariance.study.analysis.NeuronTypes.Type;
import org.invariance.study.analysis.NeuronTypes;
import org.invariance.study.analysis.TopFraction;
import org.invariance.data.DatasetSpec;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeContext;
import org.invariance.plugin.ProbeTransform;
import org.invariance.results.ResultWriter;

/**
 * Neuron types A, B1, B2 (the study's Algorithm 1) per layer, over all digits (digit empty) and per
 * digit subset; dataset = the set D. Raw rows, one per neuron (key columns {@code layer, digit,
 * type, neuron}): {@code member} = 1 for each neuron of a type; {@code mu10}/{@code sigma10} per
 * neuron (all digits). Summary rows over the neurons (key columns {@code layer, digit, type,
 * other_digit}): {@code count} and {@code fraction} (of the layer) per type; {@code pearson} between
 * two digits' type-A indicator vectors in the correlation layer (Figure 8). p10 is {@link TopFraction}'s:
 * neurons tied at an image's cut share its places equally, so mu10 and sigma10 are of fractional
 * counts, and neurons of equal activity on every image get the same type.
 */
public final class NeuronTypesProbe implements Probe<NeuronTypesConfig> {
  @Override
  public Class<NeuronTypesConfig> configType() {
    return NeuronTypesConfig.class;
  }

  @Override
  public NeuronTypesConfig withDefaults(NeuronTypesConfig c, ProbeTransform t) {
    return c.withDefaults(t);
  }

  @Override
  public Map<String, DatasetSpec> datasets(NeuronTypesConfig c, ProbeTransform t) {
    return DatasetSpec.byField("datasets", c.datasets());
  }

  @Override
  public void run(ProbeContext ctx, NeuronTypesConfig config) {
    NeuronTypesConfig c = config.withDefaults(ctx.transform());
    ResultWriter out = ctx.results("layer", "digit", "type", "neuron");
    ResultWriter summary = ctx.summary("layer", "digit", "type", "other_digit");
    try (Progress p = ctx.progress("neuron types", (long) ctx.models().size() * (c.perDigit() ? ctx.classes().size() + 1 : 1), "digit sets")) {
      for (String model : ctx.models()) {
        List<Activations> sets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String d : c.datasets()) {
          Activations a = ctx.activations(model, DatasetSpec.parse(d));
          sets.add(a);
          names.add(a.dataset().name());
        }
        String dName = "{" + String.join(",", names) + "}";
        List<Integer> layers = Layers.resolve(c.layers(), sets.get(0).top(), model);
        int correlationLayer = c.correlationLayer() == null ? sets.get(0).top() : c.correlationLayer();
        int classes = ctx.classes().size();
        for (int layer : layers) {
          NeuronTypes.Result r = NeuronTypes.classify(TopFraction.table(sets, layer, c.fraction()));
          write(out, summary, model, dName, layer, null, r);
          for (int n = 0; n < r.types().length; n++) {
            out.row(model, dName, "mu10", r.mean()[n], layer, null, r.types()[n].name(), n);
            out.row(model, dName, "sigma10", r.variance()[n], layer, null, r.types()[n].name(), n);
          }
        }
        p.advance(1);
        if (!c.perDigit()) {
          sets.forEach(Activations::close);
          continue;
        }
        double[][] typeA = new double[classes][];
        for (int digit = 0; digit < classes; digit++) {
          List<Activations> sub = new ArrayList<>();
          for (Activations a : sets) sub.add(a.classSubset(digit));
          if (sub.get(0).dataset().count() == 0) {
            sub.forEach(Activations::close);
            continue;
          }
          for (int layer : layers) {
            NeuronTypes.Result r = NeuronTypes.classify(TopFraction.table(sub, layer, c.fraction()));
            write(out, summary, model, dName, layer, digit, r);
            if (layer == correlationLayer) {
              typeA[digit] = new double[r.types().length];
              for (int n : r.neurons(Type.A)) typeA[digit][n] = 1;
            }
          }
          sub.forEach(Activations::close);
          p.advance(1);
        }
        sets.forEach(Activations::close);
        for (int i = 0; i < classes; i++) {
          for (int j = 0; j < classes; j++) {
            if (typeA[i] == null || typeA[j] == null) continue;
            summary.row(model, dName, "pearson", NeuronTypes.pearson(typeA[i], typeA[j]), correlationLayer, i, "A", j);
          }
        }
      }
    }
  }

  /** @param digit the class subset, or null for all digits */
  private static void write(ResultWriter out, ResultWriter summary, String model, String dName, int layer, Integer digit, NeuronTypes.Result r) {
    int size = r.types().length;
    for (Type t : Type.values()) {
      int count = r.count(t);
      summary.row(model, dName, "count", count, layer, digit, t.name(), null);
      summary.row(model, dName, "fraction", (double) count / size, layer, digit, t.name(), null);
      for (int n : r.neurons(t)) out.row(model, dName, "member", 1, layer, digit, t.name(), n);
    }
  }
}
