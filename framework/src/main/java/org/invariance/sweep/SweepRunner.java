package org.invariance.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.experiment.Plan;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Report;
import org.invariance.run.Runner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sweep in this JVM: each point in order as a whole run in {@code points/<id>/} (models
 * shared through the model store, so points that differ only in probe settings train nothing
 * twice), a point that already finished with the same config kept as it is, then the summary and
 * the sweep's report.
 */
public final class SweepRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SweepRunner.class);

  /** The sweep directory, the points' failures (empty = all finished) and the summary. */
  public record Outcome(Path outDir, List<String> failures, Summary.Outcome summary, Path report) {
    public boolean ok() {
      return failures.isEmpty();
    }
  }

  private final PluginRegistry plugins;

  public SweepRunner(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  public Outcome run(Plan plan, Path out, Path cache, RunMetrics metrics) throws Exception {
    PointDirs.checkRoom(out, plan);
    SweepRecord record = SweepRecord.begin(out, plan, "local");
    List<String> failures = new ArrayList<>();
    Map<String, String> status = new LinkedHashMap<>();
    int i = 0;
    for (Plan.Point p : plan.points()) {
      i++;
      Path dir = PointDirs.of(out, plan, p);
      if (PointDirs.finished(dir, p.experiment())) {
        LOG.info("point {} of {}: {} finished earlier, kept as it is ({})", i, plan.points().size(), p.id(), dir);
        status.put(p.id(), "reused");
        record.point(p.id(), "reused", null);
        metrics.unit("point", "local", "reused", 0);
        continue;
      }
      LOG.info("point {} of {}: {}", i, plan.points().size(), p.id());
      long t0 = System.nanoTime();
      Runner.Outcome o = new Runner(plugins).run(p.experiment(), new Runner.Options(dir, cache, metrics.forPoint(p.id()))
          .runId(PointDirs.runId(Runner.Options.defaultRunId(out), plan, p)));
      String s = o.ok() ? "finished" : "failed";
      status.put(p.id(), s);
      record.point(p.id(), s, "local");
      metrics.unit("point", "local", s, (System.nanoTime() - t0) / 1e9);
      o.failures().forEach(f -> failures.add(p.id() + ": " + f));
    }
    return conclude(out, plan, plugins, record, status, failures);
  }

  /** After every point (here or on a cluster): the summary across points, the sweep's report, sweep.json. */
  public static Outcome conclude(Path out, Plan plan, PluginRegistry plugins, SweepRecord record, Map<String, String> status, List<String> failures)
      throws Exception {
    Summary.Outcome summary = Summary.write(out, plan, plugins.headlines());
    ReportContext.Wording words = wording(out, plan, plugins);
    Path report = SweepReport.write(out, plan, summary, status, words);
    record.finish(failures.isEmpty(), summary, out.relativize(report));
    List<Summary.ClaimAcross> study = summary.claimRows().stream().filter(c -> c.first().isStudy()).toList();
    long all = study.stream().filter(c -> c.held() == c.n()).count();
    LOG.info("sweep: {} points in {} s; {} held in every seed: {} of {} -> {}", plan.points().size(), String.format("%.0f", record.seconds()),
        words.claims(), all, study.size(), report);
    return new Outcome(out, failures, summary, report);
  }

  /**
   * Redraws a finished sweep's reports from its directory, without recomputing: every point's own
   * report, the summary and the sweep's page. The plan is made again from the experiment file and
   * the overrides {@code sweep.json} recorded.
   */
  public static List<String> redraw(Path out, PluginRegistry plugins) throws Exception {
    JsonNode rec = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
    List<String> overrides = new ArrayList<>();
    rec.path("overrides").forEach(o -> overrides.add(o.asText()));
    Plan plan = new ExperimentLoader(plugins).plan(Path.of(rec.path("experiment_file").asText()), overrides);
    List<String> failures = new ArrayList<>();
    Map<String, String> status = new LinkedHashMap<>();
    for (Plan.Point p : plan.points()) {
      status.put(p.id(), rec.path("points").path(p.id()).path("status").asText("missing"));
      Path dir = PointDirs.of(out, plan, p);
      if (!Files.isRegularFile(dir.resolve("provenance.json"))) {
        failures.add("point " + p.id() + ": no run in " + dir);
        continue;
      }
      new Report(plugins.figures()).write(dir).failures().forEach(f -> failures.add(p.id() + ": " + f));
    }
    Summary.Outcome summary = Summary.write(out, plan, plugins.headlines());
    SweepReport.write(out, plan, summary, status, wording(out, plan, plugins));
    return failures;
  }

  /** The words of the points' reports ({@link Report#wording}), from the first point that has a run; plain ones without. */
  static ReportContext.Wording wording(Path out, Plan plan, PluginRegistry plugins) {
    for (Plan.Point p : plan.points()) {
      Path dir = PointDirs.of(out, plan, p);
      if (!Files.isRegularFile(dir.resolve("provenance.json"))) continue;
      try {
        return Report.wording(dir, plugins.figures());
      } catch (IOException e) {
        LOG.debug("sweep: point {}'s provenance cannot be read for the report's words: {}", p.id(), e.getMessage());
      }
    }
    return ReportContext.Wording.PLAIN;
  }
}
