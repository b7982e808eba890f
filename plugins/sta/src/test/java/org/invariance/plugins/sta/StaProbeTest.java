package org.invariance.plugins.sta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.invariance.testing.ProbeHarness;
import org.invariance.testing.TinyModels;
import org.junit.jupiter.api.Test;

class StaProbeTest {
  /** The monotone model calls the brighter of the first two pixels; the STA averages what it saw. */
  @Test
  void averageOfTheImagesEachNeuronWon() {
    float[][] images = {{0.9f, 0.1f, 0.3f}, {0.7f, 0.2f, 0.1f}, {0.2f, 0.8f, 0.5f}, {0.6f, 0.0f, 0.2f}, {0.1f, 0.4f, 0.0f}};
    var digits = TinyModels.digits(3, images, new int[] {0, 0, 1, 0, 1});
    ProbeHarness h = new ProbeHarness(digits, TinyModels.shifts(3, 0), 1, Map.of("M", TinyModels.monotone(3, 2)));
    new StaProbe().run(h, new StaConfig(List.of("0"), 5000));
    // neuron 0 won images 0, 1, 3; neuron 1 won 2 and 4
    assertEquals(3, h.value("M", "T_0", "count", 0, null));
    assertEquals((0.9 + 0.7 + 0.6) / 3, h.value("M", "T_0", "sta", 0, 0), 1e-6);
    assertEquals((0.3 + 0.1 + 0.2) / 3, h.value("M", "T_0", "sta", 0, 2), 1e-6);
    assertEquals((0.8 + 0.4) / 2, h.value("M", "T_0", "sta", 1, 1), 1e-6);

    ProbeHarness first = new ProbeHarness(digits, TinyModels.shifts(3, 0), 1, Map.of("M", TinyModels.monotone(3, 2)));
    new StaProbe().run(first, new StaConfig(List.of("0"), 2));
    assertEquals(2, first.value("M", "T_0", "count", 0, null), "only the first two images");
    assertEquals(0, first.value("M", "T_0", "count", 1, null));
    assertTrue(Double.isNaN(first.value("M", "T_0", "sta", 1, 0)), "no image: no average");
  }
}
