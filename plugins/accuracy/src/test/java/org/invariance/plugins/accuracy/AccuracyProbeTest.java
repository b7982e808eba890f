package org.invariance.plugins.accuracy;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.invariance.config.InvalidConfig;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.plugin.ProbeTransform;
import org.invariance.testing.ProbeHarness;
import org.invariance.testing.TinyModels;
import org.invariance.testing.TinyNet;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccuracyProbeTest {
  /**
   * Images of 2 pixels. The classifier says 0 when pixel 0 is brighter, else 1 (a 2-unit encoder
   * h = sigmoid(10 x - 5) and a head comparing the units). Test images: six "left" images [1,0]
   * (four labelled 0, two labelled 1) and four "right" images [0,1] labelled 1. Shifting by one
   * pixel moves the "left" ink to pixel 1 (called 1) and the "right" ink out of the image (both
   * units equal: the tie goes to class 0).
   */
  @Test
  void accuracyPerAmountAndPerDigitAsComputedByHand() {
    float[] px = new float[20];
    byte[] lb = new byte[10];
    for (int i = 0; i < 10; i++) {
      boolean left = i < 6;
      px[2 * i] = left ? 1 : 0;
      px[2 * i + 1] = left ? 0 : 1;
      lb[i] = (byte) (i < 4 ? 0 : 1);
    }
    Images test = new Images("T", 2, 1, px, lb);
    TinyNet enc = TinyNet.encoder(List.of(Nd4j.create(new float[] {10, 0, 0, 10}, new long[] {2, 2}, 'c')),
        List.of(Nd4j.create(new float[] {-5, -5}, new long[] {1, 2}, 'c')));
    TransformFamily shifts = TinyModels.shifts(2, 0, 1);
    ProbeHarness h = new ProbeHarness(test, shifts, 4, Map.of("M", enc.withHead(Nd4j.create(new float[] {1, -1, -1, 1}, new long[] {2, 2}, 'c'), Nd4j.zeros(1, 2))));
    new AccuracyProbe().run(h, new AccuracyConfig(List.of(0.0, 1.0), true, List.of("0", "1")));

    assertEquals(List.of("amount", "mix", "digit"), h.keyColumns());
    // at 0: the four 0s and four 1s ("right" images) are right, the two mislabelled "left" 1s wrong
    assertEquals(0.8, h.value("M", "T_0", "accuracy", "0", null, null), 1e-12);
    assertEquals(10, h.value("M", "T_0", "images", "0", null, null));
    // at 1: the two "left" images labelled 1 are right, nothing else
    assertEquals(0.2, h.value("M", "T_1", "accuracy", "1", null, null), 1e-12);
    // per digit at 0: digit 0 all right, digit 1 four of six
    assertEquals(1.0, h.value("M", "T_0", "accuracy", "0", null, 0), 1e-12);
    assertEquals(4.0 / 6, h.value("M", "T_0", "accuracy", "0", null, 1), 1e-12);
    assertEquals(0.0, h.value("M", "T_1", "accuracy", "1", null, 0), 1e-12);
    // the mix lies between, and its per-image amounts decide it
    double mix = h.value("M", "T_mix", "accuracy", null, "shift", null);
    assertEquals(true, mix > 0.2 && mix < 0.8, "mix accuracy " + mix);
    assertEquals(3, h.activationComputations(), "T_0, T_1, T_mix each computed once though T_0 and T_1 are used twice");
  }

  @Test
  void defaultsMeasureEveryDeclaredAmountAndPerDigitUprightAndMix() {
    AccuracyConfig c = new AccuracyConfig(null, null, null);
    assertNull(c.amounts(), "no amounts of its own: the probe transform's declared amounts");
    assertTrue(c.mix());
    assertNull(c.perDigit(), "decided by the transform");
    // per class at the transform's identity and on its mix: "1" and "mix" for a scale whose identity is 1
    ProbeTransform scale = new ProbeTransform("zoom", "scale", OptionalDouble.of(1), List.of(0.5, 1.0, 2.0));
    AccuracyConfig resolved = new AccuracyProbe().withDefaults(c, scale);
    assertEquals(List.of("1", "mix"), resolved.perDigit());
    assertEquals(List.of(0.5, 1.0, 2.0), resolved.amounts());
    assertEquals(List.of("amounts.0", "amounts.1", "amounts.2", "mix", "per_digit.0", "per_digit.1"), List.copyOf(new AccuracyProbe().datasets(resolved, scale).keySet()));
    // a transform with no identity leaves per_digit without a default: the error names the key to write
    InvalidConfig e = assertThrows(InvalidConfig.class, () -> new AccuracyProbe().withDefaults(c, new ProbeTransform("contrast", "contrast", OptionalDouble.empty(), List.of(0.5, 2.0))));
    assertEquals("per_digit", e.field());
    assertTrue(e.getMessage().contains("contrast") && e.getMessage().contains("write it out"), e.getMessage());

    // one bright pixel of three, shifted by 0, 1 or 2: exactly the declared amounts are measured
    float[] px = new float[9];
    byte[] lb = new byte[3];
    for (int i = 0; i < 3; i++) {
      px[3 * i + i] = 1;
      lb[i] = (byte) i;
    }
    Images test = new Images("T", 3, 1, px, lb);
    ProbeHarness h = new ProbeHarness(test, TinyModels.shifts(3, 0, 1, 2), 4, Map.of("M", TinyModels.monotone(3, 3)));
    new AccuracyProbe().run(h, new AccuracyConfig(null, false, List.of()));
    assertEquals(List.of("T_0", "T_1", "T_2"), h.rows().stream().map(r -> r.dataset()).distinct().sorted().toList());
    // the brightest unit is the class: right on all three upright images
    assertEquals(1.0, h.value("M", "T_0", "accuracy", "0", null, null), 1e-12);
    assertEquals(3, h.value("M", "T_2", "images", "2", null, null));
  }
}
