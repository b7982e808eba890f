package org.invariance.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.Plan;

/** Where a sweep's points live, and whether one already finished (so a rerun takes it as it is). */
public final class PointDirs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PointDirs() {}

  /** A point's run directory: the sweep's own for a single run, {@code points/<id>} for a sweep. */
  public static Path of(Path out, Plan plan, Plan.Point point) {
    return plan.isSweep() ? out.resolve("points").resolve(point.id()) : out;
  }

  /**
   * A point's {@code run_id} in its CSVs: the run's for a single run, {@code <run>/<point id>} for
   * a sweep's point, so a cluster worker names its rows as a local run would.
   *
   * @param run the sweep's (or single run's) id: its run directory's name
   */
  public static String runId(String run, Plan plan, Plan.Point point) {
    return plan.isSweep() ? run + "/" + point.id() : run;
  }

  /**
   * Whether the directory holds a finished run of exactly this experiment (same resolved config):
   * a rerun after a crash keeps it and its files as they are.
   */
  public static boolean finished(Path dir, Experiment experiment) {
    Path prov = dir.resolve("provenance.json");
    if (!Files.isRegularFile(prov)) return false;
    try {
      JsonNode p = JSON.readTree(prov.toFile());
      // compared as read back from JSON, so a number parsed as int equals the same number built as a long
      return "finished".equals(p.path("status").asText()) && p.path("config").equals(JSON.readTree(experiment.resolved().toString()))
          && Files.isRegularFile(org.invariance.report.Report.claimsFile(dir));
    } catch (IOException e) {
      return false; // a provenance cut short by a crash: run the point again
    }
  }
}
