package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.invariance.config.InvalidConfig;
import org.invariance.data.Images;
import org.invariance.plugin.ProbeTransform;
import org.invariance.testing.ProbeHarness;
import org.invariance.testing.TinyModels;
import org.junit.jupiter.api.Test;

/** The probe on images and a model small enough to work out by hand. */
class {{Name}}ProbeTest {
  /** Two images of 3 x 1 pixels, each one bright pixel; the harness's transform shifts them right by the amount, bringing in 0. */
  final Images images = TinyModels.digits(3, new float[][] {{1, 0, 0}, {0, 1, 0}}, new int[] {0, 1});

  /** Layer 1 the pixels, layer 2 sigmoid(10 x - 5) of each pixel. */
  final ProbeHarness harness = new ProbeHarness(images, TinyModels.shifts(3, 0, 1), 1, Map.of("M", TinyModels.monotone(3, 2)));

  @Test
  void theIdentityChangesNoLayerAndAShiftMovesEachBrightPixel() {
    new {{Name}}Probe().run(harness, new {{Name}}Config("0", List.of("0", "1"), null));
    assertEquals(0, harness.value("M", "T_0", "relative_change", "T_0", 1), 1e-12);
    assertEquals(0, harness.value("M", "T_0", "relative_change", "T_0", 2), 1e-12);
    // shifted by one pixel, (1, 0, 0) becomes (0, 1, 0): moved by sqrt(2), its length 1
    assertEquals(Math.sqrt(2), harness.value("M", "T_0", "relative_change", "T_1", 1), 1e-6);
    // layer 2: each pixel p becomes s(p) = sigmoid(10 p - 5), so (s1, s0, s0) moves to (s0, s1, s0)
    double s1 = 1 / (1 + Math.exp(-5));
    double s0 = 1 / (1 + Math.exp(5));
    assertEquals(Math.sqrt(2) * (s1 - s0) / Math.sqrt(s1 * s1 + 2 * s0 * s0), harness.value("M", "T_0", "relative_change", "T_1", 2), 1e-6);
  }

  @Test
  void defaultsComeFromTheTransform() {
    ProbeTransform rotation = new ProbeTransform("rotation", "rotation", OptionalDouble.of(0), List.of(-90.0, -45.0, 0.0, 45.0, 90.0));
    {{Name}}Config c = new {{Name}}Probe().withDefaults(new {{Name}}Config(null, null, null), rotation);
    assertEquals("0", c.reference());
    assertEquals(List.of("-90", "-45", "45", "90", "mix"), c.datasets());
    assertEquals(List.of("reference", "datasets.0", "datasets.1", "datasets.2", "datasets.3", "datasets.4"),
        List.copyOf(new {{Name}}Probe().datasets(c, rotation).keySet()));
  }

  @Test
  void aMistakeNamesItsField() {
    InvalidConfig e = assertThrows(InvalidConfig.class, () -> new {{Name}}Config(null, List.of("0", "sideways"), null));
    assertEquals("datasets.1", e.field());
    assertEquals("layers.0", assertThrows(InvalidConfig.class, () -> new {{Name}}Config(null, null, List.of(0))).field());
  }
}
