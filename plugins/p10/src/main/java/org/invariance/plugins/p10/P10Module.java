package org.invariance.plugins.p10;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.plugin.PluginModule;
import org.invariance.results.ResultTable;

/** Contributes the {@code p10} probe. */
public final class P10Module extends PluginModule {
  /** The headline metric: the fraction of a layer's neurons never among the most active. */
  static final String NEVER_TOP = "never_top_fraction";

  @Override
  protected void configure() {
    probe("p10").to(P10Probe.class);
    figures("p10").to(P10Figures.class);
    headlines("p10").toInstance(P10Module::headlines);
  }

  /**
   * The numbers worth comparing across seeds: per model, dataset and layer the fraction of the
   * layer's neurons with p10 = 0 (never among the most active on any image), as rows {@code model,
   * dataset, layer, metric=never_top_fraction, value}. A single neuron's p10 says nothing across
   * differently trained networks, and the mean p10 over a layer is always the probe's fraction
   * (k / N; exactly the fraction when fraction N is whole).
   *
   * <p>p10 = 0 is exact, not a rounding: a neuron gets no share at all unless, on some image, its
   * activity reaches the k-th largest of its layer; one tied at the cut gets a fractional share. So
   * a neuron counted here was never at or above the cut on any image. In the input layer, an image
   * that lights fewer than k pixels shares its leftover places among all its dark pixels, so a
   * dataset with such images leaves few or no pixels at p10 = 0.
   */
  static ResultTable headlines(ResultTable rows) {
    Map<List<String>, int[]> counts = new LinkedHashMap<>(); // (model, dataset, layer) -> {never, neurons}
    for (ResultTable.Row r : rows.metric("p10").rows()) {
      int[] c = counts.computeIfAbsent(List.of(r.model(), r.dataset(), r.get("layer")), k -> new int[2]);
      if (r.value() == 0) c[0]++;
      c[1]++;
    }
    List<List<String>> cells = new ArrayList<>();
    counts.forEach((key, c) -> {
      List<String> row = new ArrayList<>(key);
      row.add(NEVER_TOP);
      row.add(Double.toString((double) c[0] / c[1]));
      cells.add(row);
    });
    return ResultTable.of(List.of("model", "dataset", "layer", "metric", "value"), cells);
  }
}
