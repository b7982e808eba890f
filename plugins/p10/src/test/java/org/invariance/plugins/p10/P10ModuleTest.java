package org.invariance.plugins.p10;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.invariance.plugin.Headlines;
import org.invariance.plugin.PluginRegistry;
import org.invariance.results.ResultTable;
import org.junit.jupiter.api.Test;

class P10ModuleTest {
  private static void layer(List<List<String>> cells, String dataset, int layer, String... p10) {
    for (int n = 0; n < p10.length; n++) cells.add(List.of("AER", dataset, Integer.toString(layer), Integer.toString(n), "p10", p10[n]));
  }

  @Test
  void headlinesAreTheFractionOfNeuronsNeverAmongTheMostActivePerLayer() {
    List<List<String>> cells = new ArrayList<>();
    layer(cells, "MNIST_0", 2, "0.1", "0.0", "0.2", "0.1"); // 1 of 4 neurons at 0: 0.25
    layer(cells, "MNIST_0", 3, "0", "0", "0.3"); // 2 of 3: 0.666...
    layer(cells, "MNIST_30", 2, "0.1", "0.1", "0.1", "0.1"); // none: 0
    ResultTable rows = ResultTable.of(List.of("model", "dataset", "layer", "neuron", "metric", "value"), cells);
    Headlines h = PluginRegistry.of(List.of(new P10Module())).headlines().get("p10");
    ResultTable t = h.headlines(rows);
    assertEquals(List.of("model", "dataset", "layer", "metric", "value"), t.columns());
    assertEquals(3, t.size(), "one row per model, dataset and layer");
    assertEquals(List.of("never_top_fraction"), t.distinct("metric"));
    assertEquals(0.25, t.where("dataset", "MNIST_0").where("layer", "2").value(), 1e-12);
    assertEquals(2.0 / 3, t.where("dataset", "MNIST_0").where("layer", "3").value(), 1e-12);
    assertEquals(0.0, t.where("dataset", "MNIST_30").value(), 0);
  }
}
