package org.invariance.plugins.invariancescore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.ServiceLoader;
import org.invariance.config.InvalidConfig;
import org.invariance.experiment.ConfigBinder;
import org.invariance.plugin.PluginModule;
import org.invariance.plugin.PluginRegistry;
import org.invariance.plugin.ProbeTransform;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class InvarianceScoreConfigTest {
  private static String field(Runnable make) {
    return assertThrows(InvalidConfig.class, make::run).field();
  }

  @Test
  void defaultsAreThePapers() {
    InvarianceScoreConfig c = new InvarianceScoreConfig(null, null, null, null, null);
    assertEquals(null, c.reference(), "the transform's identity, filled in when the transform is known");
    InvarianceScoreConfig scale = c.withDefaults(new ProbeTransform("scale", "scale", OptionalDouble.of(1), List.of(0.5, 1.0, 2.0)));
    assertEquals("1", scale.reference(), "a zoom by 1 changes nothing");
    assertEquals(List.of(0.5, 1.0, 2.0), scale.amounts(), "every declared amount");
    assertEquals(0.01, c.firingRate());
    assertEquals(0.2, c.top());
  }

  @Test
  void rejectsBadValuesNamingTheField() {
    for (double rate : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
      assertEquals("firing_rate", field(() -> new InvarianceScoreConfig(null, rate, null, null, null)), "firing_rate " + rate);
    }
    for (double top : new double[] {0, -0.2, 1.01, Double.NaN}) {
      assertEquals("top", field(() -> new InvarianceScoreConfig(null, null, null, null, top)), "top " + top);
    }
    assertEquals(1.0, new InvarianceScoreConfig(null, null, null, null, 1.0).top(), "every scored neuron is allowed");
    assertEquals("reference", field(() -> new InvarianceScoreConfig("sideways", null, null, null, null)));
    assertEquals("amounts", field(() -> new InvarianceScoreConfig(null, null, List.of(), null, null)));
    assertEquals("amounts.1", field(() -> new InvarianceScoreConfig(null, null, Arrays.asList(30.0, null), null, null)));
    assertEquals("amounts.1", field(() -> new InvarianceScoreConfig(null, null, List.of(30.0, 30.0), null, null)));
    assertEquals("layers.0", field(() -> new InvarianceScoreConfig(null, null, null, List.of(0), null)));
  }

  @Test
  void bindsItsSnakeCaseKeys() throws Exception {
    InvarianceScoreConfig c = ConfigBinder.MAPPER.treeToValue(new YAMLMapper().readTree("firing_rate: 0.05\ntop: 0.1\namounts: [-30, 0, 30]\n"), InvarianceScoreConfig.class);
    assertEquals(0.05, c.firingRate());
    assertEquals(0.1, c.top());
    assertEquals(List.of(-30.0, 0.0, 30.0), c.amounts());
  }

  @Test
  void registeredUnderItsName() {
    var registry = PluginRegistry.of(List.of(new InvarianceScoreModule()));
    Assertions.assertInstanceOf(InvarianceScoreProbe.class, registry.probes().get("invariance-score"));
    Assertions.assertInstanceOf(InvarianceScoreFigures.class, registry.figures().get("invariance-score"));
    Assertions.assertTrue(ServiceLoader.load(PluginModule.class).stream()
        .anyMatch(p -> p.type() == InvarianceScoreModule.class), "listed in META-INF/services");
  }
}
