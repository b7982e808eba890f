package org.invariance.cluster;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.invariance.bus.Bus;
import org.invariance.config.ClusterConfig;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.Plan;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.invariance.results.Provenance;
import org.invariance.run.ModelIdentity;
import org.invariance.run.ModelStore;
import org.invariance.run.Runner;
import org.invariance.sweep.PointDirs;
import org.invariance.sweep.SweepRecord;
import org.invariance.sweep.SweepRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an experiment or a sweep on the workers of a cluster. It plans the units (one per model to
 * train, named by its store key, and one per point's probes), keeps their state in {@link Units},
 * hands the next ready unit to whichever idle worker asks (a busy worker does not ask: that is the
 * back-pressure), offers a unit again when its worker leaves the cluster or its heartbeat stops, and
 * takes in each finished unit's files by content hash: models into its store, a point's files into
 * the point's directory, exactly where a single-JVM run writes them. Models already in its store
 * and points already finished are reused, so running the same command after a crash redoes only
 * the rest.
 */
public final class Coordinator {
  private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
  /** Attempts per unit before it counts as failed (a unit that fails everywhere is bad input or a bug). */
  static final int ATTEMPTS = 3;

  /** The run's outcome: failures (empty = every unit done) and the sweep's summary, if any. */
  public record Outcome(Path outDir, List<String> failures) {
    public boolean ok() {
      return failures.isEmpty();
    }
  }

  /** A unit's state as the coordinator tracks it (mirrored into the shared map). */
  private static final class Tracked {
    final Unit unit;
    String state = Units.OFFERED;
    String worker;
    String node;
    long beat;
    long beatSeenAt;
    int attempts;
    long leasedAt;
    /** What happened to it, for cluster.json: leases, offers again, who finished it. */
    final List<String> history = new ArrayList<>();
    String origin = "";
    double seconds;
    /** Seconds from lease to done as the coordinator saw them, and of that the fetching of its files. */
    double coordinatorSeconds;
    double fetchSeconds;
    /** Its files are being fetched from one worker: a second report of the same unit is ignored. */
    boolean receiving;
    /** Checkpoints its workers handed over (a training unit), the last one kept in the store. */
    int checkpoints;

    Tracked(Unit unit) {
      this.unit = unit;
    }
  }

  private final PluginRegistry plugins;
  private final ClusterConfig config;
  private final Map<String, Tracked> units = new LinkedHashMap<>();
  /** Per live worker node: the model files its store holds (from its last ask), so a held model goes to its holder. */
  private final Map<String, Set<String>> holders = new HashMap<>();
  private final Map<String, String> pointStatus = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private final Set<String> workers = new HashSet<>();
  /** The cluster key's certificate fingerprint (public), for cluster.json. */
  private String keyFingerprint;

  public Coordinator(PluginRegistry plugins, ClusterConfig config) {
    this.plugins = plugins;
    this.config = config;
  }

  public Outcome run(Plan plan, Path out, Path cache, RunMetrics metrics) throws Exception {
    Files.createDirectories(out);
    PointDirs.checkRoom(out, plan);
    SweepRecord record = plan.isSweep() ? SweepRecord.begin(out, plan, "cluster") : null;
    ModelStore store = new ModelStore(cache.resolve("models"));
    Map<String, Plan.Point> points = new LinkedHashMap<>();
    plan(plan, out, cache, store, record, points);
    String text = Files.readString(plan.base().file());
    String runKey = ModelStore.key(JsonNodeFactory.instance.textNode(out.toAbsolutePath().normalize() + "|" + plan.base().name()));
    long planned = units.size();
    LOG.info("cluster run: {} units ({} already done), {} points; joining the cluster at {}:{} (members {})", planned,
        units.values().stream().filter(t -> t.state.equals(Units.DONE)).count(), plan.points().size(), config.host(), config.port(), config.members());

    try (ClusterNode node = ClusterNode.start(config)) {
      Vertx vertx = node.vertx();
      keyFingerprint = node.key().fingerprint();
      Units shared = Bus.await(Units.open(vertx, runKey));
      adoptLeases(node, shared);
      String me = node.nodeId();
      Artifacts.serve(vertx, me, cache);
      JsonObject settings = new JsonObject().put("kernel", Compatibility.kernel()).put("threads", threads());
      Map<String, java.util.Set<String>> needs = Compatibility.needs(plan.base(), plugins);
      String version = Compatibility.version();
      JsonObject experiment = new JsonObject().put("file", plan.base().file().toAbsolutePath().toString()).put("text", text)
          .put("overrides", new JsonArray(new ArrayList<>(plan.overrides()))).put("run", out.getFileName().toString()).put("experiment_name", plan.base().name());

      experiment.put("units", runKey);
      vertx.eventBus().<JsonObject>consumer(Protocol.WORK, m -> ask(m, me, shared, settings, needs, version, experiment, store));
      vertx.eventBus().<JsonObject>consumer(Protocol.checkpoint(me), m -> vertx.executeBlocking(() -> {
        takeCheckpoint(m.body(), vertx, store, metrics);
        return new JsonObject().put("ok", true);
      }, false).onComplete(r -> {
        if (r.succeeded()) m.reply(r.result());
        else m.fail(500, String.valueOf(r.cause().getMessage()));
      }));
      vertx.eventBus().<JsonObject>consumer(Protocol.done(me), m -> vertx.executeBlocking(() -> {
        done(m.body(), vertx, shared, store, out, plan, points, record, metrics);
        return new JsonObject().put("ok", true);
      }, false).onComplete(r -> {
        if (r.succeeded()) m.reply(r.result());
        else m.fail(500, String.valueOf(r.cause().getMessage()));
      }));
      node.manager().getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
        @Override public void memberAdded(MembershipEvent e) {
          LOG.info("cluster member {} joined", e.getMember().getAddress());
        }

        @Override public void memberRemoved(MembershipEvent e) {
          String gone = e.getMember().getUuid().toString();
          synchronized (Coordinator.this) {
            holders.remove(gone);
            workers.remove(gone);
            for (Tracked t : units.values()) {
              if (t.state.equals(Units.LEASED) && gone.equals(t.node)) reoffer(t, shared, metrics, "its worker " + t.worker + " left the cluster");
            }
          }
        }
      });

      metrics.state(RunMetrics.State.TRAINING);
      long lastLog = 0;
      while (true) {
        long open;
        synchronized (this) {
          watchLeases(shared, metrics);
          open = units.values().stream().filter(t -> !t.state.equals(Units.DONE) && !t.state.equals(Units.FAILED)).count();
          metrics.clusterState(planned, open, workers.size());
          if (open == 0) break;
          if (System.nanoTime() - lastLog > 10e9) {
            lastLog = System.nanoTime();
            long leased = units.values().stream().filter(t -> t.state.equals(Units.LEASED)).count();
            LOG.info("cluster: {} of {} units done, {} running, {} worker(s){}", planned - open, planned, leased, workers.size(),
                workers.isEmpty() ? " (start workers with ./invariance worker --members " + config.host() + ":" + config.port() + " --cluster-key " + node.key().file()
                    + ", the same key file and " + ClusterKey.PASSWORD_ENV + ")" : "");
          }
        }
        Thread.sleep(200);
      }
    }
    for (Tracked t : units.values()) if (t.state.equals(Units.FAILED)) failures.add(t.unit.id() + " failed " + t.attempts + " times");
    writeRecord(out);
    metrics.state(RunMetrics.State.REPORTING);
    if (record != null) SweepRunner.conclude(out, plan, plugins, record, pointStatus, failures);
    metrics.state(failures.isEmpty() ? RunMetrics.State.FINISHED : RunMetrics.State.FAILED);
    return new Outcome(out, failures);
  }

  /**
   * Publishes every unit's state; a unit a live worker still holds under a previous coordinator of
   * the same run (this command run again after a crash) stays leased to it, so it is not trained twice.
   */
  private void adoptLeases(ClusterNode node, Units shared) {
    Set<String> live = new HashSet<>();
    node.manager().getHazelcastInstance().getCluster().getMembers().forEach(m -> live.add(m.getUuid().toString()));
    for (Tracked t : units.values()) {
      if (!t.state.equals(Units.DONE)) {
        JsonObject before = Bus.await(shared.get(t.unit.id()));
        if (before != null && Units.LEASED.equals(before.getString("state")) && live.contains(before.getString("node"))) {
          t.state = Units.LEASED;
          t.node = before.getString("node");
          t.worker = before.getString("worker");
          t.beat = before.getLong("beat", 0L);
          t.beatSeenAt = System.nanoTime();
          t.attempts = before.getInteger("attempts", 1);
          t.history.add(Provenance.now() + " still leased to " + t.worker + " from a previous coordinator of this run");
          LOG.info("{}: worker {} still holds it from a previous coordinator; waiting for it", t.unit.id(), t.worker);
        }
      }
      Bus.await(shared.put(t.unit.id(), state(t)));
    }
  }

  /** Units for every point not yet finished: its models (those not in the store yet) and its probes. */
  private void plan(Plan plan, Path out, Path cache, ModelStore store, SweepRecord record, Map<String, Plan.Point> points) throws IOException {
    Map<String, String> checksums = new HashMap<>();
    for (Plan.Point p : plan.points()) {
      points.put(p.id(), p);
      Experiment e = p.experiment();
      if (PointDirs.finished(PointDirs.of(out, plan, p), e)) {
        pointStatus.put(p.id(), "reused");
        if (record != null) record.point(p.id(), "reused", null);
        LOG.info("point {} finished earlier: kept as it is", p.id());
        continue;
      }
      String dataKey = e.data().plugin() + e.data().configTree() + e.limits() + e.file();
      String checksum = checksums.get(dataKey);
      if (checksum == null) {
        checksum = Runner.loadSplit(plugins, e, cache, JsonNodeFactory.instance.objectNode(), null).checksum();
        checksums.put(dataKey, checksum);
      }
      ModelIdentity ids = new ModelIdentity(e, checksum, plugins);
      Map<String, String> unitOf = new HashMap<>();
      List<String> deps = new ArrayList<>();
      for (Map.Entry<String, Experiment.ModelUse> m : e.models().entrySet()) {
        String file = store.modelFile(m.getKey(), ids.key(m.getKey())).getFileName().toString();
        List<String> up = m.getValue().on() == null ? List.of() : List.of(unitOf.get(m.getValue().on()));
        Unit u = Unit.train(p.id(), m.getKey(), file, up);
        unitOf.put(m.getKey(), u.id());
        deps.add(u.id());
        units.computeIfAbsent(u.id(), id -> {
          Tracked t = new Tracked(u);
          if (Files.isRegularFile(store.dir().resolve(file)) && Files.isRegularFile(store.dir().resolve(file + ".json"))) t.state = Units.DONE;
          return t;
        });
      }
      Unit probes = Unit.probes(p.id(), deps);
      units.put(probes.id(), new Tracked(probes));
    }
  }

  /** An idle worker asks for work: refused, told to wait, or given the first ready unit (its own models first). */
  private synchronized void ask(Message<JsonObject> m, String me, Units shared, JsonObject settings, Map<String, Set<String>> needs, String version,
      JsonObject experiment, ModelStore store) {
    JsonObject hello = m.body();
    String refusal = Compatibility.refusal(hello, version, settings.getString("kernel"), needs);
    if (refusal != null) {
      LOG.error("refused: {}", refusal);
      m.reply(new JsonObject().put("refuse", refusal));
      return;
    }
    String node = hello.getString("node");
    String worker = hello.getString("worker");
    if (workers.add(node)) LOG.info("worker {} joined the run", worker);
    Set<String> has = new HashSet<>();
    hello.getJsonArray("has", new JsonArray()).forEach(f -> has.add((String) f));
    holders.put(node, has);
    for (Tracked t : units.values()) {
      // a worker asking while it holds a lease lost that unit (it restarted): offer it again
      if (t.state.equals(Units.LEASED) && node.equals(t.node)) reoffer(t, shared, null, "its worker " + worker + " asked for new work");
    }
    Tracked pick = null;
    for (Tracked t : units.values()) {
      if (!t.state.equals(Units.OFFERED) || !ready(t)) continue;
      boolean heldHere = t.unit.file() != null && has.contains(t.unit.file());
      boolean heldElsewhere = t.unit.file() != null && holders.entrySet().stream()
          .anyMatch(e -> !e.getKey().equals(node) && e.getValue().contains(t.unit.file()));
      if (heldHere) {
        pick = t;
        break;
      }
      if (heldElsewhere) continue; // its holder will take it (instantly) when it next asks
      if (pick == null) pick = t;
    }
    if (pick == null) {
      m.reply(new JsonObject().put("wait", 500));
      return;
    }
    pick.state = Units.LEASED;
    pick.worker = worker;
    pick.node = node;
    pick.beat = 0;
    pick.beatSeenAt = System.nanoTime();
    pick.leasedAt = System.nanoTime();
    pick.attempts++;
    pick.history.add(Provenance.now() + " leased to " + worker);
    io.vertx.core.Future<Void> published = shared.put(pick.unit.id(), state(pick));
    JsonArray models = new JsonArray();
    for (String dep : closure(pick)) {
      Tracked d = units.get(dep);
      if (d == null || d.unit.file() == null) continue;
      for (String f : List.of(d.unit.file(), d.unit.file() + ".json")) {
        try {
          models.add(Artifacts.describe(store.dir().getParent(), store.dir().resolve(f)));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
    JsonObject assignment = new JsonObject().put("unit", pick.unit.json()).put("coordinator", me).put("units", experiment.getString("units"))
        .put("settings", settings).put("experiment", experiment).put("models", models).put("lease", config.lease());
    Path checkpoint = pick.unit.file() == null ? null : ModelStore.checkpointOf(store.dir().resolve(pick.unit.file()));
    if (checkpoint != null && Files.isRegularFile(checkpoint)) {
      try {
        assignment.put("checkpoint", Artifacts.describe(store.dir().getParent(), checkpoint)); // its training goes on from there
      } catch (IOException e) {
        LOG.warn("{}: its checkpoint cannot be read ({}); it trains from the start", pick.unit.id(), e.getMessage());
      }
    }
    LOG.info("{} -> worker {} (attempt {}{})", pick.unit.id(), worker, pick.attempts, assignment.containsKey("checkpoint") ? ", with the checkpoint of an earlier attempt" : "");
    // the worker hears of its unit only once the lease is in the shared map: a coordinator started
    // again after this one dies then finds the lease and waits for it, never offering the unit twice
    Tracked leased = pick;
    published.onComplete(r -> {
      if (r.succeeded()) {
        m.reply(assignment);
        return;
      }
      synchronized (this) {
        if (leased.state.equals(Units.LEASED) && node.equals(leased.node)) reoffer(leased, shared, null, "its lease could not be published: " + r.cause().getMessage());
      }
      m.reply(new JsonObject().put("wait", 500));
    });
  }

  /** Every unit a unit depends on, directly or not. */
  private List<String> closure(Tracked t) {
    List<String> out = new ArrayList<>();
    List<String> todo = new ArrayList<>(t.unit.deps());
    while (!todo.isEmpty()) {
      String d = todo.remove(todo.size() - 1);
      if (out.contains(d)) continue;
      out.add(d);
      Tracked dt = units.get(d);
      if (dt != null) todo.addAll(dt.unit.deps());
    }
    return out;
  }

  private boolean ready(Tracked t) {
    for (String d : t.unit.deps()) {
      Tracked dt = units.get(d);
      if (dt == null || !dt.state.equals(Units.DONE)) return false;
    }
    return true;
  }

  /** A lease whose heartbeat has not moved for the lease time goes back on offer. */
  private void watchLeases(Units shared, RunMetrics metrics) {
    long now = System.nanoTime();
    for (Tracked t : units.values()) {
      if (!t.state.equals(Units.LEASED)) continue;
      JsonObject s;
      try {
        s = shared.get(t.unit.id()).toCompletionStage().toCompletableFuture().get(2, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        continue; // the map is busy (a member leaving): look again next time
      }
      long beat = s == null ? t.beat : s.getLong("beat", 0L);
      if (beat != t.beat) {
        t.beat = beat;
        t.beatSeenAt = now;
      } else if (now - t.beatSeenAt > config.lease() * 1_000_000_000L) {
        reoffer(t, shared, metrics, "no heartbeat from worker " + t.worker + " for " + config.lease() + " s");
      }
    }
  }

  private void reoffer(Tracked t, Units shared, RunMetrics metrics, String why) {
    LOG.warn("{} offered again: {}", t.unit.id(), why);
    t.history.add(Provenance.now() + " offered again: " + why);
    if (metrics != null) metrics.unit(t.unit.kind(), t.worker == null ? "?" : t.worker, "reoffered", 0);
    t.state = t.attempts >= ATTEMPTS ? Units.FAILED : Units.OFFERED;
    t.worker = null;
    t.node = null;
    shared.put(t.unit.id(), state(t));
  }

  /**
   * A worker saved a checkpoint of the model it trains: keep a copy in the store (replacing the last),
   * so the unit offered again resumes on another worker. From a worker that no longer holds the
   * unit, it is refused: that training was given up.
   */
  private void takeCheckpoint(JsonObject c, Vertx vertx, ModelStore store, RunMetrics metrics) throws IOException {
    String id = c.getString("unit");
    Tracked t;
    synchronized (this) {
      t = units.get(id);
      if (t == null || t.unit.file() == null || !t.state.equals(Units.LEASED) || !c.getString("node").equals(t.node)) {
        throw new IllegalStateException(id + " is not leased to " + c.getString("worker"));
      }
    }
    JsonObject f = c.getJsonObject("checkpoint");
    long bytes = Artifacts.fetch(vertx, c.getString("node"), f.getString("path"), f.getLong("size"), f.getString("sha256"),
        ModelStore.checkpointOf(store.dir().resolve(t.unit.file())));
    metrics.artifactBytes("received", bytes);
    synchronized (this) {
      t.checkpoints++;
    }
    LOG.info("{}: took the checkpoint worker {} saved ({} bytes)", id, c.getString("worker"), bytes);
  }

  /** A worker finished a unit: take in its files (verified by hash) and mark it done; a duplicate is ignored. */
  private void done(JsonObject d, Vertx vertx, Units shared, ModelStore store, Path out, Plan plan, Map<String, Plan.Point> points, SweepRecord record,
      RunMetrics metrics) throws IOException {
    String id = d.getString("unit");
    String worker = d.getString("worker");
    String node = d.getString("node");
    Tracked t;
    synchronized (this) {
      t = units.get(id);
      String refusal = notItsLessee(id, t == null ? null : t.state, t == null ? null : t.node, t == null ? null : t.worker, node, worker);
      if (refusal != null) {
        LOG.warn("refused a report: {}", refusal);
        throw new IllegalStateException(refusal);
      }
      if (t.state.equals(Units.DONE) || t.receiving) {
        LOG.info("{} from worker {}: reported again, ignored (nothing is written twice)", id, worker);
        return;
      }
      if (d.getBoolean("ok", false)) t.receiving = true;
    }
    if (!d.getBoolean("ok", false)) {
      LOG.error("{} failed on worker {}: {}", id, worker, d.getString("error"));
      synchronized (this) {
        metrics.unit(t.unit.kind(), worker, "failed", d.getDouble("seconds", 0.0));
        reoffer(t, shared, null, "it failed on " + worker);
        if (t.state.equals(Units.FAILED)) {
          failures.add(id + ": " + d.getString("error"));
          pointStatus.put(t.unit.point(), "failed");
          if (record != null) record.point(t.unit.point(), "failed", worker);
        }
      }
      return;
    }
    try {
      receive(d, t, vertx, shared, store, out, plan, points, record, metrics);
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        t.receiving = false;
        if (!t.state.equals(Units.DONE)) reoffer(t, shared, metrics, "its files could not be fetched from " + worker + ": " + e.getMessage());
      }
    }
  }

  /**
   * Why a report of unit {@code id} from member {@code node} is not taken, or null: a unit's files
   * (or its failure) are taken only from the member it is leased to, never from one that was not
   * handed the unit or whose lease went elsewhere.
   */
  static String notItsLessee(String id, String state, String leasedNode, String leasedWorker, String node, String worker) {
    String who = "worker " + worker + " (member " + node + ") reported " + id;
    if (state == null) return who + ", a unit this run does not have: nothing is taken";
    boolean held = Units.LEASED.equals(state) || Units.DONE.equals(state) && leasedNode != null;
    if (held && node != null && node.equals(leasedNode)) return null; // its lessee (again, for a unit done: ignored)
    if (held) return who + ", which is " + (Units.DONE.equals(state) ? "done by" : "leased to") + " worker " + leasedWorker + " (member " + leasedNode + "): its files are not taken";
    return who + ", which is not leased to it (" + state + "): its files are not taken";
  }

  private void receive(JsonObject d, Tracked t, Vertx vertx, Units shared, ModelStore store, Path out, Plan plan, Map<String, Plan.Point> points,
      SweepRecord record, RunMetrics metrics) throws IOException {
    String id = t.unit.id();
    String worker = d.getString("worker");
    String node = d.getString("node");
    long t0 = System.nanoTime();
    long bytes = 0;
    JsonArray files = d.getJsonArray("artifacts", new JsonArray());
    if (t.unit.kind().equals(Unit.TRAIN)) {
      for (Object o : files) {
        JsonObject f = (JsonObject) o;
        Path target = store.dir().resolve(Path.of(f.getString("path")).getFileName().toString());
        bytes += Artifacts.fetch(vertx, node, f.getString("path"), f.getLong("size"), f.getString("sha256"), target);
      }
      Files.deleteIfExists(ModelStore.checkpointOf(store.dir().resolve(t.unit.file()))); // the model is in: its checkpoint is no longer needed
    } else {
      Path dir = PointDirs.of(out, plan, points.get(t.unit.point()));
      JsonObject provenance = null;
      for (Object o : files) {
        JsonObject f = (JsonObject) o;
        if (f.getString("rel").equals("provenance.json")) {
          provenance = f;
          continue;
        }
        bytes += Artifacts.fetch(vertx, node, f.getString("path"), f.getLong("size"), f.getString("sha256"), dir.resolve(f.getString("rel")));
      }
      // provenance.json last: only now does the point count as finished
      if (provenance != null) bytes += Artifacts.fetch(vertx, node, provenance.getString("path"), provenance.getLong("size"), provenance.getString("sha256"), dir.resolve("provenance.json"));
    }
    double fetchSeconds = (System.nanoTime() - t0) / 1e9;
    metrics.artifactBytes("received", bytes);
    synchronized (this) {
      t.state = Units.DONE;
      t.receiving = false;
      t.worker = worker;
      t.origin = d.getString("origin", "");
      t.seconds = d.getDouble("seconds", 0.0);
      t.coordinatorSeconds = (System.nanoTime() - t.leasedAt) / 1e9;
      t.fetchSeconds = fetchSeconds;
      t.history.add(Provenance.now() + " done on " + worker + " (" + t.origin + ")");
      shared.put(id, state(t).put("origin", d.getString("origin", "")));
      metrics.unit(t.unit.kind(), worker, "finished", d.getDouble("seconds", 0.0));
      LOG.info("{} done on worker {} ({}, {} s there; {} bytes in {} s)", id, worker, d.getString("origin", "ran"),
          String.format("%.1f", d.getDouble("seconds", 0.0)), bytes, String.format("%.2f", fetchSeconds));
      if (t.unit.kind().equals(Unit.PROBES)) {
        JsonArray f = d.getJsonArray("failures", new JsonArray());
        String status = f.isEmpty() ? "finished" : "failed";
        f.forEach(x -> failures.add(t.unit.point() + ": " + x));
        pointStatus.put(t.unit.point(), status);
        if (record != null) record.point(t.unit.point(), status, worker);
      }
    }
  }

  /**
   * {@code cluster.json}: every unit of this run, where it ran and what happened to it (leases,
   * offers again and why, done elsewhere earlier = "stored"), beside the points' own provenance.
   */
  private synchronized void writeRecord(Path out) throws IOException {
    Provenance p = new Provenance(out.resolve("cluster.json"));
    p.root().put("coordinator_version", Compatibility.version());
    p.root().put("kernel", Compatibility.kernel());
    p.root().put("threads", threads());
    p.root().put("lease_seconds", config.lease());
    if (keyFingerprint != null) p.root().put("cluster_key_certificate_sha256", keyFingerprint);
    var members = p.root().putArray("members");
    config.members().forEach(members::add);
    var all = p.root().putObject("units");
    for (Tracked t : units.values()) {
      var n = all.putObject(t.unit.id());
      n.put("kind", t.unit.kind());
      n.put("point", t.unit.point());
      if (t.unit.model() != null) n.put("model", t.unit.model());
      n.put("state", t.state);
      n.put("attempts", t.attempts);
      n.put("worker", t.worker == null ? "" : t.worker);
      n.put("origin", t.attempts == 0 && t.state.equals(Units.DONE) ? "stored" : t.origin);
      n.put("seconds", t.seconds);
      if (t.checkpoints > 0) n.put("checkpoints_received", t.checkpoints);
      if (t.coordinatorSeconds > 0) {
        // what coordination cost this unit: asking, leasing, fetching models, reporting, taking in its files
        n.put("coordinator_seconds", t.coordinatorSeconds);
        n.put("fetch_seconds", t.fetchSeconds);
      }
      var h = n.putArray("history");
      t.history.forEach(h::add);
    }
    p.write();
  }

  private static JsonObject state(Tracked t) {
    JsonObject j = new JsonObject().put("state", t.state).put("kind", t.unit.kind()).put("point", t.unit.point()).put("attempts", t.attempts)
        .put("beat", t.beat);
    if (t.worker != null) j.put("worker", t.worker);
    if (t.node != null) j.put("node", t.node);
    return j;
  }

  /** The thread setting every worker adopts (the launcher's OMP_NUM_THREADS here). */
  static int threads() {
    String s = System.getenv("OMP_NUM_THREADS");
    try {
      return s == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return Runtime.getRuntime().availableProcessors();
    }
  }
}
