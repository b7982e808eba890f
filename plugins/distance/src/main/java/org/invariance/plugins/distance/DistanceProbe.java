package org.invariance.plugins.distance;

import java.util.Arrays;
import java.util.List;
import org.invariance.analysis.Distances;
import org.invariance.analysis.Layers;
import org.invariance.data.DatasetSpec;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeContext;
import org.invariance.results.ResultWriter;

/**
 * Per-layer Euclidean distances between the activities the same image causes under two transforms
 * (Figure 5): rows {@code model, dataset ("MNIST_30 vs MNIST_-60"), layer, sample, metric, value}
 * with metrics {@code distance} and {@code normalized_distance} (divided by sqrt(N^layer)) per image,
 * and their {@code mean_*} and {@code median_*} (sample empty).
 */
public final class DistanceProbe implements Probe<DistanceConfig> {
  @Override
  public Class<DistanceConfig> configType() {
    return DistanceConfig.class;
  }

  @Override
  public void run(ProbeContext ctx, DistanceConfig c) {
    ResultWriter out = ctx.results("layer", "sample");
    try (Progress p = ctx.progress("distance", (long) ctx.models().size() * c.pairs().size())) {
      for (String model : ctx.models()) {
        for (List<String> pair : c.pairs()) {
          Activations a = ctx.activations(model, DatasetSpec.parse(pair.get(0)));
          Activations b = ctx.activations(model, DatasetSpec.parse(pair.get(1)));
          String name = a.dataset().name() + " vs " + b.dataset().name();
          for (int layer : Layers.resolve(c.layers(), a.top(), model)) {
            double[] d = Distances.perSample(a.layer(layer), b.layer(layer));
            double norm = Math.sqrt(a.layer(layer).columns());
            if (c.perSample()) {
              for (int s = 0; s < d.length; s++) {
                out.row(model, name, "distance", d[s], layer, s);
                out.row(model, name, "normalized_distance", d[s] / norm, layer, s);
              }
            }
            out.row(model, name, "mean_distance", mean(d), layer, null);
            out.row(model, name, "median_distance", median(d), layer, null);
            out.row(model, name, "mean_normalized_distance", mean(d) / norm, layer, null);
            out.row(model, name, "median_normalized_distance", median(d) / norm, layer, null);
          }
          a.close();
          b.close();
          p.advance(1);
        }
      }
    }
  }

  static double mean(double[] d) {
    double s = 0;
    for (double v : d) s += v;
    return d.length == 0 ? Double.NaN : s / d.length;
  }

  static double median(double[] d) {
    if (d.length == 0) return Double.NaN;
    double[] s = d.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
