package org.invariance.plugins.sta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.invariance.plugin.Headlines;
import org.invariance.plugin.PluginRegistry;
import org.invariance.results.ResultTable;
import org.junit.jupiter.api.Test;

class StaModuleTest {
  private static List<String> row(String neuron, String pixel, String metric, String value) {
    return List.of("AER", "MNIST_0", neuron, pixel, metric, value);
  }

  @Test
  void headlinesAreTheImagesEachSoftmaxNeuronWonNotThePixels() {
    ResultTable rows = ResultTable.of(List.of("model", "dataset", "neuron", "pixel", "metric", "value"), List.of(
        row("0", "", "count", "3"),
        row("0", "0", "sta", "0.5"),
        row("0", "1", "sta", "0.25"),
        row("1", "", "count", "0"),
        row("1", "0", "sta", ""),
        row("1", "1", "sta", "")));
    Headlines h = PluginRegistry.of(List.of(new StaModule())).headlines().get("sta");
    ResultTable t = h.headlines(rows);
    assertEquals(2, t.size(), "one count per softmax neuron, no pixel");
    assertEquals(List.of("count"), t.distinct("metric"));
    assertEquals(3.0, t.where("neuron", "0").value(), 0);
    assertEquals(0.0, t.where("neuron", "1").value(), 0);
  }
}
