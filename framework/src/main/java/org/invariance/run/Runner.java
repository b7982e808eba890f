package org.invariance.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.invariance.bus.Addresses;
import org.invariance.bus.Bus;
import org.invariance.bus.Events;
import org.invariance.bus.PayloadSize;
import org.invariance.config.InvalidConfig;
import org.invariance.data.Split;
import org.invariance.data.TransformFamily;
import org.invariance.experiment.ConfigBinder;
import org.invariance.experiment.ConfigException;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.experiment.PluginUse;
import org.invariance.metrics.ProcessStats;
import org.invariance.metrics.Progress;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.PluginRegistry;
import org.invariance.plugin.Source;
import org.invariance.plugin.SourceContext;
import org.invariance.plugin.Transform;
import org.invariance.report.Report;
import org.invariance.results.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run lifecycle, in named steps: begin (run directory and provenance), load the data, bind the
 * transform families, deploy the bus services, train every model, run every probe, draw the
 * report, finish (record how it all went). A failing probe does
 * not erase what the others wrote; the outcome says what failed.
 */
public final class Runner {
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  /**
   * @param outDir the run directory
   * @param cacheDir downloaded data and trained models
   * @param metrics the metrics side channel (and terminal progress)
   */
  /**
   * @param runId what every row of the run's CSVs names it by ({@code run_id}): the run directory's
   *     name by default; a sweep's point is {@code <sweep directory's name>/<point id>} wherever it runs
   * @param checkpointSaved called on the training thread with each checkpoint once it is on the disk
   *     (a cluster worker hands it to its coordinator, so another worker can resume the training)
   */
  public record Options(Path outDir, Path cacheDir, RunMetrics metrics, List<String> onlyModels, String runId, CheckpointSaved checkpointSaved) {
    public Options {
      if (runId == null) runId = defaultRunId(outDir);
      if (checkpointSaved == null) checkpointSaved = file -> {};
    }

    public Options(Path outDir, Path cacheDir, RunMetrics metrics) {
      this(outDir, cacheDir, metrics, null, null, null);
    }

    /** Train (or find in the store) only these stages and their upstream; no probes, no report (a cluster's training unit). */
    public Options onlyModels(List<String> models) {
      return new Options(outDir, cacheDir, metrics, List.copyOf(models), runId, checkpointSaved);
    }

    /** The same run, named {@code runId} in its rows (a sweep's point, a cluster worker's unit). */
    public Options runId(String id) {
      return new Options(outDir, cacheDir, metrics, onlyModels, id, checkpointSaved);
    }

    /** The same run, telling {@code listener} of every checkpoint it saves. */
    public Options checkpointSaved(CheckpointSaved listener) {
      return new Options(outDir, cacheDir, metrics, onlyModels, runId, listener);
    }

    /** A single run's id: its directory's name ({@code 20261125-220138-e76d0d61}). */
    public static String defaultRunId(Path outDir) {
      return outDir.toAbsolutePath().normalize().getFileName().toString();
    }
  }

  /** Hears of each checkpoint a training saved; whatever it does, the training goes on. */
  @FunctionalInterface
  public interface CheckpointSaved {
    void saved(Path checkpoint);
  }

  /** What happened: the run directory and the failures, if any (empty = success). */
  public record Outcome(Path outDir, List<String> failures) {
    public boolean ok() {
      return failures.isEmpty();
    }
  }

  private final PluginRegistry plugins;

