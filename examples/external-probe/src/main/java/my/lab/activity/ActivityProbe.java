package my.lab.activity;

import org.invariance.data.DatasetSpec;
import org.invariance.model.Activations;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeContext;
import org.invariance.results.ResultWriter;

/**
 * How busy each layer is: per model, dataset and layer, the mean activity over images and neurons
 * and the fraction of (image, neuron) pairs above a threshold. Rows: {@code model, dataset, layer,
 * metric, value} with metrics {@code mean_activity}, {@code active_fraction}.
 */
public final class ActivityProbe implements Probe<ActivityConfig> {
  @Override
  public Class<ActivityConfig> configType() {
    return ActivityConfig.class;
  }

  @Override
  public void run(ProbeContext ctx, ActivityConfig c) {
    ResultWriter out = ctx.results("layer");
    for (String model : ctx.models()) {
      for (String d : c.datasets()) {
        try (Activations a = ctx.activations(model, DatasetSpec.parse(d))) {
          for (int layer = 1; layer <= a.top(); layer++) {
            float[] v = Activations.floats(a.layer(layer));
            double sum = 0;
            long active = 0;
            for (float x : v) {
              sum += x;
              if (x > c.threshold()) active++;
            }
            out.row(model, a.dataset().name(), "mean_activity", v.length == 0 ? Double.NaN : sum / v.length, layer);
            out.row(model, a.dataset().name(), "active_fraction", v.length == 0 ? Double.NaN : (double) active / v.length, layer);
          }
        }
      }
    }
  }
}
