package org.invariance.plugins.dropout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.invariance.testing.ProbeHarness;
import org.invariance.testing.TinyModels;
import org.junit.jupiter.api.Test;

class DropoutProbeTest {
  @Test
  void drawsAreDistinctUniformAndReproducible() {
    int[] a = DropoutProbe.draw(128, 38, new SplittableRandom(5));
    assertArrayEquals(a, DropoutProbe.draw(128, 38, new SplittableRandom(5)));
    assertNotEquals(Arrays.toString(a), Arrays.toString(DropoutProbe.draw(128, 38, new SplittableRandom(6))));
    assertEquals(38, Arrays.stream(a).distinct().count());
    int[] hits = new int[10];
    SplittableRandom r = new SplittableRandom(1);
    for (int t = 0; t < 20000; t++) for (int i : DropoutProbe.draw(10, 3, r)) hits[i]++;
    for (int h : hits) assertEquals(6000, h, 300, "each of 10 neurons is dropped 3/10 of the time");
  }

  /** Dropping nothing keeps the accuracy; dropping every neuron leaves ties, called class 0. */
  @Test
  void trialsAtTheEndsAndReproducibleFromTheSeed() {
    var digits = TinyModels.digits(4, new float[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 1, 0, 0}, {1, 0, 0, 0}}, new int[] {0, 1, 1, 0});
    DropoutConfig c = new DropoutConfig(List.of(0.0, 0.5, 1.0), 4, List.of("0"), 1, 0.25, List.of("0", "1"));
    ProbeHarness h = new ProbeHarness(digits, TinyModels.shifts(4, 0, 1), 9, Map.of("M", TinyModels.monotone(4, 2)));
    new DropoutProbe().run(h, c);
    assertEquals(List.of("drop", "fraction"), h.summaryKeyColumns(), "the mean over the trials is a summary row");
    assertEquals(1.0, h.summaryValue("M", "T_0", "accuracy", "random", 0.0));
    double half = 0;
    for (int t = 0; t < 4; t++) half += h.value("M", "T_0", "accuracy", "random", 0.5, t);
    assertEquals(half / 4, h.summaryValue("M", "T_0", "accuracy", "random", 0.5), "the mean of the four trials at 50%");
    assertEquals(0.5, h.value("M", "T_0", "accuracy", "random", 1.0, 3), "all dropped: everything is class 0");
    ProbeHarness again = new ProbeHarness(digits, TinyModels.shifts(4, 0, 1), 9, Map.of("M", TinyModels.monotone(4, 2)));
    new DropoutProbe().run(again, c);
    assertEquals(h.rows(), again.rows(), "same seed, same trials");
    assertEquals(h.summaryRows(), again.summaryRows());
    assertTrue(h.rows().stream().anyMatch(r -> r.keys().get(0).equals("B2")), "the types are dropped beside the random shares");
  }
}
