package org.invariance.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.invariance.experiment.ConfigBinder;
import org.invariance.experiment.Plan;
import org.invariance.results.Provenance;
import org.invariance.run.RunDirectory;

/**
 * The sweep's own provenance, {@code sweep.json}: the experiment, the sweep section, every point
 * (seed, grid values, directory, status, where it ran) and how the whole went. Each point's numbers
 * carry their own {@code provenance.json}.
 */
public final class SweepRecord {
  private final Provenance prov;
  private final long t0 = System.nanoTime();
  /** SIGTERM or Ctrl-C before the end: sweep.json says "interrupted" rather than "running" forever. */
  private final Thread onInterrupt = new Thread(this::interrupted, "invariance-sweep-interrupted");

  private SweepRecord(Provenance prov) {
    this.prov = prov;
    Runtime.getRuntime().addShutdownHook(onInterrupt);
  }

  private synchronized void interrupted() {
    if (!"running".equals(prov.root().path("status").asText())) return;
    prov.root().put("status", "interrupted");
    prov.root().put("interrupted", Provenance.now());
    try {
      prov.write();
    } catch (IOException e) {
      System.err.println("could not record the interruption in sweep.json: " + e.getMessage());
    }
  }

  public static SweepRecord begin(Path out, Plan plan, String mode) throws IOException {
    Files.createDirectories(out);
    Provenance prov = new Provenance(out.resolve("sweep.json"));
    ObjectNode root = prov.root();
    root.put("experiment", plan.base().name());
    root.put("experiment_file", plan.base().file().toAbsolutePath().toString());
    root.put("run_id", out.toAbsolutePath().normalize().getFileName().toString());
    root.put("config_id", RunDirectory.configId(plan));
    root.put("status", "running");
    root.put("mode", mode);
    root.put("started", Provenance.now());
    root.set("code", Provenance.build());
    root.set("command", ConfigBinder.MAPPER.valueToTree(Provenance.command()));
    root.put("experiment_git_commit", Provenance.gitCommit(plan.base().file().toAbsolutePath().getParent()));
    root.set("versions", Provenance.versions());
    root.set("overrides", ConfigBinder.MAPPER.valueToTree(plan.overrides()));
    root.set("sweep", ConfigBinder.MAPPER.valueToTree(plan.sweep()));
    ObjectNode points = root.putObject("points");
    for (Plan.Point p : plan.points()) {
      ObjectNode n = points.putObject(p.id());
      n.put("seed", p.seed());
      n.set("grid", ConfigBinder.MAPPER.valueToTree(p.grid()));
      n.put("dir", PointDirs.of(out, plan, p).toString());
      n.put("status", "planned");
    }
    prov.write();
    return new SweepRecord(prov);
  }

  /** A point's status ("finished", "reused", "failed"), and where it ran (a cluster worker, or "local"). */
  public synchronized void point(String id, String status, String where) throws IOException {
    ObjectNode n = (ObjectNode) prov.root().path("points").path(id);
    n.put("status", status);
    if (where != null) n.put("ran_on", where);
    prov.write();
  }

  public ObjectNode root() {
    return prov.root();
  }

  public synchronized void finish(boolean ok, Summary.Outcome summary, Path report) throws IOException {
    ObjectNode root = prov.root();
    try {
      Runtime.getRuntime().removeShutdownHook(onInterrupt);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs and finds the sweep ended
    }
    root.put("status", ok ? "finished" : "failed");
    root.put("wall_seconds", (System.nanoTime() - t0) / 1e9);
    root.put("finished", Provenance.now());
    if (summary != null) {
      ObjectNode s = root.putObject("summary");
      summary.probes().forEach((probe, file) -> s.put(probe, file.getFileName().toString()));
      s.put("claims", summary.claims().getFileName().toString());
    }
    if (report != null) root.put("report", report.toString());
    prov.write();
  }

  public double seconds() {
    return (System.nanoTime() - t0) / 1e9;
  }
}
