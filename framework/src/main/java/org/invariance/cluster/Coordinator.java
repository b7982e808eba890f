package org.invariance.cluster;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.invariance.bus.Bus;
import org.invariance.config.ClusterConfig;
import org.invariance.experiment.Plan;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.invariance.run.ModelStore;
import org.invariance.sweep.PointDirs;
import org.invariance.sweep.SweepRecord;
import org.invariance.sweep.SweepRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an experiment or a sweep on the workers of a cluster: plans the units ({@link UnitPlan}),
 * joins the cluster, takes over leases a previous coordinator of the same run handed out, and
 * deploys {@link CoordinatorService}, which hands units out by the {@link Schedule} and takes their
 * files in ({@link UnitFiles}); once every unit is done or failed it writes {@code cluster.json}
 * ({@link ClusterRecord}) and concludes the sweep. Models already in its store and points already
 * finished are reused, so running the same command after a crash redoes only the rest.
 */
public final class Coordinator {
  private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

  /** The run's outcome: failures (empty = every unit done). */
  public record Outcome(Path outDir, List<String> failures) {
    public boolean ok() {
      return failures.isEmpty();
    }
  }

  private final PluginRegistry plugins;
  private final ClusterConfig config;

  public Coordinator(PluginRegistry plugins, ClusterConfig config) {
    this.plugins = plugins;
    this.config = config;
  }

  /** Blocks until the run is over: call it from a thread of its own (the CLI's main thread), never from an event loop. */
  public Outcome run(Plan plan, Path out, Path cache, RunMetrics metrics) throws Exception {
    Files.createDirectories(out);
    PointDirs.checkRoom(out, plan);
    SweepRecord record = plan.isSweep() ? SweepRecord.begin(out, plan, "cluster") : null;
    ModelStore store = new ModelStore(cache.resolve("models"));
    Schedule schedule = new Schedule(config.lease(), System::nanoTime);
    UnitPlan units = UnitPlan.of(plan, out, cache, store, plugins, record, schedule);
    String runKey = ModelStore.key(JsonNodeFactory.instance.textNode(out.toAbsolutePath().normalize() + "|" + plan.base().name()));
    LOG.info("cluster run: {} units ({} already done), {} points; joining the cluster at {}:{} (members {})", schedule.entries().size(),
        schedule.count(Tracked.State.DONE), plan.points().size(), config.host(), config.port(), config.members());

    List<String> failures = new ArrayList<>();
    String fingerprint;
    try (ClusterNode node = ClusterNode.start(config)) {
      Vertx vertx = node.vertx();
      fingerprint = node.key().fingerprint();
      Units shared = Bus.await(Units.open(vertx, runKey));
      adoptLeases(node, shared, schedule);
      Artifacts.serve(vertx, node.nodeId(), cache);
      CoordinatorService service = new CoordinatorService(node, config, schedule, shared, new UnitFiles(vertx, store, out, plan, units.points()),
          terms(plan, out, runKey), metrics, record, units.status(), failures);
      String deployment = Bus.await(vertx.deployVerticle(service));
      metrics.state(RunMetrics.State.TRAINING);
      Bus.await(service.finished()); // this thread waits; the service's event loop never does
      Bus.await(vertx.undeploy(deployment)); // its listener off Hazelcast before the node closes
    }
    failures.addAll(schedule.failures());
    ClusterRecord.write(out, config, fingerprint, schedule);
    metrics.state(RunMetrics.State.REPORTING);
    if (record != null) SweepRunner.conclude(out, plan, plugins, record, units.status(), failures);
    metrics.state(failures.isEmpty() ? RunMetrics.State.FINISHED : RunMetrics.State.FAILED);
    return new Outcome(out, failures);
  }

  /**
   * Publishes every unit's state; a unit a live worker still holds under a previous coordinator of
   * the same run (this command run again after a crash) stays leased to it, so it is not trained twice.
   */
  private static void adoptLeases(ClusterNode node, Units shared, Schedule schedule) {
    Set<String> live = new HashSet<>();
    node.manager().getHazelcastInstance().getCluster().getMembers().forEach(m -> live.add(m.getUuid().toString()));
    for (Tracked t : schedule.entries()) {
      if (t.state() != Tracked.State.DONE) {
        JsonObject before = Bus.await(shared.get(t.unit().id()));
        if (before != null && Tracked.State.LEASED.word().equals(before.getString("state")) && live.contains(before.getString("node"))) {
          schedule.adopt(t.unit().id(), before.getString("node"), before.getString("worker"), before.getLong("beat", 0L), before.getInteger("attempts", 1));
          LOG.info("{}: worker {} still holds it from a previous coordinator; waiting for it", t.unit().id(), before.getString("worker"));
        }
      }
      Bus.await(shared.publish(t));
    }
  }

  /** What every assignment carries: the cluster's settings and the experiment, and what a worker must match. */
  private CoordinatorService.Terms terms(Plan plan, Path out, String runKey) throws Exception {
    JsonObject settings = new JsonObject().put("kernel", Compatibility.kernel()).put("threads", Compatibility.threads());
    JsonObject experiment = new JsonObject().put("file", plan.base().file().toAbsolutePath().toString()).put("text", Files.readString(plan.base().file()))
        .put("overrides", new JsonArray(new ArrayList<>(plan.overrides()))).put("run", out.getFileName().toString())
        .put("experiment_name", plan.base().name()).put("units", runKey);
    return new CoordinatorService.Terms(settings, experiment, Compatibility.needs(plan.base(), plugins), Compatibility.version());
  }
}
