package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invariance.cli.Main;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.plugin.PluginRegistry;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every override the help of any command shows as an example loads on the shipped default experiment. */
class HelpExamplesTest {
  /** An override as help text writes it: a dotted key, "=", a value (models.AER.lr=0.1). */
  private static final Pattern OVERRIDE = Pattern.compile("(?<![\\w.-])([A-Za-z][\\w-]*(?:\\.[\\w-]+)+=[^\\s,;)]+)");

  @Test
  void everyOverrideAnExampleInTheHelpShowsLoadsOnExperimentsYaml() {
    Set<String> overrides = new LinkedHashSet<>();
    List<CommandLine> commands = new ArrayList<>(List.of(new CommandLine(new Main())));
    for (int i = 0; i < commands.size(); i++) {
      commands.addAll(commands.get(i).getSubcommands().values());
      Matcher m = OVERRIDE.matcher(commands.get(i).getUsageMessage(CommandLine.Help.Ansi.OFF));
      while (m.find()) overrides.add(m.group(1));
    }
    assertTrue(overrides.contains("models.AER.lr=0.1"), "the examples found: " + overrides);
    ExperimentLoader loader = new ExperimentLoader(PluginRegistry.discover());
    for (String o : overrides) {
      assertDoesNotThrow(() -> loader.plan(DefaultExperimentTest.EXPERIMENT, List.of(o)), "the help's example " + o + " on experiments.yaml");
    }
  }
}
