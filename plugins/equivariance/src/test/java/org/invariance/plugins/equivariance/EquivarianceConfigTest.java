package org.invariance.plugins.equivariance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.invariance.config.InvalidConfig;
import org.invariance.plugin.ProbeTransform;
import org.junit.jupiter.api.Test;

class EquivarianceConfigTest {
  @Test
  void defaults() {
    EquivarianceConfig c = new EquivarianceConfig(null, null, null, null, null);
    assertNull(c.reference(), "the transform's identity, filled in when the transform is known");
    assertNull(c.amounts(), "every amount of the probe's transform");
    EquivarianceConfig shift = c.withDefaults(new ProbeTransform("shift", "translation", OptionalDouble.of(0), List.of(-2.0, 0.0, 2.0)));
    assertEquals("0", shift.reference());
    assertEquals(List.of(-2.0, 0.0, 2.0), shift.amounts());
    assertNull(c.layers(), "every layer");
    assertEquals(13, c.ridge().size());
    assertEquals(1e-6, c.ridge().get(0));
    assertEquals(1e6, c.ridge().get(12));
    assertNull(c.images());
  }

  private static String field(Runnable make) {
    return assertThrows(InvalidConfig.class, make::run).field();
  }

  @Test
  void badValuesAreRefusedAtTheirField() {
    assertEquals("reference", field(() -> new EquivarianceConfig("mix", null, null, null, null)));
    assertEquals("reference", field(() -> new EquivarianceConfig("upright", null, null, null, null)));
    assertEquals("amounts", field(() -> new EquivarianceConfig(null, List.of(), null, null, null)));
    assertEquals("amounts.1", field(() -> new EquivarianceConfig(null, List.of(30.0, Double.NaN), null, null, null)));
    assertEquals("amounts.0", field(() -> new EquivarianceConfig(null, Arrays.asList((Double) null), null, null, null)));
    assertEquals("layers", field(() -> new EquivarianceConfig(null, null, List.of(), null, null)));
    assertEquals("layers.1", field(() -> new EquivarianceConfig(null, null, List.of(2, 0), null, null)));
    assertEquals("ridge", field(() -> new EquivarianceConfig(null, null, null, List.of(), null)));
    assertEquals("ridge.0", field(() -> new EquivarianceConfig(null, null, null, List.of(0.0), null)));
    assertEquals("ridge.1", field(() -> new EquivarianceConfig(null, null, null, List.of(1.0, -1.0), null)));
    assertEquals("ridge.0", field(() -> new EquivarianceConfig(null, null, null, List.of(Double.POSITIVE_INFINITY), null)));
    assertEquals("images", field(() -> new EquivarianceConfig(null, null, null, null, 2)));
  }

  @Test
  void goodValuesAreKept() {
    EquivarianceConfig c = new EquivarianceConfig("-30", List.of(30.0), List.of(1, 3), List.of(0.5), 500);
    assertEquals("-30", c.reference());
    assertEquals(List.of(30.0), c.amounts());
    assertEquals(List.of(1, 3), c.layers());
    assertEquals(List.of(0.5), c.ridge());
    assertEquals(500, c.images());
  }
}
