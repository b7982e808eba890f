package org.invariance.plugins.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.invariance.testing.ProbeHarness;
import org.invariance.testing.TinyModels;
import org.junit.jupiter.api.Test;

class DistanceProbeTest {
  @Test
  void distancesBetweenAnImageAndItsShiftByHand() {
    var digits = TinyModels.digits(5, new float[][] {{0.9f, 0.1f, 0.8f, 0.2f, 0f}, {0.5f, 0.5f, 0.5f, 0.5f, 0.5f}}, new int[] {0, 1});
    ProbeHarness h = new ProbeHarness(digits, TinyModels.shifts(5, 0, 1), 1, Map.of("M", TinyModels.monotone(5, 2)));
    new DistanceProbe().run(h, new DistanceConfig(List.of(List.of("0", "1")), List.of(1, 2), true));
    assertEquals(List.of("other_dataset", "layer", "sample"), h.keyColumns());
    assertEquals(List.of("other_dataset", "layer"), h.summaryKeyColumns(), "means and medians over the images are summary rows");
    // image 0 vs its shift [0, .9, .1, .8, .2]: differences .9 -.8 .7 -.6 -.2 -> sqrt(2.34)
    double d0 = Math.sqrt(0.81 + 0.64 + 0.49 + 0.36 + 0.04);
    // image 1 vs [0, .5, .5, .5, .5]: only the first pixel differs, by .5
    double d1 = 0.5;
    assertEquals(d0, h.value("M", "T_0", "distance", "T_1", 1, 0), 1e-6);
    assertEquals(d1, h.value("M", "T_0", "distance", "T_1", 1, 1), 1e-6);
    assertEquals(d0 / Math.sqrt(5), h.value("M", "T_0", "normalized_distance", "T_1", 1, 0), 1e-6);
    assertEquals((d0 + d1) / 2, h.summaryValue("M", "T_0", "mean_distance", "T_1", 1), 1e-6);
    assertEquals((d0 + d1) / 2, h.summaryValue("M", "T_0", "median_distance", "T_1", 1), 1e-6, "the median of two is their mean");
    // layer 2 = sigmoid(10x - 5) per pixel: image 1's only difference is sigmoid(0) - sigmoid(-5)
    double s = 1 / (1 + Math.exp(5));
    assertEquals(0.5 - s, h.value("M", "T_0", "distance", "T_1", 2, 1), 1e-6);

    // no layers named: every layer of the model (input and its one hidden layer), the same rows
    ProbeHarness all = new ProbeHarness(digits, TinyModels.shifts(5, 0, 1), 1, Map.of("M", TinyModels.monotone(5, 2)));
    new DistanceProbe().run(all, new DistanceConfig(List.of(List.of("0", "1")), null, true));
    assertEquals(h.rows(), all.rows());
    assertEquals(h.summaryRows(), all.summaryRows());
  }
}
