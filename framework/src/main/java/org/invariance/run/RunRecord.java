package org.invariance.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.invariance.experiment.ConfigBinder;
import org.invariance.experiment.Experiment;
import org.invariance.metrics.ProcessStats;
import org.invariance.metrics.RunMetrics;
import org.invariance.results.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's status in {@code provenance.json} from start to end: what is running before anything
 * can fail, and how it ended (finished, failed or interrupted), so nothing takes an ended run for
 * one still running. What each step records on the way is that step's.
 */
final class RunRecord {
  /** Runner's logger: run.log names it, and these lines were always the run's. */
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  private RunRecord() {}

  /** Step 1: the run directory's provenance says what is running, before anything can fail. */
  static void begin(Experiment exp, Provenance prov, Path out, String runId) throws IOException {
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

  /** The JVM is stopping (SIGTERM, Ctrl-C) before the run ended: record it, so nothing takes this run for finished or still running. */
  static void interrupted(AtomicBoolean ended, Provenance prov, RunMetrics metrics) {
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

  /** Last step, whatever happened: status, wall time and peak memory. */
  static void finish(Provenance prov, RunMetrics metrics, List<String> failures, long t0, Path out) throws IOException {
    prov.root().set("outputs", RunProvenance.outputs(out));
    prov.root().put("status", failures.isEmpty() ? "finished" : "failed");
    metrics.state(failures.isEmpty() ? RunMetrics.State.FINISHED : RunMetrics.State.FAILED);
    prov.root().put("wall_seconds", (System.nanoTime() - t0) / 1e9);
    prov.root().put("peak_rss_bytes", ProcessStats.peakRssBytes());
    prov.root().put("finished", Provenance.now());
    prov.write();
  }
}
