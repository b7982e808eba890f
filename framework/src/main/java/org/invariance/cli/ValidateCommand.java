package org.invariance.cli;

import java.util.concurrent.Callable;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.Plan;
import org.invariance.plugin.PluginRegistry;
import org.invariance.run.Preflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code validate}: the loader's checks and every point's {@link Preflight}, without running. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check an experiment file without running it.")
final class ValidateCommand implements Callable<Integer> {
  @Mixin ExperimentOptions.Group exp;

  @Override
  public Integer call() {
    PluginRegistry plugins = PluginRegistry.discover();
    Plan plan = exp.options.plan(plugins);
    Experiment e = plan.base();
    for (Plan.Point p : plan.points()) Preflight.check(p.experiment(), plugins, CacheDir.resolve());
    System.out.println(exp.options.file + ": valid: experiment '" + e.name() + "', seed " + e.seed() + ", data '" + e.data().plugin()
        + "', transforms " + e.transforms().keySet() + ", models " + e.models().keySet() + ", probes " + e.probes().keySet()
        + (plan.isSweep() ? ", sweep of " + plan.points().size() + " points" : ""));
    return 0;
  }
}
