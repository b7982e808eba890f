package org.invariance.plugins.sta;

import java.util.Map;
import org.invariance.data.DatasetSpec;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeContext;
import org.invariance.plugin.ProbeTransform;
import org.invariance.results.ResultWriter;

/**
 * The study's spike-triggered average (Figure 4): for each softmax neuron, the mean of the input
 * images (as presented, i.e. transformed) for which it was the most active. Rows
 * {@code model, dataset, neuron, pixel, metric=sta, value} (row-major pixels) and
 * {@code metric=count} (pixel empty): how many images each average is over.
 */
public final class StaProbe implements Probe<StaConfig> {
  @Override
  public Class<StaConfig> configType() {
    return StaConfig.class;
  }

  @Override
  public StaConfig withDefaults(StaConfig c, ProbeTransform t) {
    return c.withDefaults(t);
  }

  @Override
  public Map<String, DatasetSpec> datasets(StaConfig c, ProbeTransform t) {
    return DatasetSpec.byField("datasets", c.datasets());
  }

  @Override
  public void run(ProbeContext ctx, StaConfig config) {
    StaConfig c = config.withDefaults(ctx.transform());
    ResultWriter out = ctx.results("neuron", "pixel");
    try (Progress p = ctx.progress("sta", (long) ctx.models().size() * c.datasets().size(), "datasets")) {
      for (String model : ctx.models()) {
        for (String d : c.datasets()) {
          try (Activations a = ctx.activations(model, DatasetSpec.parse(d))) {
          int n = Math.min(c.images(), a.dataset().count());
          int pixels = (int) a.dataset().images().columns();
          int classes = (int) a.probabilities().columns();
          float[] images = Activations.floats(a.dataset().images());
          double[][] sum = new double[classes][pixels];
          int[] count = new int[classes];
          int[] predicted = a.predicted();
          for (int i = 0; i < n; i++) {
            int k = predicted[i];
            count[k]++;
            for (int px = 0; px < pixels; px++) sum[k][px] += images[i * pixels + px];
          }
          for (int k = 0; k < classes; k++) {
            out.row(model, a.dataset().name(), "count", count[k], k, null);
            for (int px = 0; px < pixels; px++) out.row(model, a.dataset().name(), "sta", count[k] == 0 ? Double.NaN : sum[k][px] / count[k], k, px);
          }
          }
          p.advance(1);
        }
      }
    }
  }
}
