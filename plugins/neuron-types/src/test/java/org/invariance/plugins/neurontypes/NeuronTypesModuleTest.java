package org.invariance.plugins.neurontypes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.invariance.plugin.Headlines;
import org.invariance.plugin.PluginRegistry;
import org.invariance.results.ResultTable;
import org.junit.jupiter.api.Test;

class NeuronTypesModuleTest {
  private static List<String> row(String digit, String type, String neuron, String otherDigit, String metric, String value) {
    return List.of("AER", "D", "4", digit, type, neuron, otherDigit, metric, value);
  }

  @Test
  void headlinesKeepCountsFractionsAndCorrelationsNotPerNeuronRows() {
    ResultTable rows = ResultTable.of(List.of("model", "dataset", "layer", "digit", "type", "neuron", "other_digit", "metric", "value"), List.of(
        row("all", "A", "", "", "count", "12"),
        row("all", "A", "", "", "fraction", "0.12"),
        row("all", "A", "7", "", "member", "1"),
        row("1", "A", "", "", "count", "5"),
        row("1", "A", "7", "", "mu10", "0.4"),
        row("1", "A", "7", "", "sigma10", "0.1"),
        row("1", "A", "", "7", "pearson", "0.25"),
        row("7", "A", "", "1", "pearson", "0.25")));
    Headlines h = PluginRegistry.of(List.of(new NeuronTypesModule())).headlines().get("neuron-types");
    ResultTable t = h.headlines(rows);
    assertEquals(5, t.size(), "2 counts, 1 fraction, 2 correlations; the 3 rows of neuron 7 left out");
    assertEquals(List.of("count", "fraction", "pearson"), t.distinct("metric"));
    assertEquals(List.of(""), t.distinct("neuron"));
    assertEquals(12.0, t.where("digit", "all").metric("count").value(), 0);
    assertEquals(0.25, t.metric("pearson").where("digit", "1").value(), 0);
  }
}
