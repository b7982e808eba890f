package org.invariance.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.invariance.cluster.Worker;
import org.invariance.config.ClusterConfig;
import org.invariance.metrics.MetricsConfig;
import org.invariance.metrics.MetricsServer;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code worker}: joins a cluster and runs the units of work coordinators hand out. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = "Join a cluster and run units of work (training a model, the probes of a point) for whichever coordinator has them.")
final class WorkerCommand implements Callable<Integer> {
  @Mixin ClusterOptions clusterOptions;

  @Option(names = "--name", paramLabel = "NAME", description = "this worker's name in logs, metrics and provenance (default: HOST:PORT)")
  String name;

  @Option(names = "--cache", paramLabel = "DIR", description = "data and trained models (default: $INVARIANCE_CACHE or ~/.cache/invariance)")
  Path cache;

  @Mixin MetricsOptions metricsOptions;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ClusterConfig cluster = clusterOptions.apply(null, spec.commandLine());
    String me = name != null ? name : cluster.host() + ":" + cluster.port();
    MetricsConfig mc = metricsOptions.apply(MetricsConfig.defaults(), spec.commandLine());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("worker", me);
    RunMetrics metrics = new RunMetrics(registry, "worker", Verbosity.current.progress()).bindJvmAndProcess();
    Worker w = new Worker(PluginRegistry.discover(), cluster, cache != null ? cache : CacheDir.resolve(), me, metrics);
    Runtime.getRuntime().addShutdownHook(new Thread(w::stop));
    try (MetricsServer server = MetricsServer.start(registry, mc, Map.of("role", "worker"))) {
      LoggerFactory.getLogger(WorkerCommand.class).info("metrics: {} (Prometheus scrape endpoint)", server.url());
      return w.run();
    } finally {
      metrics.close();
      registry.close();
    }
  }
}
