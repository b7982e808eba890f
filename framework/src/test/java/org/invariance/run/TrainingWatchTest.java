package org.invariance.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.invariance.experiment.ConfigException;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.invariance.testing.TestPlugins;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingWatchTest {
  static final PluginRegistry PLUGINS = PluginRegistry.of(List.of(new TestPlugins()));
  @TempDir Path dir;

  Experiment experiment(String watch) throws Exception {
    Files.writeString(dir.resolve("e.yaml"), TestPlugins.BARS + """
        models:
          A: {plugin: fixed-encoder, units: 6, scale: 1}
          HA: {plugin: fixed-head, on: A}
          B: {plugin: fixed-encoder, units: 4}
        """ + watch);
    return new ExperimentLoader(PLUGINS).load(dir.resolve("e.yaml"));
  }

  /** training.csv rows of one metric: "iteration/layer/amount" -> value. */
  static Map<String, Double> values(Path csv, String model, String metric) throws Exception {
    List<String> lines = Files.readAllLines(csv);
    List<String> header = List.of(lines.get(0).split(","));
    Map<String, Double> out = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",", -1);
      if (!c[header.indexOf("model")].equals(model) || !c[header.indexOf("metric")].equals(metric)) continue;
      out.put(c[header.indexOf("iteration")] + "/" + c[header.indexOf("layer")] + "/" + c[header.indexOf("amount")], Double.parseDouble(c[header.indexOf("value")]));
    }
    return out;
  }

  /**
   * The test encoder grows its weights from 0 (iteration 0) to their end (iteration 4) and offers
   * each to the watch; every 3 iterations (and after the last) the watch compares 10 test images with their shifted
   * copies. At weights 0 every image gives every hidden unit sigmoid(0), so the gap there is 0; a
   * shift by 0 is no change, so its gap is 0 in every layer; the input's gap under a shift does not
   * depend on the iteration.
   */
  @Test
  void aWatchedModelHasEachProbesNumberPerLayerAndAmountAtEveryLook() throws Exception {
    Experiment e = experiment("watch: {every: 3, images: 10, models: [A]}\n");
    Runner.Outcome o = new Runner(PLUGINS).run(e, new Runner.Options(dir.resolve("out"), dir.resolve("cache"), RunMetrics.quiet(e.name())));
    assertTrue(o.ok(), o.failures().toString());
    Map<String, Double> gap = values(dir.resolve("out/training.csv"), "A", "mean_gap");
    TreeSet<String> looks = new TreeSet<>();
    gap.keySet().forEach(k -> looks.add(k.substring(0, k.indexOf('/'))));
    assertEquals(new TreeSet<>(List.of("0", "3", "4")), looks, "every 3 iterations, one before the first and one after the last");
    assertEquals(3 * 2 * 3, gap.size(), "3 looks x 2 layers x 3 amounts");
    for (String it : looks) {
      for (String layer : List.of("1", "2")) assertEquals(0.0, gap.get(it + "/" + layer + "/0"), 1e-7, "no shift, no gap: " + it + "/" + layer);
      assertEquals(gap.get("0/1/2"), gap.get(it + "/1/2"), 0.0, "the input does not train");
    }
    assertEquals(0.0, gap.get("0/2/1"), 1e-7, "weights 0 see every image alike");
    assertTrue(gap.get("0/1/2") <= 0, "a shift that fills with 0 never adds light: " + gap.get("0/1/2"));
    assertTrue(Math.abs(gap.get("4/2/2")) > 1e-4, "the trained layer tells shifted images apart: " + gap.get("4/2/2"));
    assertTrue(values(dir.resolve("out/training.csv"), "B", "mean_gap").isEmpty(), "B is not watched");

    // the same experiment and seed look at the same images: the numbers repeat in a fresh run
    Runner.Outcome again = new Runner(PLUGINS).run(e, new Runner.Options(dir.resolve("again"), dir.resolve("cache2"), RunMetrics.quiet(e.name())));
    assertTrue(again.ok());
    assertEquals(gap, values(dir.resolve("again/training.csv"), "A", "mean_gap"));
  }

  @Test
  void aTrainingProbeNoPluginOffersIsBadInputAtItsLine() throws Exception {
    ConfigException x = Assertions.assertThrows(ConfigException.class, () -> experiment("watch:\n  probes: [mean-gap, mean-gaps]\n"));
    assertTrue(x.getMessage().contains("e.yaml:11:"), "at its line: " + x.getMessage());
    assertTrue(x.getMessage().contains("no training probe named 'mean-gaps'"), x.getMessage());
    assertTrue(x.getMessage().contains("did you mean 'mean-gap'"), x.getMessage());
    ConfigException m = Assertions.assertThrows(ConfigException.class, () -> experiment("watch: {models: [C]}\n"));
    assertTrue(m.getMessage().contains("no model named 'C'"), m.getMessage());
    ConfigException n = Assertions.assertThrows(ConfigException.class, () -> experiment("watch: {every: 0}\n"));
    assertTrue(n.getMessage().contains("every") && n.getMessage().contains("positive"), n.getMessage());
  }
}
