package org.invariance.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.invariance.experiment.ConfigException;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.ExperimentLoader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.invariance.metrics.MetricsConfig;
import org.invariance.metrics.MetricsServer;
import org.invariance.metrics.RunMetrics;
import org.slf4j.LoggerFactory;
import org.invariance.plugin.PluginRegistry;
import org.invariance.run.Runner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code invariance} command. Exit codes: 0 done, 1 the run failed, 2 bad input. */
@Command(name = "invariance", mixinStandardHelpOptions = true, version = "invariance 0.1.0",
    description = "Declarative neural-network invariance experiments.",
    subcommands = {Main.Run.class, Main.Validate.class, Main.Report.class, Main.Plugins.class})
public final class Main {
  public static final int BAD_INPUT = 2;
  public static final int FAILED = 1;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof ConfigException || ex instanceof org.invariance.data.IdxFormatException) {
        // bad input: the message already names the file and the line or byte offset
        cmd.getErr().println(ex.getMessage());
        return BAD_INPUT;
      }
      cmd.getErr().println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
      if (System.getenv("INVARIANCE_DEBUG") != null) ex.printStackTrace(cmd.getErr());
      return FAILED;
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println(ex.getMessage());
      ex.getCommandLine().usage(ex.getCommandLine().getErr());
      return BAD_INPUT;
    });
    return cl.execute(args);
  }

  /** Options shared by commands that read an experiment. */
  static class ExperimentOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "the experiment YAML file")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a value, e.g. --set heads.lr=0.1 (repeatable)")
    List<String> overrides = new ArrayList<>();

    Experiment load(PluginRegistry plugins) {
      return new ExperimentLoader(plugins).load(file, overrides);
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Run an experiment and write runs/<name>/.")
  static final class Run implements Callable<Integer> {
    @CommandLine.Mixin ExperimentOptionsMixin exp;

    @Option(names = "--out", paramLabel = "DIR", description = "the run directory (default: runs/<name>)")
    Path out;

    @Option(names = "--cache", paramLabel = "DIR", description = "data and trained models (default: $INVARIANCE_CACHE or ~/.cache/invariance)")
    Path cache;

    @Option(names = "--metrics-port", paramLabel = "PORT",
        description = "serve Prometheus metrics on this port (default: metrics.port in the YAML, else 9464; 0 = any free port)")
    Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST", description = "the interface for metrics (default: metrics.host, else 127.0.0.1)")
    String metricsHost;

    @Option(names = "--linger", arity = "0..1", fallbackValue = "forever", paramLabel = "DURATION",
        description = "keep serving metrics after the run ends, for DURATION (e.g. 30s, 5m) or, without one, until interrupted")
    String linger;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Duration lingerFor = linger == null ? Duration.ZERO : Linger.parse(linger, spec.commandLine());
      PluginRegistry plugins = PluginRegistry.discover();
      Experiment e = exp.options.load(plugins);
      Path dir = out != null ? out : Runner.defaultOutDir(e);
      MetricsConfig mc = e.metrics();
      if (metricsPort != null) {
        if (metricsPort < 0 || metricsPort > 65535) throw new CommandLine.ParameterException(spec.commandLine(), "--metrics-port: 0 to 65535, got " + metricsPort);
        mc = mc.withPort(metricsPort);
      }
      if (metricsHost != null) mc = mc.withHost(metricsHost);
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      // every series, Vert.x's and the JVM's included, carries the experiment: one Prometheus can watch several runs
      registry.config().commonTags("experiment", e.name());
      RunMetrics metrics = new RunMetrics(registry, e.name(), System.err).bindJvmAndProcess();
      int code;
      try (MetricsServer server = MetricsServer.start(registry, mc)) {
        LoggerFactory.getLogger(Main.class).info("metrics: {} (Prometheus scrape endpoint)", server.url());
        Runner.Outcome o = new Runner(plugins).run(e, new Runner.Options(dir, cache != null ? cache : CacheDir.resolve(), metrics));
        Runner.describe(o, System.out);
        code = 0;
        if (!o.ok()) {
          o.failures().forEach(f -> System.err.println("failed: " + f));
          code = FAILED;
        }
        Linger.serve(server, lingerFor);
      } finally {
        metrics.close();
        registry.close();
      }
      return code;
    }
  }

  @Command(name = "validate", mixinStandardHelpOptions = true, description = "Check an experiment file without running it.")
  static final class Validate implements Callable<Integer> {
    @CommandLine.Mixin ExperimentOptionsMixin exp;

    @Override
    public Integer call() {
      PluginRegistry plugins = PluginRegistry.discover();
      Experiment e = exp.options.load(plugins);
      System.out.println(exp.options.file + ": valid: experiment '" + e.name() + "', seed " + e.seed() + ", data '" + e.data().plugin()
          + "', transforms " + e.transforms().keySet() + ", models " + e.models().keySet() + ", probes " + e.probes().keySet());
      return 0;
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Redraw a run's report (report/index.html) from its directory, without recomputing.")
  static final class Report implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory, e.g. runs/rotation-invariance")
    Path dir;

    @Override
    public Integer call() throws Exception {
      org.invariance.report.Report.Outcome r = new org.invariance.report.Report(PluginRegistry.discover().figures()).write(dir);
      System.out.println(r.index().toAbsolutePath() + ": " + r.figures() + " figures, " + r.held() + " of " + r.claims() + " claims held");
      r.failures().forEach(f -> System.err.println("missing: " + f));
      return r.failures().isEmpty() ? 0 : FAILED;
    }
  }

  @Command(name = "plugins", mixinStandardHelpOptions = true, description = "List the plugins on the class path.")
  static final class Plugins implements Callable<Integer> {
    @Override
    public Integer call() {
      PluginRegistry p = PluginRegistry.discover();
      System.out.println("sources:    " + String.join(", ", p.sources().keySet()));
      System.out.println("transforms: " + String.join(", ", p.transforms().keySet()));
      System.out.println("models:     " + String.join(", ", p.models().keySet()));
      System.out.println("probes:     " + String.join(", ", p.probes().keySet()));
      System.out.println("figures:    " + String.join(", ", p.figures().keySet()));
      return 0;
    }
  }

  /** picocli mixin wrapper so both commands share the same options. */
  static final class ExperimentOptionsMixin {
    @CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
    ExperimentOptions options;
  }
}
