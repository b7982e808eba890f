package org.invariance.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.Plan;
import org.invariance.report.Report;
import org.invariance.run.RunProvenance;
import org.invariance.run.Runner;
import org.slf4j.LoggerFactory;

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
      if (!"finished".equals(p.path("status").asText()) || !p.path("config").equals(JSON.readTree(experiment.resolved().toString()))
          || !Files.isRegularFile(Report.claimsFile(dir))) return false;
      // a finished point's files are kept only while they are the files it wrote
      Optional<String> changed = RunProvenance.changedOutput(dir, p.path("outputs"));
      changed.ifPresent(c -> LoggerFactory.getLogger(PointDirs.class).warn("point {} is run again: {}", dir.getFileName(), c));
      return changed.isEmpty();
    } catch (IOException e) {
      return false; // a provenance cut short by a crash: run the point again
    }
  }

  /** What a point writes before any point of the sweep has finished: about what the default run writes (CSVs, report). */
  static final long POINT_BYTES = 64L << 20;

  /**
   * The room a sweep needs in its directory before it starts: a run's minimum, plus for each
   * unfinished point what its finished points wrote on average (or {@link #POINT_BYTES} before any
   * finished), so a sweep that cannot finish is refused at once, not at its thirtieth point.
   */
  public static void checkRoom(Path out, Plan plan) {
    if (!plan.isSweep()) return;
    Room r = room(out, plan);
    if (r.unfinished() == 0) return;
    Runner.checkSpace(out, r.needed(), "the sweep directory", "its " + r.unfinished() + " unfinished point(s) need ("
        + (r.perPoint() >> 20) + " MB each, " + (r.measured() ? "as its finished points wrote" : "as a default run writes") + ", and a run's minimum)");
  }

  /** The room {@link #checkRoom} asks for, and how it came to that. */
  record Room(int unfinished, long perPoint, boolean measured) {
    long needed() {
      return Runner.MIN_FREE_BYTES + unfinished * perPoint;
    }
  }

  static Room room(Path out, Plan plan) {
    long written = 0;
    int finished = 0;
    int unfinished = 0;
    for (Plan.Point p : plan.points()) {
      Path dir = of(out, plan, p);
      if (!finished(dir, p.experiment())) {
        unfinished++;
        continue;
      }
      finished++;
      try (Stream<Path> files = Files.walk(dir)) {
        written += files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      } catch (IOException | UncheckedIOException e) {
        finished--; // a point whose files cannot be listed tells nothing of its size
      }
    }
    return finished > 0 ? new Room(unfinished, written / finished, true) : new Room(unfinished, POINT_BYTES, false);
  }
}
