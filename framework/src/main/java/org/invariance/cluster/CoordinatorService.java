package org.invariance.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.invariance.config.ClusterConfig;
import org.invariance.metrics.RunMetrics;
import org.invariance.sweep.SweepRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator on the bus: answers idle workers with the next unit, takes in checkpoints and
 * finished units from their lessees, offers units again when a worker leaves or its lease lapses,
 * and mirrors every change of the {@link Schedule} into the shared map. One verticle, so every
 * handler, timer and completion runs on its one event-loop context and the schedule needs no lock;
 * files and sweep.json are written in executeBlocking, never on that loop.
 */
final class CoordinatorService extends VerticleBase {
  // logs as the coordinator: this is its part on the bus (a test watches for its lines)
  private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
  /** How often the progress is logged. */
  static final long PROGRESS_MS = 10_000;

  /** What every assignment carries, and what a worker must match. */
  record Terms(JsonObject settings, JsonObject experiment, Map<String, Set<String>> needs, String version) {}

  private final ClusterNode node;
  private final Schedule schedule;
  private final Units shared;
  private final UnitFiles files;
  private final Terms terms;
  private final ClusterConfig config;
  private final RunMetrics metrics;
  private final SweepRecord record;
  private final Map<String, String> pointStatus;
  private final List<String> failures;
  private final long planned;
  private final Promise<Void> finished = Promise.promise();
  /** The last write of each unit's state to the shared map: a lease is told to its worker only once it is there. */
  private final Map<String, Future<Void>> published = new HashMap<>();
  private LeaseWatch watch;

  CoordinatorService(ClusterNode node, ClusterConfig config, Schedule schedule, Units shared, UnitFiles files, Terms terms, RunMetrics metrics,
      SweepRecord record, Map<String, String> pointStatus, List<String> failures) {
    this.node = node;
    this.schedule = schedule;
    this.shared = shared;
    this.files = files;
    this.terms = terms;
    this.config = config;
    this.metrics = metrics;
    this.record = record;
    this.pointStatus = pointStatus;
    this.failures = failures;
    this.planned = schedule.entries().size();
  }

  /** Completes once every unit is done or failed (and sweep.json says so). */
  Future<Void> finished() {
    return finished.future();
  }

  @Override
  public Future<?> start() {
    schedule.onChange(this::changed);
    String me = node.nodeId();
    var bus = vertx.eventBus();
    List<Future<Void>> consumers = List.of(bus.<JsonObject>consumer(Protocol.WORK, this::ask).completion(),
        bus.<JsonObject>consumer(Protocol.checkpoint(me), this::checkpoint).completion(),
        bus.<JsonObject>consumer(Protocol.done(me), this::done).completion());
    watch = new LeaseWatch(context, node.manager().getHazelcastInstance().getCluster(), schedule, shared, this::reoffered);
    watch.start();
    progress();
    vertx.setPeriodic(PROGRESS_MS, id -> progress());
    closeIfDone();
    return Future.all(consumers);
  }

  @Override
  public Future<?> stop() {
    if (watch != null) watch.stop();
    return Future.succeededFuture();
  }

  /** An idle worker asks for work: refused, told to wait, or given the first ready unit. */
  private void ask(Message<JsonObject> m) {
    JsonObject hello = m.body();
    String refusal = Compatibility.refusal(hello, terms.version(), terms.settings().getString("kernel"), terms.needs());
    if (refusal != null) {
      LOG.error("refused: {}", refusal);
      m.reply(new JsonObject().put("refuse", refusal));
      return;
    }
    String worker = hello.getString("worker");
    String from = hello.getString("node");
    Set<String> has = new HashSet<>();
    hello.getJsonArray("has", new JsonArray()).forEach(f -> has.add((String) f));
    Tracked pick = schedule.offer(from, worker, has);
    if (pick == null) {
      m.reply(new JsonObject().put("wait", 500));
      return;
    }
    Unit unit = pick.unit();
    List<String> models = schedule.closure(pick).stream().map(d -> d.unit().file()).filter(f -> f != null).toList();
    Future<JsonObject> assignment = blocking(() -> {
      JsonObject a = new JsonObject().put("unit", unit.json()).put("coordinator", node.nodeId()).put("units", terms.experiment().getString("units"))
          .put("settings", terms.settings()).put("experiment", terms.experiment()).put("models", files.models(models)).put("lease", config.lease());
      JsonObject checkpoint = files.checkpoint(unit);
      if (checkpoint != null) a.put("checkpoint", checkpoint); // its training goes on from there
      return a;
    });
    // the worker hears of its unit only once the lease is in the shared map: a coordinator started
    // again after this one dies then finds the lease and waits for it, never offering the unit twice
    Future.all(published.get(unit.id()), assignment).onComplete(r -> {
      if (r.failed()) {
        Tracked back = schedule.release(unit.id(), from, "its lease could not be handed out: " + r.cause().getMessage());
        if (back != null) reoffered(back);
        m.reply(new JsonObject().put("wait", 500));
        return;
      }
      metrics.unitLeased(unit.kind(), worker);
      LOG.info("{} -> worker {} (attempt {}{})", unit.id(), worker, pick.attempts,
          assignment.result().containsKey("checkpoint") ? ", with the checkpoint of an earlier attempt" : "");
      m.reply(assignment.result());
    });
  }

