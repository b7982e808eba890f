package org.invariance.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.invariance.cluster.Coordinator;
import org.invariance.config.ClusterConfig;
import org.invariance.experiment.ConfigException;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.experiment.Plan;
import org.invariance.metrics.MetricsConfig;
import org.invariance.metrics.MetricsServer;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.invariance.run.RunDirectory;
import org.invariance.run.Runner;
import org.invariance.sweep.SweepRunner;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** The {@code invariance} command. Exit codes: 0 done, 1 the run failed, 2 bad input. */
@Command(name = "invariance", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Declarative neural-network invariance experiments.",
    subcommands = {Main.Run.class, Main.Worker.class, ClusterKeyCommand.class, Main.Validate.class, Main.Report.class, ExportImages.class, Main.Plugins.class, Main.Completion.class})
public final class Main {
  public static final int BAD_INPUT = 2;
  public static final int FAILED = 1;

  /** -v and -q, on every command (before or after its name). */
  @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT, description = "show the framework's debug messages too")
  boolean verbose;

  @Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT, description = "show only warnings and errors, and no progress bar")
  boolean quiet;

  public static void main(String[] args) {
    // stderr for the log and the progress bar: the terminal the launcher names (see TerminalProgress)
    org.invariance.metrics.TerminalProgress.attachTerminal();
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("invariance"));
    command.addAll(java.util.List.of(args));
    org.invariance.results.Provenance.command(command);
    String pluginPath = PluginPath.problem(System.getenv("INVARIANCE_PLUGIN_PATH"));
    if (pluginPath != null) {
      System.err.println(pluginPath);
      return BAD_INPUT;
    }
    Verbosity.NORMAL.apply();
    CommandLine cl = new CommandLine(new Main());
    // every command answers --version with the build's version, not only the top one
    for (CommandLine sub : cl.getSubcommands().values()) sub.getCommandSpec().versionProvider(new Version());
    cl.setExecutionStrategy(parsed -> {
      Verbosity.of(parsed, cl).apply();
      LoggerFactory.getLogger(Main.class).debug("{}; {}; Java {}", String.join(" ", command), new Version().getVersion()[0], System.getProperty("java.version"));
      return new CommandLine.RunLast().execute(parsed);
    });
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof ConfigException || ex instanceof org.invariance.data.IdxFormatException) {
        // bad input: the message already names the file and the line or byte offset
        cmd.getErr().println(ex.getMessage());
        return BAD_INPUT;
      }
      if (ex instanceof org.invariance.config.InvalidConfig ic) {
        // a setting given on the command line or in a section (metrics.host): said with its key
        cmd.getErr().println(ic.field() + ": " + ic.getMessage());
        return BAD_INPUT;
      }
      return failure(ex, cmd.getErr());
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println(parameterError(ex));
      return BAD_INPUT;
    });
    try {
      return cl.execute(args);
    } catch (RuntimeException | Error e) {
      // what escapes picocli: an Error (a plugin's class that cannot load, ServiceLoader's), or a handler's own failure
      java.io.PrintWriter err = new java.io.PrintWriter(System.err, true);
      int code = failure(e, err);
      err.flush();
      return code;
    }
  }

  /**
   * A command that failed, in one line on {@code err}: a plugin or a run directory at fault is bad
   * input (exit 2), anything else a failure (exit 1); the stack trace only with -v or
   * INVARIANCE_DEBUG.
   */
  static int failure(Throwable ex, java.io.PrintWriter err) {
    if (ex instanceof org.invariance.plugin.PluginException || ex instanceof org.invariance.report.Report.Unreadable) {
      // the message names the plugin and its jar, or the file and line that could not be read
      err.println(ex.getMessage());
      trace(ex, err);
      return BAD_INPUT;
    }
    err.println("error: " + org.invariance.plugin.PluginException.message(ex));
    trace(ex, err);
    return FAILED;
  }

  /** The stack trace, for -v and INVARIANCE_DEBUG. */
  private static void trace(Throwable ex, java.io.PrintWriter err) {
    if (Verbosity.current == Verbosity.VERBOSE || System.getenv("INVARIANCE_DEBUG") != null) ex.printStackTrace(err);
  }

  /**
   * A command line picocli could not parse, in one line: what was wrong, the nearest command or
   * option when one is a typo away, and where the usage is.
   */
  static String parameterError(CommandLine.ParameterException ex) {
    CommandLine c = ex.getCommandLine();
    String name = c.getCommandSpec().qualifiedName();
    String help = "; '" + name + " --help' shows the usage";
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      if (first.startsWith("-")) {
        String option = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
        java.util.List<String> options = new ArrayList<>();
        c.getCommandSpec().options().forEach(o -> options.addAll(List.of(o.names())));
        return name + ": unknown option '" + option + "'" + org.invariance.config.DidYouMean.suggest(option, options).map(o -> " (did you mean '" + o + "'?)").orElse("") + help;
      }
      if (!c.getSubcommands().isEmpty()) {
        return name + ": no command '" + first + "'" + org.invariance.config.DidYouMean.suggest(first, c.getSubcommands().keySet()).map(o -> " (did you mean '" + o + "'?)").orElse("")
            + "; commands: " + String.join(", ", c.getSubcommands().keySet());
      }
      return name + ": unexpected argument" + (u.getUnmatched().size() > 1 ? "s " : " ") + "'" + String.join("' '", u.getUnmatched()) + "'" + help;
    }
    if (ex instanceof CommandLine.MissingParameterException m && m.getMissing().stream().anyMatch(CommandLine.Model.ArgSpec::required)) {
      List<String> labels = new ArrayList<>();
      m.getMissing().stream().filter(CommandLine.Model.ArgSpec::required)
          .forEach(arg -> labels.add(arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel()));
      return name + ": missing " + String.join(", ", labels) + help;
    }
    String message = ex.getMessage() == null || ex.getMessage().isBlank() ? "bad command line" : ex.getMessage().lines().findFirst().orElse("").replaceFirst("^Error: ", "");
    return name + ": " + message + help;
  }

  /** Options shared by commands that read an experiment. */
  static class ExperimentOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "the experiment YAML file")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a value, e.g. --set heads.lr=0.1 (repeatable)")
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
  }

  /**
   * {@code --linger}'s optional duration takes the next argument only when it reads as one
   * ("30s", "5m", "90", "forever", "PT1M"), so {@code run --linger experiments.yaml} keeps its file.
   */
  static final class LingerValue implements CommandLine.IParameterConsumer {
    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(?i)forever|\\d+[smhd]?|P(T)?[0-9.HMSD]+");

    @Override
    public void consumeParameters(java.util.Stack<String> args, CommandLine.Model.ArgSpec spec, CommandLine.Model.CommandSpec cmd) {
      String value = !args.isEmpty() && DURATION.matcher(args.peek()).matches() ? args.pop() : "forever";
      spec.setValue(value);
    }
  }

  /** Where this JVM serves its Prometheus metrics (run and worker). */
  static final class MetricsOptions {
    @Option(names = "--metrics-port", paramLabel = "PORT",
        description = "serve Prometheus metrics on this port (default: metrics.port in the YAML, else 9464, else a free one; 0 = any free port)")
    Integer port;

    @Option(names = "--metrics-host", paramLabel = "HOST", description = "the interface for metrics (default: metrics.host, else 127.0.0.1)")
    String host;

    MetricsConfig apply(MetricsConfig base, CommandLine cmd) {
      MetricsConfig mc = base;
      if (port != null) {
        if (port < 0 || port > 65535) throw new CommandLine.ParameterException(cmd, "--metrics-port: 0 to 65535, got " + port);
        mc = mc.withPort(port);
      }
      return host != null ? mc.withHost(host) : mc;
    }
  }

  /** Where this JVM meets the cluster; any of them given makes {@code run} a coordinator. */
  static final class ClusterOptions {
    @Option(names = "--cluster-host", paramLabel = "HOST", description = "the interface this JVM binds for the cluster (default: cluster.host, else 127.0.0.1)")
    String host;

    @Option(names = "--cluster-port", paramLabel = "PORT", description = "this JVM's cluster port (default: cluster.port, else 5701)")
    Integer port;

    @Option(names = "--members", paramLabel = "H1:P1,H2:P2", description = "members to join by TCP-IP, e.g. 127.0.0.1:5701,127.0.0.1:5702")
    String members;

    @Option(names = "--cluster-key", paramLabel = "FILE",
        description = "the cluster's key, the same file on every member (made by 'invariance cluster-key FILE'; its password in $INVARIANCE_CLUSTER_KEY_PASSWORD; default: cluster.key)")
    String key;

    boolean given() {
      return host != null || port != null || members != null || key != null;
    }

    /** The cluster settings, checked before anything else runs: the key opens, the host is this machine's, the port is free (InvalidConfig: one line, exit 2). */
    ClusterConfig apply(ClusterConfig base, CommandLine cmd) {
      ClusterConfig c;
      try {
        c = (base != null ? base : ClusterConfig.defaults()).with(host, port, members == null ? null : ClusterConfig.parseMembers(members)).withKey(key);
      } catch (org.invariance.config.InvalidConfig e) {
        throw new CommandLine.ParameterException(cmd, "--" + (e.field().startsWith("members") ? "members" : "cluster-" + e.field()) + ": " + e.getMessage());
      }
      org.invariance.cluster.ClusterKey.of(c.key());
      org.invariance.cluster.ClusterNode.check(c);
      return c;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run an experiment into a new directory runs/<name>/<time>-<config id>/ (runs/<name>/latest points at it); the same command after a crash resumes the unfinished run.")
  static final class Run implements Callable<Integer> {
    @CommandLine.Mixin ExperimentOptionsMixin exp;

    @Option(names = "--out", paramLabel = "DIR", description = "the run directory: new or empty, or an unfinished run of the same configuration (default: runs/<name>/<time>-<config id>)")
    Path out;

    @Option(names = "--resume", description = "run again into the directory of a run of the same configuration even if it finished (finished parts are kept)")
    boolean resume;

    @Option(names = "--overwrite", description = "replace the run in --out (its files are deleted first)")
    boolean overwrite;

    @Option(names = "--cache", paramLabel = "DIR", description = "data and trained models (default: $INVARIANCE_CACHE or ~/.cache/invariance)")
    Path cache;

    @CommandLine.Mixin MetricsOptions metricsOptions;

    @Option(names = "--linger", arity = "0..1", fallbackValue = "forever", paramLabel = "DURATION", parameterConsumer = LingerValue.class,
        description = "keep serving metrics after the run ends, for DURATION (e.g. 30s, 5m) or, without one, until interrupted")
    String linger;

    @CommandLine.Mixin ClusterOptions clusterOptions;

    @Option(names = "--local", description = "run in this JVM even when the experiment has a cluster: section")
    boolean local;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

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
      try (AutoCloseable held = RunDirectory.lock(dir); MetricsServer server = MetricsServer.start(registry, mc)) {
        LoggerFactory.getLogger(Main.class).info("metrics: {} (Prometheus scrape endpoint)", server.url());
        List<String> failures;
        if (cluster != null) {
          failures = new Coordinator(plugins, cluster).run(plan, dir, cacheDir, metrics).failures();
          System.out.println("results in " + dir.toAbsolutePath());
        } else if (plan.isSweep()) {
          SweepRunner.Outcome o = new SweepRunner(plugins).run(plan, dir, cacheDir, metrics);
          System.out.println("sweep of " + plan.points().size() + " points in " + dir.toAbsolutePath() + ": summary/, report/index.html, points/");
          failures = o.failures();
        } else {
          Runner.Outcome o = new Runner(plugins).run(e, new Runner.Options(dir, cacheDir, metrics));
          Runner.describe(o, System.out);
          failures = o.failures();
        }
        code = 0;
        if (!failures.isEmpty()) {
          failures.forEach(f -> System.err.println("failed: " + f));
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

  @Command(name = "worker", mixinStandardHelpOptions = true,
      description = "Join a cluster and run units of work (training a model, the probes of a point) for whichever coordinator has them.")
  static final class Worker implements Callable<Integer> {
    @CommandLine.Mixin ClusterOptions clusterOptions;

    @Option(names = "--name", paramLabel = "NAME", description = "this worker's name in logs, metrics and provenance (default: HOST:PORT)")
    String name;

    @Option(names = "--cache", paramLabel = "DIR", description = "data and trained models (default: $INVARIANCE_CACHE or ~/.cache/invariance)")
    Path cache;

    @CommandLine.Mixin MetricsOptions metricsOptions;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      ClusterConfig cluster = clusterOptions.apply(null, spec.commandLine());
      String me = name != null ? name : cluster.host() + ":" + cluster.port();
      MetricsConfig mc = metricsOptions.apply(MetricsConfig.defaults(), spec.commandLine());
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      registry.config().commonTags("worker", me);
      RunMetrics metrics = new RunMetrics(registry, "worker", Verbosity.current.progress()).bindJvmAndProcess();
      org.invariance.cluster.Worker w = new org.invariance.cluster.Worker(PluginRegistry.discover(), cluster, cache != null ? cache : CacheDir.resolve(), me, metrics);
      Runtime.getRuntime().addShutdownHook(new Thread(w::stop));
      try (MetricsServer server = MetricsServer.start(registry, mc)) {
        LoggerFactory.getLogger(Main.class).info("metrics: {} (Prometheus scrape endpoint)", server.url());
        return w.run();
      } finally {
        metrics.close();
        registry.close();
      }
    }
  }

  @Command(name = "validate", mixinStandardHelpOptions = true, description = "Check an experiment file without running it.")
  static final class Validate implements Callable<Integer> {
    @CommandLine.Mixin ExperimentOptionsMixin exp;

    @Override
    public Integer call() {
      PluginRegistry plugins = PluginRegistry.discover();
      Plan plan = exp.options.plan(plugins);
      Experiment e = plan.base();
      for (Plan.Point p : plan.points()) org.invariance.run.Preflight.check(p.experiment(), plugins, CacheDir.resolve());
      System.out.println(exp.options.file + ": valid: experiment '" + e.name() + "', seed " + e.seed() + ", data '" + e.data().plugin()
          + "', transforms " + e.transforms().keySet() + ", models " + e.models().keySet() + ", probes " + e.probes().keySet()
          + (plan.isSweep() ? ", sweep of " + plan.points().size() + " points" : ""));
      return 0;
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Redraw a run's report (report/index.html) from its directory, without recomputing; for a sweep, every point's and the summary.")
  static final class Report implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory, or a sweep's; runs/<name> means its latest run")
    Path dir;

    private static boolean holdsNoRun(Path d) {
      return !java.nio.file.Files.isRegularFile(d.resolve("provenance.json")) && !java.nio.file.Files.isRegularFile(d.resolve("sweep.json"));
    }

    @Override
    public Integer call() throws Exception {
      if (holdsNoRun(dir) && java.nio.file.Files.isDirectory(dir.resolve("latest"))) dir = dir.resolve("latest"); // runs/<name>: its newest run
      if (holdsNoRun(dir)) {
        throw new ConfigException(dir.toString(), 0, 0, null, "holds no run (neither provenance.json nor sweep.json)");
      }
      if (java.nio.file.Files.isRegularFile(dir.resolve("sweep.json"))) {
        List<String> failures = SweepRunner.redraw(dir, PluginRegistry.discover());
        failures.forEach(f -> System.err.println("missing: " + f));
        System.out.println(dir.resolve("report/index.html").toAbsolutePath() + ": the sweep's summary and report, and every point's report");
        return failures.isEmpty() ? 0 : FAILED;
      }
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

  @Command(name = "completion", mixinStandardHelpOptions = true,
      description = {"Print a completion script (bash, and zsh through bashcompinit) for the subcommands and their options.",
          "Load it in this shell with: source <(./invariance completion)"})
  static final class Completion implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      System.out.print(picocli.AutoComplete.bash("invariance", spec.root().commandLine()));
      System.out.flush();
      return 0;
    }
  }

  /** {@code --version}: the build's version, commit and time (build.properties, else "unknown"). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      com.fasterxml.jackson.databind.node.ObjectNode b = org.invariance.results.Provenance.build();
      String commit = b.path("commit").asText("unknown");
      // a full hash is shortened as git does (abc1234), a "-dirty" mark kept
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9a-f]{7})[0-9a-f]{33}(.*)").matcher(commit);
      if (m.matches()) commit = m.group(1) + m.group(2);
      return new String[] {"invariance " + b.path("version").asText("unknown") + " (commit " + commit + ", built " + b.path("built").asText("unknown") + ")"};
    }
  }

  /**
   * How much the terminal shows. -q: warnings and errors only (a filter on the terminal's appender, so run.log keeps
   * every line) and no progress bar; -v: the framework's debug messages too (a turbo filter, which the level that a
   * run sets on org.invariance for its run.log cannot undo).
   */
  enum Verbosity {
    QUIET, NORMAL, VERBOSE;

    static volatile Verbosity current = NORMAL;

    /** The verbosity the command line asks for: -v or -q on the command or any subcommand. */
    static Verbosity of(CommandLine.ParseResult parsed, CommandLine cl) {
      boolean v = false, q = false;
      for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
        v |= p.hasMatchedOption("-v");
        q |= p.hasMatchedOption("-q");
      }
      if (v && q) throw new CommandLine.ParameterException(cl, "-v and -q exclude each other: keep one");
      return v ? VERBOSE : q ? QUIET : NORMAL;
    }

    /** Where progress bars go: stderr, or nowhere with -q. */
    java.io.PrintStream progress() {
      return this == QUIET ? null : System.err;
    }

    void apply() {
      current = this;
      if (!(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx)) return;
      if (!ctx.getTurboFilterList().contains(DEBUG_FOR_FRAMEWORK)) {
        DEBUG_FOR_FRAMEWORK.start();
        ctx.addTurboFilter(DEBUG_FOR_FRAMEWORK);
      }
      ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      for (java.util.Iterator<ch.qos.logback.core.Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
        ch.qos.logback.core.Appender<ch.qos.logback.classic.spi.ILoggingEvent> a = it.next();
        if (a instanceof ch.qos.logback.core.ConsoleAppender && !a.getCopyOfAttachedFiltersList().contains(TERMINAL_QUIET)) {
          TERMINAL_QUIET.start();
          a.addFilter(TERMINAL_QUIET);
        }
      }
    }

    /** -v: org.invariance's debug messages pass whatever level its logger has. */
    private static final ch.qos.logback.classic.turbo.TurboFilter DEBUG_FOR_FRAMEWORK = new ch.qos.logback.classic.turbo.TurboFilter() {
      @Override
      public ch.qos.logback.core.spi.FilterReply decide(org.slf4j.Marker marker, ch.qos.logback.classic.Logger logger, ch.qos.logback.classic.Level level,
          String format, Object[] params, Throwable t) {
        if (current != VERBOSE || level == null || !level.isGreaterOrEqual(ch.qos.logback.classic.Level.DEBUG)) return ch.qos.logback.core.spi.FilterReply.NEUTRAL;
        String name = logger.getName();
        return name.equals("org.invariance") || name.startsWith("org.invariance.") ? ch.qos.logback.core.spi.FilterReply.ACCEPT : ch.qos.logback.core.spi.FilterReply.NEUTRAL;
      }
    };

    /** -q: the terminal drops what is below a warning. */
    private static final ch.qos.logback.core.filter.Filter<ch.qos.logback.classic.spi.ILoggingEvent> TERMINAL_QUIET = new ch.qos.logback.core.filter.Filter<>() {
      @Override
      public ch.qos.logback.core.spi.FilterReply decide(ch.qos.logback.classic.spi.ILoggingEvent e) {
        return current == QUIET && !e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN)
            ? ch.qos.logback.core.spi.FilterReply.DENY : ch.qos.logback.core.spi.FilterReply.NEUTRAL;
      }
    };
  }

  /** picocli mixin wrapper so both commands share the same options. */
  static final class ExperimentOptionsMixin {
    @CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
    ExperimentOptions options;
  }
}
