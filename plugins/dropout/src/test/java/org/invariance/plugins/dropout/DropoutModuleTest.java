package org.invariance.plugins.dropout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.invariance.config.InvalidConfig;
import org.invariance.plugin.Headlines;
import org.invariance.plugin.PluginRegistry;
import org.invariance.results.ResultTable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class DropoutModuleTest {
  private static List<String> row(String drop, String fraction, String trial, String value) {
    return List.of("AER", "MNIST_0", drop, fraction, trial, "accuracy", value);
  }

  @Test
  void headlinesKeepTheMeanOverTrialsAndTheTypesNotSingleTrials() {
    ResultTable rows = ResultTable.of(List.of("model", "dataset", "drop", "fraction", "trial", "metric", "value"), List.of(
        row("random", "0.1", "0", "0.7"),
        row("random", "0.1", "1", "0.9"),
        row("A", "0.05", "", "0.6")));
    // two random trials at 10% with accuracies 0.7 and 0.9: the probe's summary row is (0.7 + 0.9) / 2 = 0.8
    ResultTable means = ResultTable.of(List.of("model", "dataset", "drop", "fraction", "metric", "value"), List.of(
        List.of("AER", "MNIST_0", "random", "0.1", "accuracy", "0.8")));
    Headlines h = PluginRegistry.of(List.of(new DropoutModule())).headlines().get("dropout");
    ResultTable t = h.headlines(rows);
    assertEquals(1, t.size(), "no single trial");
    assertEquals(0.6, t.where("drop", "A").value(), 0);
    assertEquals(0.8, h.summaries(means).value(), 0);
  }

  // counts are bounded (a billion trials would run for days with no end in sight), and the class must be the data's
  @Test
  void trialsAreBoundedAndTheClassIsTheDatas() {
    InvalidConfig trials = Assertions.assertThrows(InvalidConfig.class,
        () -> new DropoutConfig(null, 1_000_000_000, null, null, null, null));
    Assertions.assertEquals("trials", trials.field());
    Assertions.assertTrue(trials.getMessage().startsWith("1 to 1000 random draws per share"), trials.getMessage());
    new DropoutConfig(null, 1000, null, null, null, null);
    InvalidConfig digit = Assertions.assertThrows(InvalidConfig.class,
        () -> new DropoutProbe().check(new DropoutConfig(null, null, null, 3, null, null), List.of("a", "b", "c")));
    Assertions.assertEquals("digit", digit.field());
  }
}
