package my.lab.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.invariance.data.Images;
import org.invariance.testing.ProbeHarness;
import org.invariance.testing.TinyModels;
import org.junit.jupiter.api.Test;

class ActivityProbeTest {
  // two 3-pixel images; shifting right by one pixel drops the last pixel and brings in a 0
  final Images digits = TinyModels.digits(3, new float[][] {{1, 0, 0.5f}, {0, 1, 1}}, new int[] {0, 1});

  @Test
  void theInputLayersActivityIsThePixelsMeanAndShareAboveTheThreshold() {
    ProbeHarness h = new ProbeHarness(digits, TinyModels.shifts(3, 0, 1), 1, Map.of("M", TinyModels.monotone(3, 2)));
    new ActivityProbe().run(h, new ActivityConfig(List.of("0", "1"), 0.5));
    // upright: pixels 1, 0, 0.5, 0, 1, 1 -> mean 3.5/6; above 0.5: three of six
    assertEquals(3.5 / 6, h.value("M", "T_0", "mean_activity", 1), 1e-6);
    assertEquals(0.5, h.value("M", "T_0", "active_fraction", 1), 1e-12);
    // shifted right by 1: 0, 1, 0, 0, 0, 1 -> mean 2/6, two of six above 0.5
    assertEquals(2.0 / 6, h.value("M", "T_1", "mean_activity", 1), 1e-6);
    assertEquals(2.0 / 6, h.value("M", "T_1", "active_fraction", 1), 1e-12);
  }

  @Test
  void aSigmoidLayerIsActiveExactlyWhereItsMonotonePixelIsAboveTheMidpoint() {
    // monotone: h = sigmoid(10 x - 5) is 0.0067, 0.5 and 0.9933 for the pixels 0, 0.5 and 1, so above
    // 0.6 it is active exactly where its pixel is (three of six in both layers)
    ProbeHarness h = new ProbeHarness(digits, TinyModels.shifts(3, 0), 1, Map.of("M", TinyModels.monotone(3, 2)));
    new ActivityProbe().run(h, new ActivityConfig(List.of("0"), 0.6));
    assertEquals(0.5, h.value("M", "T_0", "active_fraction", 1), 1e-12);
    assertEquals(h.value("M", "T_0", "active_fraction", 1), h.value("M", "T_0", "active_fraction", 2), 1e-12);
  }
}
