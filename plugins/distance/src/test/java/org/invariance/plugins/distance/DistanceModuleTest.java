package org.invariance.plugins.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.invariance.plugin.Headlines;
import org.invariance.plugin.PluginRegistry;
import org.invariance.results.ResultTable;
import org.junit.jupiter.api.Test;

class DistanceModuleTest {
  private static List<String> row(String layer, String sample, String metric, String value) {
    return List.of("AER", "MNIST_0 vs MNIST_30", layer, sample, metric, value);
  }

  @Test
  void headlinesAreThePerLayerSummariesNotThePerImageDistances() {
    // two images with distances 1 and 3: the probe's mean is (1 + 3) / 2 = 2 and its median 2
    ResultTable rows = ResultTable.of(List.of("model", "dataset", "layer", "sample", "metric", "value"), List.of(
        row("2", "0", "distance", "1"),
        row("2", "0", "normalized_distance", "0.1"),
        row("2", "1", "distance", "3"),
        row("2", "1", "normalized_distance", "0.3"),
        row("2", "", "mean_distance", "2"),
        row("2", "", "median_distance", "2"),
        row("2", "", "mean_normalized_distance", "0.2"),
        row("2", "", "median_normalized_distance", "0.2")));
    Headlines h = PluginRegistry.of(List.of(new DistanceModule())).headlines().get("distance");
    ResultTable t = h.headlines(rows);
    assertEquals(4, t.size(), "one row per summary metric, none per image");
    assertEquals(List.of("mean_distance", "median_distance", "mean_normalized_distance", "median_normalized_distance"), t.distinct("metric"));
    assertEquals(2.0, t.metric("mean_distance").value(), 0);
    assertEquals(0.2, t.metric("mean_normalized_distance").value(), 0);
    assertSame(rows.columns(), t.columns());
  }
}
