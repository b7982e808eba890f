package org.invariance.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.invariance.cluster.Coordinator;
import org.invariance.config.ClusterConfig;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.Plan;
import org.invariance.metrics.MetricsConfig;
import org.invariance.metrics.MetricsServer;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.invariance.run.RunDirectory;
import org.invariance.run.Runner;
import org.invariance.sweep.SweepRunner;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: an experiment, a sweep or (with a cluster) a coordinator, into its run directory. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run an experiment into a new directory runs/<name>/<time>-<config id>/ (runs/<name>/latest points at it); the same command after a crash resumes the unfinished run.")
final class RunCommand implements Callable<Integer> {
  @Mixin ExperimentOptions.Group exp;

  @Option(names = "--out", paramLabel = "DIR", description = "the run directory: new or empty, or an unfinished run of the same configuration (default: runs/<name>/<time>-<config id>)")
  Path out;

  @Option(names = "--resume", description = "run again into the directory of a run of the same configuration even if it finished (finished parts are kept)")
  boolean resume;

  @Option(names = "--overwrite", description = "replace the run in --out (its files are deleted first)")
  boolean overwrite;

  @Option(names = "--cache", paramLabel = "DIR", description = "data and trained models (default: $INVARIANCE_CACHE or ~/.cache/invariance)")
  Path cache;

  @Mixin MetricsOptions metricsOptions;

  @Option(names = "--linger", arity = "0..1", fallbackValue = "forever", paramLabel = "DURATION", parameterConsumer = Linger.Value.class,
      description = "keep serving metrics after the run ends, for DURATION (e.g. 30s, 5m) or, without one, until interrupted")
  String linger;

  @Mixin ClusterOptions clusterOptions;

  @Option(names = "--local", description = "run in this JVM even when the experiment has a cluster: section")
  boolean local;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Duration lingerFor = linger == null ? Duration.ZERO : Linger.parse(linger, spec.commandLine());
    PluginRegistry plugins = PluginRegistry.discover();
    Plan plan = exp.options.plan(plugins);
    Experiment e = plan.base();
    ClusterConfig cluster = local || (plan.cluster() == null && !clusterOptions.given()) ? null : clusterOptions.apply(plan.cluster(), spec.commandLine());
    if (resume && overwrite) throw new CommandLine.ParameterException(spec.commandLine(), "--resume and --overwrite exclude each other: keep one");
    Path dir = RunDirectory.choose(plan, out, Path.of("runs"), resume ? RunDirectory.Mode.RESUME : overwrite ? RunDirectory.Mode.OVERWRITE : RunDirectory.Mode.DEFAULT);
    MetricsConfig mc = metricsOptions.apply(e.metrics(), spec.commandLine());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // every series, Vert.x's and the JVM's included, carries the experiment: one Prometheus can watch several runs
    registry.config().commonTags("experiment", e.name(), "worker", cluster != null ? "coordinator" : "local");
    RunMetrics metrics = new RunMetrics(registry, e.name(), Verbosity.current.progress()).forRun(e.name(), dir.toAbsolutePath().normalize().getFileName().toString())
        .bindJvmAndProcess();
    Path cacheDir = cache != null ? cache : CacheDir.resolve();
    int code;
    try (AutoCloseable held = RunDirectory.lock(dir); MetricsServer server = MetricsServer.start(registry, mc,
        Map.of("role", cluster != null ? "coordinator" : "run", "experiment", e.name()))) {
      LoggerFactory.getLogger(RunCommand.class).info("metrics: {} (Prometheus scrape endpoint)", server.url());
      List<String> failures;
      if (cluster != null) {
        failures = new Coordinator(plugins, cluster).run(plan, dir, cacheDir, metrics).failures();
        System.out.println("results in " + dir.toAbsolutePath());
      } else if (plan.isSweep()) {
        SweepRunner.Outcome o = new SweepRunner(plugins).run(plan, dir, cacheDir, metrics);
        System.out.println("sweep of " + plan.points().size() + " points in " + dir.toAbsolutePath() + ": summary/, report/index.html, points/");
        failures = o.failures();
      } else {
        metrics.plan(e.models().size(), e.probes().size()); // the run's own line: models and probes done, time left
        Runner.Outcome o = new Runner(plugins).run(e, new Runner.Options(dir, cacheDir, metrics));
        Runner.describe(o, System.out);
        failures = o.failures();
      }
      code = 0;
      if (!failures.isEmpty()) {
        failures.forEach(f -> System.err.println("failed: " + f));
        code = Main.FAILED;
      }
      Linger.serve(server, lingerFor);
    } finally {
      metrics.close();
      registry.close();
    }
    return code;
  }
}