  public Runner(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  public Outcome run(Experiment exp, Options opts) throws Exception {
    long t0 = System.nanoTime();
    Path out = opts.outDir();
    checkWritable(out);
    checkSpace(out, MIN_FREE_BYTES, "the run directory");
    checkSpace(opts.cacheDir(), MIN_FREE_BYTES, "the cache (data, models, checkpoints)");
    checkCacheWritable(opts.cacheDir());
    Provenance prov = new Provenance(out.resolve("provenance.json"));
    List<String> failures = new ArrayList<>();
    // SIGTERM or Ctrl-C: the run says it was interrupted instead of staying "running" forever
    AtomicBoolean ended = new AtomicBoolean();
    Thread onInterrupt = new Thread(() -> interrupted(ended, prov, opts.metrics()), "invariance-interrupted");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try (RunLog log = new RunLog(out.resolve("run.log"))) {
      opts.metrics().state(RunMetrics.State.PREPARING);
      KeptProbes kept = KeptProbes.in(out); // what an interrupted run of this configuration finished, read before provenance starts anew
      begin(exp, prov, out, opts.runId());
      prov.root().set("plugins", RunProvenance.pluginJars(exp, plugins));
      Preflight.check(exp, plugins, opts.cacheDir());
      Split split = loadData(exp, opts.cacheDir(), prov, opts.metrics());
      Preflight.classes(exp, plugins, split.classes()); // what only the loaded data told: before any training
      Map<String, TransformFamily> families = transformFamilies(exp, split);
      Vertx vertx = startVertx(opts.metrics());
      RunEnvironment env = new RunEnvironment(vertx, exp, plugins, split, families, new ModelStore(opts.cacheDir().resolve("models")),
          opts.metrics(), prov, out, opts.runId(), opts.checkpointSaved());
      try {
        deployServices(env);
        if (opts.onlyModels() != null) {
          trainModels(env, opts.onlyModels());
        } else {
          trainModels(env, List.copyOf(exp.models().keySet()));
          writeTrainingCurves(env);
          runProbes(env, failures, kept);
        }
      } finally {
        env.close();
        Bus.await(vertx.close());
      }
      if (opts.onlyModels() == null) {
        opts.metrics().state(RunMetrics.State.REPORTING);
        report(out, prov, failures);
      }
    } catch (Exception | Error e) {
      failures.add(e.getMessage() == null ? e.toString() : e.getMessage());
      prov.root().put("error", String.valueOf(e.getMessage()));
      throw e;
    } finally {
      if (ended.compareAndSet(false, true)) finish(prov, opts.metrics(), failures, t0, out);
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already stopping: the hook runs and finds the run ended
      }
    }
    return new Outcome(out, failures);
  }

  /** Step 1: the run directory's provenance says what is running, before anything can fail. */
  private static void begin(Experiment exp, Provenance prov, Path out, String runId) throws IOException {
    ObjectNode root = prov.root();
    root.put("experiment", exp.name());
    root.put("experiment_file", exp.file().toAbsolutePath().toString());
    root.put("seed", exp.seed());
    root.put("run_id", runId);
    root.put("config_id", RunDirectory.configId(exp));
    root.put("status", "running");
    root.put("started", Provenance.now());
    root.put("ran_on", Provenance.worker());
    root.set("code", Provenance.build());
    root.set("command", ConfigBinder.MAPPER.valueToTree(Provenance.command()));
    root.put("host", RunProvenance.host());
    root.put("user", System.getProperty("user.name"));
    root.put("experiment_git_commit", Provenance.gitCommit(exp.file().toAbsolutePath().getParent()));
    root.set("versions", Provenance.versions());
    ObjectNode platform = root.putObject("platform");
    Platform.settings().forEach(platform::put);
    root.set("config", exp.resolved());
    root.set("config_with_defaults", RunProvenance.effectiveConfig(exp));
    prov.write();
    LOG.info("threads and kernels: {}", Platform.describe());
    LOG.info("experiment '{}' (seed {}) -> {}", exp.name(), exp.seed(), out.toAbsolutePath());
  }

  /** Step 2: the source plugin yields the training and test images. */
  private Split loadData(Experiment exp, Path cacheDir, Provenance prov, RunMetrics metrics) throws IOException {
    ObjectNode data = prov.section("data");
    data.put("plugin", exp.data().plugin());
    Split split = loadSplit(plugins, exp, cacheDir, data, metrics);
    data.put("name", split.train().name());
    data.put("train_images", split.train().count());
    data.put("test_images", split.test().count());
    data.put("image_size", split.train().width() + "x" + split.train().height());
    data.put("image_shape", split.train().shape().toString());
    data.set("classes", ConfigBinder.MAPPER.valueToTree(split.classes()));
    data.put("checksum", split.checksum());
    prov.write();
    LOG.info("data: {} training and {} test images of {}, {} classes (checksum {})", split.train().count(), split.test().count(), split.train().name(),
        split.classes().size(), split.checksum().substring(0, 16));
    return split;
  }

