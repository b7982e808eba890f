package org.invariance.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.invariance.bus.Bus;
import org.invariance.data.Split;
import org.invariance.data.TransformFamily;
import org.invariance.experiment.Experiment;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.invariance.results.Provenance;

/**
 * The run lifecycle, in named steps: begin (run directory and provenance), load the data, bind the
 * transform families, deploy the bus services, train every model, run every probe, draw the
 * report, finish (record how it all went). A failing probe does
 * not erase what the others wrote; the outcome says what failed. Each step is a class's:
 * {@link DiskChecks}, {@link RunRecord} (begin, finish, interrupted), {@link RunData},
 * {@link RunServices}, {@link ModelStage}, {@link ProbeStage}, {@link ReportStage}.
 */
public final class Runner {
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
    DiskChecks.checkWritable(out);
    checkSpace(out, MIN_FREE_BYTES, "the run directory");
    checkSpace(opts.cacheDir(), MIN_FREE_BYTES, "the cache (data, models, checkpoints)");
    DiskChecks.checkCacheWritable(opts.cacheDir());
    Provenance prov = new Provenance(out.resolve("provenance.json"));
    List<String> failures = new ArrayList<>();
    // SIGTERM or Ctrl-C: the run says it was interrupted instead of staying "running" forever
    AtomicBoolean ended = new AtomicBoolean();
    Thread onInterrupt = new Thread(() -> RunRecord.interrupted(ended, prov, opts.metrics()), "invariance-interrupted");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try (RunLog log = new RunLog(out.resolve("run.log"))) {
      opts.metrics().state(RunMetrics.State.PREPARING);
      KeptProbes kept = KeptProbes.in(out); // what an interrupted run of this configuration finished, read before provenance starts anew
      RunRecord.begin(exp, prov, out, opts.runId());
      prov.root().set("plugins", RunProvenance.pluginJars(exp, plugins));
      Preflight.check(exp, plugins, opts.cacheDir());
      Split split = RunData.load(plugins, exp, opts.cacheDir(), prov, opts.metrics());
      Preflight.classes(exp, plugins, split.classes()); // what only the loaded data told: before any training
      Map<String, TransformFamily> families = RunData.transformFamilies(plugins, exp, split);
      Vertx vertx = RunServices.startVertx(opts.metrics());
      RunEnvironment env = new RunEnvironment(vertx, exp, plugins, split, families, new ModelStore(opts.cacheDir().resolve("models")),
          opts.metrics(), prov, out, opts.runId(), opts.checkpointSaved());
      try {
        RunServices.deploy(env);
        if (opts.onlyModels() != null) {
          ModelStage.trainModels(env, opts.onlyModels());
        } else {
          ModelStage.trainModels(env, List.copyOf(exp.models().keySet()));
          ModelStage.writeTrainingCurves(env);
          ProbeStage.runProbes(env, failures, kept);
        }
      } finally {
        env.close();
        Bus.await(vertx.close());
      }
      if (opts.onlyModels() == null) {
        opts.metrics().state(RunMetrics.State.REPORTING);
        ReportStage.report(plugins, out, prov, failures);
        RunHeadlines.afterReport(prov, out, plugins.headlines());
      }
    } catch (Exception | Error e) {
      failures.add(e.getMessage() == null ? e.toString() : e.getMessage());
      prov.root().put("error", String.valueOf(e.getMessage()));
      throw e;
    } finally {
      if (ended.compareAndSet(false, true)) RunRecord.finish(prov, opts.metrics(), failures, t0, out);
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already stopping: the hook runs and finds the run ended
      }
    }
    return new Outcome(out, failures);
  }

  /**
   * The experiment's data from its source plugin (fetched and verified into the cache), less what
   * its limits leave out; what the source records goes to {@code record}, its progress to
   * {@code metrics} (none when null).
   */
  public static Split loadSplit(PluginRegistry plugins, Experiment exp, Path cacheDir, ObjectNode record, RunMetrics metrics) throws IOException {
    return RunData.split(plugins, exp, cacheDir, record, metrics);
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
    DiskChecks.checkSpace(dir, needed, what, needs);
  }

  /** Prints the run directory's contents, for the CLI. */
  public static void describe(Outcome o, PrintStream out) throws IOException {
    out.println("results in " + o.outDir().toAbsolutePath() + ":");
    try (var files = Files.list(o.outDir())) {
      files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().forEach(f -> out.println("  " + f.getFileName()));
    }
  }
}
