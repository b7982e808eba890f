package org.invariance.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invariance.experiment.ConfigException;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.experiment.Plan;
import org.invariance.plugin.PluginRegistry;
import org.invariance.testing.TestPlugins;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment loader on any bytes: a plan, or one {@link ConfigException} in one line of plain
 * words. The input is the file; its comment lines {@code #set KEY=VALUE} are also passed as
 * {@code --set} overrides (so seeds stay readable YAML). Seeds:
 * {@code ExperimentLoaderFuzzTestInputs/planExperiment/}.
 */
class ExperimentLoaderFuzzTest {
  private static final PluginRegistry PLUGINS = PluginRegistry.of(List.of(new TestPlugins()));
  private static final int MAX_OVERRIDES = 4;

  @TempDir Path dir;

  @FuzzTest(maxDuration = "30s")
  void planExperiment(byte[] input) throws IOException {
    Path file = dir.resolve("exp.yaml");
    Files.write(file, input);
    String text = new String(input, StandardCharsets.UTF_8);
    List<String> overrides = text.lines().filter(l -> l.startsWith("#set ")).map(l -> l.substring(5)).limit(MAX_OVERRIDES).toList();
    Plan plan;
    try {
      plan = new ExperimentLoader(PLUGINS).plan(file, overrides);
    } catch (ConfigException e) {
      Contract.plainOneLine(e, text);
      // a bound is named only when it is passed (fuzzing once found "larger than 1 MiB" for 43 bytes)
      assertTrue(!e.problem().startsWith("the file is larger than") || input.length > (1 << 20), e.getMessage());
      return;
    }
    assertFalse(plan.points().isEmpty(), "a plan runs at least one point");
  }
}