  /**
   * The experiment's data from its source plugin (fetched and verified into the cache), less what
   * its limits leave out; what the source records goes to {@code record}, its progress to
   * {@code metrics} (none when null).
   */
  public static Split loadSplit(PluginRegistry plugins, Experiment exp, Path cacheDir, ObjectNode record, RunMetrics metrics) throws IOException {
    @SuppressWarnings("unchecked")
    Source<Object> source = (Source<Object>) plugins.sources().get(exp.data().plugin());
    try {
      Split all = source.load(new SourceContext() {
        @Override public Path cacheDir() { return cacheDir; }
        @Override public Path resolve(String path) { return ExperimentLoader.resolvePath(exp.file(), path); }
        @Override public void record(String key, String value) { record.put(key, value); }
        @Override public Progress progress(String phase, long total) {
          return metrics == null ? Progress.silent() : metrics.probe("data", phase, total);
        }
      }, exp.data().config());
      Experiment.DataLimits limits = exp.limits();
      if (limits.trainLimit() != null) record.put("train_limit", limits.trainLimit());
      if (limits.testLimit() != null) record.put("test_limit", limits.testLimit());
      Split split = all.limit(limits.trainLimit(), limits.testLimit());
      // an empty half would fail every model or probe later, in words that name neither
      for (boolean training : new boolean[] {true, false}) {
        if ((training ? split.train() : split.test()).count() == 0) {
          throw exp.places().error("/data", "the data has no " + (training ? "training" : "test") + " images (" + split.train().count() + " training, " + split.test().count()
              + " test" + (record.has("split") ? "; split: " + record.path("split").asText() : "") + "): a source's test_fraction or a limit leaves none");
        }
      }
      return split;
    } catch (InvalidConfig e) {
      throw exp.places().error("/data/" + e.field().replace('.', '/'), e.getMessage());
    }
  }

  /** Step 3: each transform plugin bound to its config and amounts, for images of the data's size; every amount prepared once. */
  private Map<String, TransformFamily> transformFamilies(Experiment exp, Split split) {
    Map<String, TransformFamily> families = new LinkedHashMap<>();
    exp.transforms().forEach((name, t) -> {
      @SuppressWarnings("unchecked")
      Transform<Object> plugin = (Transform<Object>) plugins.transforms().get(t.use().plugin());
      Object config = t.use().config();
      TransformFamily family = new TransformFamily(name, (a, shape) -> plugin.prepare(config, a, shape), t.amounts(), split.train().shape());
      // prepare every amount now, so an amount the plugin refuses is bad input at its own line, before any training
      for (int i = 0; i < t.amounts().size(); i++) {
        try {
          family.op(t.amounts().get(i));
        } catch (IllegalArgumentException e) {
          throw exp.places().error("/transforms/" + name + "/amounts/" + i, e.getMessage());
        }
      }
      families.put(name, family);
    });
    return families;
  }

