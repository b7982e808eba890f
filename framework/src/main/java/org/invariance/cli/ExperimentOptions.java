package org.invariance.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invariance.experiment.ConfigException;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.experiment.Plan;
import org.invariance.plugin.PluginRegistry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by commands that read an experiment: the file and its overrides. */
final class ExperimentOptions {
  @Parameters(index = "0", paramLabel = "FILE", description = "the experiment YAML file")
  Path file;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a value, e.g. --set models.AER.lr=0.1 (repeatable)")
  List<String> sets = new ArrayList<>();

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "KEY=VALUE", description = "overrides in Hydra's style, e.g. models.AER.lr=0.1 (same as --set)")
  List<String> positional = new ArrayList<>();

  /** Every override: --set's, then those written after the file. */
  List<String> overrides() {
    for (String p : positional) {
      if (p.indexOf('=') <= 0) {
        throw new ConfigException(p, 0, 0, null, "not an override; write overrides as KEY=VALUE after the file (e.g. models.AER.lr=0.1) or --set KEY=VALUE");
      }
    }
    List<String> all = new ArrayList<>(sets);
    all.addAll(positional);
    return all;
  }

  Experiment load(PluginRegistry plugins) {
    return new ExperimentLoader(plugins).load(file, overrides());
  }

  Plan plan(PluginRegistry plugins) {
    return new ExperimentLoader(plugins).plan(file, overrides());
  }

  /** The picocli mixin through which commands share these options. */
  static final class Group {
    @ArgGroup(exclusive = false, multiplicity = "1")
    ExperimentOptions options;
  }
}
