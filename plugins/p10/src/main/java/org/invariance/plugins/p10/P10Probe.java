package org.invariance.plugins.p10;

import java.util.Map;
import org.invariance.analysis.Layers;
import org.invariance.study.analysis.TopFraction;
import org.invariance.data.DatasetSpec;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeContext;
import org.invariance.plugin.ProbeTransform;
import org.invariance.results.ResultWriter;

/**
 * p10(n|d) for every neuron of the chosen layers on every dataset of D (Figures 6 and 12): rows
 * {@code model, dataset, layer, neuron, metric=p10, value}. Per image k = max(1, round(fraction N))
 * places are handed out: one to each neuron strictly above the k-th largest activity, the rest in
 * equal shares to the neurons at it (see {@link TopFraction}); so p10 need not be a multiple of
 * 1 / images, a layer's p10 sum to k, and neurons of equal activity get equal p10.
 */
public final class P10Probe implements Probe<P10Config> {
  @Override
  public Class<P10Config> configType() {
    return P10Config.class;
  }

  @Override
  public P10Config withDefaults(P10Config c, ProbeTransform t) {
    return c.withDefaults(t);
  }

  @Override
  public Map<String, DatasetSpec> datasets(P10Config c, ProbeTransform t) {
    return DatasetSpec.byField("datasets", c.datasets());
  }

  @Override
  public void run(ProbeContext ctx, P10Config config) {
    P10Config c = config.withDefaults(ctx.transform());
    ResultWriter out = ctx.results("layer", "neuron");
    try (Progress p = ctx.progress("p10", (long) ctx.models().size() * c.datasets().size(), "datasets")) {
      for (String model : ctx.models()) {
        for (String d : c.datasets()) {
          Activations a = ctx.activations(model, DatasetSpec.parse(d));
          for (int layer : Layers.resolve(c.layers(), a.top(), model)) {
            if (layer > a.layers().size()) throw new IllegalArgumentException("layer " + layer + " does not exist: the model has layers 1.." + a.layers().size());
            double[] p10 = TopFraction.p(a.layer(layer), c.fraction());
            for (int n = 0; n < p10.length; n++) out.row(model, a.dataset().name(), "p10", p10[n], layer, n);
          }
          a.close();
          p.advance(1);
        }
      }
    }
  }
}
