package org.invariance.plugins.distance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.invariance.plugin.Headlines;
import org.invariance.plugin.PluginRegistry;
import org.invariance.results.ResultTable;
import org.junit.jupiter.api.Test;

class DistanceModuleTest {
  @Test
  void noPerImageRowIsAHeadlineEveryPerLayerSummaryIs() {
    ResultTable rows = ResultTable.of(List.of("model", "dataset", "other_dataset", "layer", "sample", "metric", "value"), List.of(
        List.of("AER", "MNIST_0", "MNIST_30", "2", "0", "distance", "1"),
        List.of("AER", "MNIST_0", "MNIST_30", "2", "1", "distance", "3")));
    // two images with distances 1 and 3: the probe's mean is (1 + 3) / 2 = 2 and its median 2
    ResultTable summaries = ResultTable.of(List.of("model", "dataset", "other_dataset", "layer", "metric", "value"), List.of(
        List.of("AER", "MNIST_0", "MNIST_30", "2", "mean_distance", "2"),
        List.of("AER", "MNIST_0", "MNIST_30", "2", "median_distance", "2")));
    Headlines h = PluginRegistry.of(List.of(new DistanceModule())).headlines().get("distance");
    assertTrue(h.headlines(rows).isEmpty(), "image s of one network says nothing about image s of another");
    assertSame(summaries, h.summaries(summaries));
  }
}
