package org.invariance.plugins.neurontypes;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invariance.plugin.Headlines;
import org.invariance.plugin.PluginRegistry;
import org.invariance.results.ResultTable;
import org.junit.jupiter.api.Test;

class NeuronTypesModuleTest {
  @Test
  void headlinesAreTheSummaryRowsNotThePerNeuronRows() {
    ResultTable rows = ResultTable.of(List.of("model", "dataset", "layer", "digit", "type", "neuron", "metric", "value"), List.of(
        List.of("AER", "D", "4", "", "A", "7", "member", "1"),
        List.of("AER", "D", "4", "1", "A", "7", "mu10", "0.4")));
    ResultTable summaries = ResultTable.of(List.of("model", "dataset", "layer", "digit", "type", "other_digit", "metric", "value"), List.of(
        List.of("AER", "D", "4", "", "A", "", "count", "12"),
        List.of("AER", "D", "4", "1", "A", "7", "pearson", "0.25")));
    Headlines h = PluginRegistry.of(List.of(new NeuronTypesModule())).headlines().get("neuron-types");
    assertTrue(h.headlines(rows).isEmpty(), "neuron n of one network is not neuron n of another");
    assertSame(summaries, h.summaries(summaries));
  }
}