  /**
   * A worker saved a checkpoint of the model it trains: keep a copy in the store (replacing the
   * last), so the unit offered again resumes on another worker. From a worker that does not hold
   * the unit, it is refused: that training was given up.
   */
  private void checkpoint(Message<JsonObject> m) {
    JsonObject c = m.body();
    String id = c.getString("unit");
    String worker = c.getString("worker");
    if (!schedule.holds(id, c.getString("node"))) {
      m.fail(500, id + " is not leased to " + worker);
      return;
    }
    Unit unit = schedule.get(id).unit();
    blocking(() -> {
      long bytes = files.takeCheckpoint(unit, c.getString("node"), c.getJsonObject("checkpoint"));
      metrics.artifactBytes("received", bytes);
      LOG.info("{}: took the checkpoint worker {} saved ({} bytes)", id, worker, bytes);
      return bytes;
    }).onComplete(r -> {
      if (r.failed()) {
        m.fail(500, String.valueOf(r.cause().getMessage()));
        return;
      }
      schedule.checkpointTaken(id);
      m.reply(new JsonObject().put("ok", true));
    });
  }

  /** A worker finished a unit: its failure counted, or its files taken in (verified by hash); a report sent again is ignored. */
  private void done(Message<JsonObject> m) {
    JsonObject d = m.body();
    String id = d.getString("unit");
    String worker = d.getString("worker");
    String from = d.getString("node");
    String refusal = schedule.refusal(id, from, worker);
    if (refusal != null) {
      LOG.warn("refused a report: {}", refusal);
      m.fail(500, refusal);
      return;
    }
    JsonObject ok = new JsonObject().put("ok", true);
    if (!schedule.awaited(id)) {
      LOG.info("{} from worker {}: reported again, ignored (nothing is written twice)", id, worker);
      m.reply(ok);
      return;
    }
    Unit unit = schedule.get(id).unit();
    double seconds = d.getDouble("seconds", 0.0);
    if (!d.getBoolean("ok", false)) {
      LOG.error("{} failed on worker {}: {}", id, worker, d.getString("error"));
      metrics.unit(unit.kind(), worker, "failed", seconds);
      schedule.failed(id, worker, d.getString("error"));
      m.reply(ok);
      return;
    }
    schedule.receiving(id, from);
    blocking(() -> files.receive(unit, from, d.getJsonArray("artifacts", new JsonArray()))).onComplete(r -> {
      if (r.failed()) {
        Tracked back = schedule.release(id, from, "its files could not be fetched from " + worker + ": " + r.cause().getMessage());
        if (back != null) reoffered(back);
        m.reply(ok);
        return;
      }
      String origin = d.getString("origin", "");
      metrics.artifactBytes("received", r.result().bytes());
      metrics.unit(unit.kind(), worker, "finished", seconds);
      LOG.info("{} done on worker {} ({}, {} s there; {} bytes in {} s)", id, worker, d.getString("origin", "ran"), String.format("%.1f", seconds),
          r.result().bytes(), String.format("%.2f", r.result().seconds()));
      // the point's status before the unit's: its sweep.json write is queued before the run can end
      if (unit.kind().equals(Unit.PROBES)) {
        JsonArray f = d.getJsonArray("failures", new JsonArray());
        f.forEach(x -> failures.add(unit.point() + ": " + x));
        point(unit.point(), f.isEmpty() ? "finished" : "failed", worker);
      }
      schedule.done(id, from, worker, origin, seconds, r.result().seconds());
      m.reply(ok);
    });
  }

  /** Every change goes to the shared map; a unit that gave up fails its point; the last one closes the run. */
  private void changed(Tracked e) {
    published.put(e.unit().id(), shared.publish(e));
    if (e.state() == Tracked.State.FAILED) point(e.unit().point(), "failed", e.lastWorker);
    closeIfDone();
  }

  private void closeIfDone() {
    metrics.clusterState(planned, schedule.open(), schedule.workers());
    // sweep.json is written in order off the loop: the run ends after the last of those writes
    if (schedule.open() == 0) inOrder(() -> null).onComplete(r -> finished.tryComplete());
  }

  private void point(String point, String status, String worker) {
    pointStatus.put(point, status);
    if (record != null) inOrder(() -> {
      record.point(point, status, worker);
      return null;
    }).onFailure(e -> LOG.warn("sweep.json: {}", e.getMessage()));
  }

  private void reoffered(Tracked e) {
    metrics.unit(e.unit().kind(), e.lastWorker == null ? "?" : e.lastWorker, "reoffered", 0);
    metrics.clusterState(planned, schedule.open(), schedule.workers());
  }

  private void progress() {
    metrics.clusterState(planned, schedule.open(), schedule.workers());
    long open = schedule.open();
    if (open == 0) return;
    int workers = schedule.workers();
    ClusterKey key = node.key();
    LOG.info("cluster: {} of {} units done, {} running, {} worker(s){}", planned - open, planned, schedule.count(Tracked.State.LEASED), workers,
        workers == 0 ? " (start workers with ./invariance worker --members " + config.host() + ":" + config.port() + " --cluster-key "
            + key.file() + ", the same key file and " + ClusterKey.PASSWORD_ENV + ")" : "");
  }

  /** Files, hashes and transfers: on a worker thread (several at once), the result back on this context. */
  private <T> Future<T> blocking(Callable<T> task) {
    return vertx.executeBlocking(task, false);
  }

  /** Writes to sweep.json: on a worker thread, one after another in the order asked. */
  private <T> Future<T> inOrder(Callable<T> task) {
    return vertx.executeBlocking(task, true);
  }
}
