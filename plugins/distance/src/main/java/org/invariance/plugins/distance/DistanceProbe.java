package org.invariance.plugins.distance;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.analysis.Layers;
import org.invariance.data.DatasetSpec;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeContext;
import org.invariance.plugin.ProbeTransform;
import org.invariance.results.ResultWriter;

/**
 * Per-layer Euclidean distances between the activities the same image causes under two transforms
 * (Figure 5): rows {@code model, dataset (MNIST_30), other_dataset (MNIST_-60), layer, sample,
 * metric, value} with metrics {@code distance} and {@code normalized_distance} (divided by
 * sqrt(N^layer)) per image; their {@code mean_*} and {@code median_*} over the images per layer
 * are summary rows ({@code other_dataset, layer}).
 */
public final class DistanceProbe implements Probe<DistanceConfig> {
  @Override
  public Class<DistanceConfig> configType() {
    return DistanceConfig.class;
  }

  @Override
  public DistanceConfig withDefaults(DistanceConfig c, ProbeTransform t) {
    return c.withDefaults(t);
  }

  @Override
  public Map<String, DatasetSpec> datasets(DistanceConfig c, ProbeTransform t) {
    Map<String, DatasetSpec> asked = new LinkedHashMap<>();
    for (int i = 0; i < c.pairs().size(); i++) {
      for (int j = 0; j < 2; j++) asked.put("pairs." + i + "." + j, DatasetSpec.parse(c.pairs().get(i).get(j)));
    }
    return asked;
  }

  @Override
  public void run(ProbeContext ctx, DistanceConfig config) {
    DistanceConfig c = config.withDefaults(ctx.transform());
    ResultWriter out = ctx.results("other_dataset", "layer", "sample");
    ResultWriter summary = ctx.summary("other_dataset", "layer");
    try (Progress p = ctx.progress("distance", (long) ctx.models().size() * c.pairs().size(), "pairs")) {
      for (String model : ctx.models()) {
        for (List<String> pair : c.pairs()) {
          Activations a = ctx.activations(model, DatasetSpec.parse(pair.get(0)));
          Activations b = ctx.activations(model, DatasetSpec.parse(pair.get(1)));
          String name = a.dataset().name();
          String other = b.dataset().name();
          for (int layer : Layers.resolve(c.layers(), a.top(), model)) {
            double[] d = Distances.perSample(a.layer(layer), b.layer(layer));
            double norm = Math.sqrt(a.layer(layer).columns());
            if (c.perSample()) {
              for (int s = 0; s < d.length; s++) {
                out.row(model, name, "distance", d[s], other, layer, s);
                out.row(model, name, "normalized_distance", d[s] / norm, other, layer, s);
              }
            }
            summary.row(model, name, "mean_distance", mean(d), other, layer);
            summary.row(model, name, "median_distance", median(d), other, layer);
            summary.row(model, name, "mean_normalized_distance", mean(d) / norm, other, layer);
            summary.row(model, name, "median_normalized_distance", median(d) / norm, other, layer);
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