  /** Vert.x with its own meters (messages per address, handlers, pools) in the run's registry. */
  private static Vertx startVertx(RunMetrics metrics) {
    return Vertx.builder()
        .with(new VertxOptions().setEventLoopPoolSize(Platform.EVENT_LOOPS).setWorkerPoolSize(Platform.WORKERS)
            .setInternalBlockingPoolSize(Platform.WORKERS)
            .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(false).addLabels(Label.EB_ADDRESS, Label.EB_SIDE)))
        .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
        .build();
  }

  /** Step 4: the services that meet on the bus. */
  private static void deployServices(RunEnvironment env) {
    Vertx vertx = env.vertx;
    Bus.registerCodecs(vertx);
    vertx.eventBus().addOutboundInterceptor(c -> {
      String address = c.message().address();
      if (!address.startsWith("__vertx.")) env.metrics.busPayload(address, "request", PayloadSize.bytes(c.body()));
      c.next();
    });
    vertx.eventBus().<Events.Ready>consumer(Addresses.MODEL_READY, m -> LOG.info("model ready: {} ({}, {} s)", m.body().what(), m.body().detail(), String.format("%.1f", m.body().seconds())));
    List<Future<String>> deployed = new ArrayList<>();
    deployed.add(vertx.deployVerticle(new DatasetService(env)));
    deployed.add(vertx.deployVerticle(new ModelService(env)));
    deployed.add(vertx.deployVerticle(new ActivationService(env)));
    deployed.add(vertx.deployVerticle(new ResultService(env.outDir, env.runId(), env.experiment.seed(), env.metrics)));
    for (Experiment.ProbeUse p : env.experiment.probes().values()) deployed.add(vertx.deployVerticle(new ProbeService(env, p)));
    Bus.await(Future.all(deployed));
  }

  /** Step 5: every model stage, each after the one it builds on (trained or read from the store). */
  private static void trainModels(RunEnvironment env, List<String> models) {
    env.metrics.state(RunMetrics.State.TRAINING);
    for (String model : models) {
      Bus.await(Bus.request(env.vertx, Addresses.MODEL_REQUESTED, new Events.ModelRequest(model)));
    }
  }

  /** Every model's training curve, as stored with it (trained now, earlier, or on another machine): {@code training.csv}. */
  private static void writeTrainingCurves(RunEnvironment env) throws IOException {
    ModelIdentity ids = new ModelIdentity(env.experiment, env.split.checksum(), env.plugins);
    Map<String, List<TrainingCurve.Point>> curves = new LinkedHashMap<>();
    for (String model : env.experiment.models().keySet()) {
      Path json = env.store.modelFile(model, ids.key(model)).resolveSibling(env.store.modelFile(model, ids.key(model)).getFileName() + ".json");
      if (!Files.isRegularFile(json)) continue;
      curves.put(model, TrainingCurve.read(new ObjectMapper().readTree(json.toFile()).path("training")));
    }
    TrainingCurve.write(env.outDir.resolve("training.csv"), env.runId(), env.experiment.seed(), curves);
  }

  /** Step 6: every probe in turn; a failing probe is recorded and the others still run. */
  private static void runProbes(RunEnvironment env, List<String> failures, KeptProbes kept) throws IOException {
    env.metrics.state(RunMetrics.State.PROBING);
    JsonNode configs = RunProvenance.effectiveConfig(env.experiment).path("probes");
    for (Experiment.ProbeUse probe : env.experiment.probes().values()) {
      PluginUse p = probe.use();
      ObjectNode before = kept.keep(p.id(), configs.path(p.id()), env.outDir);
      if (before != null) {
        LOG.info("probe {}: finished before this run resumed, its files unchanged: kept", p.id());
        env.provenance.append("probes", before);
        continue;
      }
      ObjectNode pn = JsonNodeFactory.instance.objectNode();
      pn.put("name", p.id());
      pn.put("plugin", p.plugin());
      pn.set("models", ConfigBinder.MAPPER.valueToTree(probe.models()));
      pn.put("transform", probe.transform());
      try {
        Events.ProbeDone done = Bus.await(Bus.request(env.vertx, Addresses.probeRun(p.id()), new Events.ProbeRun(p.id())));
        Bus.await(Bus.request(env.vertx, Addresses.PROBE_COMPLETED, new Events.ProbeCompleted(p.id(), true)));
        pn.put("status", "finished");
        pn.put("rows", done.rows());
        pn.put("seconds", done.seconds());
        for (String f : List.of(p.id() + ".csv", p.id() + "_summary.csv")) {
          if (Files.isRegularFile(env.outDir.resolve(f))) pn.put(f.endsWith("_summary.csv") ? "summary_file" : "file", f);
        }
        KeptProbes.recordHashes(pn, env.outDir);
        LOG.info("probe {}: {} rows in {} s -> {}", p.id(), done.rows(), String.format("%.1f", done.seconds()), env.outDir.resolve(p.id() + ".csv"));
      } catch (RuntimeException e) {
        pn.put("status", "failed");
        pn.put("error", e.getMessage());
        failures.add("probe " + p.id() + ": " + e.getMessage());
        try {
          Bus.await(Bus.request(env.vertx, Addresses.PROBE_COMPLETED, new Events.ProbeCompleted(p.id(), false)));
        } catch (RuntimeException closing) {
          LOG.warn("probe {}: its partial rows could not be closed: {}", p.id(), closing.getMessage());
        }
        LOG.error("probe {} failed: {}", p.id(), e.getMessage());
      }
      env.provenance.append("probes", pn);
    }
  }

  /** The JVM is stopping (SIGTERM, Ctrl-C) before the run ended: record it, so nothing takes this run for finished or still running. */
  private static void interrupted(AtomicBoolean ended, Provenance prov, RunMetrics metrics) {
    if (!ended.compareAndSet(false, true)) return;
    int saved = FileCheckpoint.saveActive(Duration.ofSeconds(20));
    prov.root().put("status", "interrupted");
    prov.root().put("interrupted", Provenance.now());
    metrics.state(RunMetrics.State.INTERRUPTED);
    try {
      prov.write();
    } catch (IOException e) {
      System.err.println("could not record the interruption in provenance.json: " + e.getMessage());
    }
    System.err.println("interrupted: the run stopped; provenance.json says \"interrupted\""
        + (saved > 0 ? "; " + saved + " model(s) in training saved a checkpoint" : "") + "; the same command resumes it");
  }

  /** The run directory takes files, checked before any data is loaded or model trained. */
  private static void checkWritable(Path out) {
    Path probe = out.resolve(".invariance-write-check");
    try {
      Files.createDirectories(out);
      Files.writeString(probe, "");
      Files.delete(probe);
    } catch (IOException e) {
      throw new ConfigException(out.toString(), 0, 0, null, "the run directory is not writable (" + plain(e) + ")");
    }
  }

  /** The cache takes files (downloads, models, checkpoints), checked before any data is fetched. */
  static void checkCacheWritable(Path cache) {
    Path probe = cache.resolve(".invariance-write-check");
    try {
      Files.createDirectories(cache);
      Files.writeString(probe, "");
      Files.delete(probe);
    } catch (IOException e) {
      throw new ConfigException(cache.toString(), 0, 0, null, "the cache (data, models, checkpoints) is not writable (" + plain(e)
          + "): choose another with --cache or INVARIANCE_CACHE");
    }
  }

  /**
   * The least free space a run starts with: the default run writes about 60 MB of CSVs and reports,
   * stores 6 MB of models and checkpoints, and its data takes 55 MB in the cache; a run that cannot
   * finish should not begin.
   */
  public static final long MIN_FREE_BYTES = 256L << 20;

  /** A disk too full for a run is bad input, said before any work. */
  static void checkSpace(Path dir, long needed, String what) {
    checkSpace(dir, needed, what, "a run needs");
  }

  /** @param needs who needs the room, worded for the message ("a run needs", "its 12 unfinished points need") */
  public static void checkSpace(Path dir, long needed, String what, String needs) {
    try {
      Path existing = dir.toAbsolutePath();
      while (existing != null && !Files.exists(existing)) existing = existing.getParent();
      if (existing == null) return;
      long free = Files.getFileStore(existing).getUsableSpace();
      if (free < needed) {
        throw new ConfigException(dir.toString(), 0, 0, null,
            what + " has " + (free >> 20) + " MB free; " + needs + " at least " + (needed >> 20) + " MB: free some space or choose another directory");
      }
    } catch (IOException e) {
      LOG.warn("cannot tell the free space of {}: {}", dir, e.getMessage());
    }
  }

  /** Why a file operation failed, in words (Java names the path and leaves the reason out). */
  static String plain(IOException e) {
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
    if (e instanceof NoSuchFileException) return "no folder can be made there";
    if (e instanceof FileAlreadyExistsException) return "a file of that name is in the way";
    return e.getMessage();
  }

  /** Last step, whatever happened: status, wall time and peak memory. */
  private static void finish(Provenance prov, RunMetrics metrics, List<String> failures, long t0, Path out) throws IOException {
    prov.root().set("outputs", RunProvenance.outputs(out));
    prov.root().put("status", failures.isEmpty() ? "finished" : "failed");
    metrics.state(failures.isEmpty() ? RunMetrics.State.FINISHED : RunMetrics.State.FAILED);
    prov.root().put("wall_seconds", (System.nanoTime() - t0) / 1e9);
    prov.root().put("peak_rss_bytes", ProcessStats.peakRssBytes());
    prov.root().put("finished", Provenance.now());
    prov.write();
  }

  /** Draws the report from what the probes wrote; a figure that fails is listed, not fatal to the others. */
  private void report(Path out, Provenance prov, List<String> failures) throws IOException {
    long t0 = System.nanoTime();
    Report.Outcome r;
    try {
      r = new Report(plugins.figures()).write(out);
    } catch (Report.Unreadable e) {
      // a file of this run the report cannot read: no page, and the run failed with that line
      prov.section("report").put("error", e.getMessage());
      failures.add("report: " + e.getMessage());
      LOG.error("report: {}", e.getMessage());
      return;
    }
    ObjectNode rn = prov.section("report");
    rn.put("file", out.relativize(r.index()).toString());
    rn.put("figures", r.figures());
    rn.put("claims", r.claims());
    rn.put("claims_held", r.held());
    rn.put("beyond_study", r.beyond());
    rn.put("beyond_study_held", r.beyondHeld());
    rn.put("seconds", (System.nanoTime() - t0) / 1e9);
    prov.write();
    for (String f : r.failures()) {
      if (f.startsWith("figures of")) failures.add("report: " + f);
    }
    LOG.info("report: {} figures, {} of {} claims held -> {}", r.figures(), r.held(), r.claims(), r.index());
  }

  /** Prints the run directory's contents, for the CLI. */
  public static void describe(Outcome o, PrintStream out) throws IOException {
    out.println("results in " + o.outDir().toAbsolutePath() + ":");
    try (var files = Files.list(o.outDir())) {
      files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().forEach(f -> out.println("  " + f.getFileName()));
    }
  }
}
