package org.invariance.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.invariance.bus.Bus;
import org.invariance.config.ClusterConfig;
import org.invariance.data.NpmPackage;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.experiment.Plan;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.invariance.run.ModelStore;
import org.invariance.run.Runner;
import org.invariance.sweep.PointDirs;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member that runs units for whichever coordinator has work: it asks when idle (one unit at a
 * time, so a busy worker is never sent more), fetches the models the unit needs from the
 * coordinator by content hash, runs the unit in this JVM with the cluster's settings (training one
 * model, or the probes and report of one point, exactly as a single-JVM run would), beats its lease
 * while it works and reports the files it wrote. Data sets come from each worker's own cache,
 * fetched and verified from the same pinned source.
 */
public final class Worker {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
  /** How long a coordinator may take to fetch a unit's files before the worker gives up on it. */
  static final long DONE_TIMEOUT_MS = 600_000;

  private final PluginRegistry plugins;
  private final ClusterConfig config;
  private final Path cache;
  private final String name;
  private final RunMetrics metrics;
  private volatile boolean stopping;

  public Worker(PluginRegistry plugins, ClusterConfig config, Path cache, String name, RunMetrics metrics) {
    this.plugins = plugins;
    this.config = config;
    this.cache = cache;
    this.name = name;
    this.metrics = metrics;
  }

  public void stop() {
    stopping = true;
  }

  /** Serves until stopped; returns 2 when a coordinator refused this worker, or a listed member refused it for holding another cluster key (the reason is logged). */
  public int run() throws Exception {
    System.setProperty("invariance.worker", name);
    Files.createDirectories(cache.resolve("models"));
    try (ClusterNode node = ClusterNode.start(config)) {
      Vertx vertx = node.vertx();
      String me = node.nodeId();
      if (refused(node)) return 2;
      Artifacts.serve(vertx, me, cache);
      LOG.info("worker {} joined the cluster at {}:{} (members {}); kernel {}, version {}; waiting for work", name, config.host(), config.port(),
          config.members(), Compatibility.kernel(), Compatibility.version());
      boolean saidWaiting = false;
      while (!stopping) {
        if (refused(node)) return 2;
        JsonObject hello = new JsonObject().put("worker", name).put("node", me).put("version", Compatibility.version())
            .put("kernel", Compatibility.kernel()).put("plugins", Compatibility.plugins(plugins)).put("has", storedModels());
        JsonObject reply;
        try {
          reply = Bus.await(vertx.eventBus().<JsonObject>request(Protocol.WORK, hello, new DeliveryOptions().setSendTimeout(10_000)).map(m -> m.body()));
        } catch (RuntimeException e) {
          if (!saidWaiting) LOG.info("no coordinator yet ({}); asking again every second", shortly(e));
          saidWaiting = true;
          Thread.sleep(1000);
          continue;
        }
        saidWaiting = false;
        if (reply.containsKey("refuse")) {
          LOG.error("refused by the coordinator: {}", reply.getString("refuse"));
          System.err.println("invariance worker: refused: " + reply.getString("refuse"));
          return 2;
        }
        if (reply.containsKey("wait")) {
          Thread.sleep(reply.getLong("wait"));
          continue;
        }
        // the lease is beaten until the coordinator has taken the unit's files, so a coordinator started
        // again after a crash sees a live lease (and waits for it) rather than offering the unit elsewhere
        long beat = beatLease(vertx, me, reply);
        try {
          report(node, execute(vertx, me, reply), reply.getString("coordinator"));
        } finally {
          if (beat >= 0) vertx.cancelTimer(beat);
        }
      }
    }
    return 0;
  }

  /** Alone, and a listed member said this worker's key differs: no work will ever come. Says so in one line. */
  private static boolean refused(ClusterNode node) {
    String refused = node.refusal();
    if (refused == null) return false;
    System.err.println("invariance worker: refused: " + refused);
    return true;
  }

  /** Runs one unit; never throws: a failure is reported to the coordinator, which may offer the unit again. */
  private JsonObject execute(Vertx vertx, String me, JsonObject assignment) {
    Unit unit = Unit.of(assignment.getJsonObject("unit"));
    JsonObject done = new JsonObject().put("unit", unit.id()).put("worker", name).put("node", me);
    long t0 = System.nanoTime();
    try {
      JsonObject exp = assignment.getJsonObject("experiment");
      String run = exp.getString("run");
      adopt(assignment.getJsonObject("settings"));
      RunMetrics runMetrics = metrics.forRun(exp.getString("experiment_name"), run);
      runMetrics.artifactBytes("sent", 0); // at 0 before the first file moves, so rate() counts it
      runMetrics.artifactBytes("received", 0);
      fetchModels(vertx, assignment.getString("coordinator"), assignment.getJsonArray("models", new JsonArray()), runMetrics);
      if (assignment.containsKey("checkpoint")) fetchCheckpoint(vertx, assignment, unit, runMetrics);
      List<String> overrides = new ArrayList<>();
      exp.getJsonArray("overrides", new JsonArray()).forEach(o -> overrides.add((String) o));
      Plan plan = new ExperimentLoader(plugins).plan(Path.of(exp.getString("file")), exp.getString("text"), overrides);
      Plan.Point point = plan.points().stream().filter(p -> p.id().equals(unit.point())).findFirst()
          .orElseThrow(() -> new IllegalStateException("the experiment has no point " + unit.point()));
      Path outDir = cache.resolve("worker-units").resolve(unit.id().replaceAll("[^A-Za-z0-9._=,+-]", "_"));
      deleteTree(outDir);
      RunMetrics m = runMetrics.forPoint(unit.point());
      String runId = PointDirs.runId(run, plan, point); // the rows name the run as a local run would
      LOG.info("{}: running (point {})", unit.id(), unit.point());
      JsonArray artifacts = new JsonArray();
      if (unit.kind().equals(Unit.TRAIN)) {
        Runner.Outcome o = new Runner(plugins).run(point.experiment(), new Runner.Options(outDir, cache, m).runId(runId).onlyModels(List.of(unit.model()))
            .checkpointSaved(file -> handOver(vertx, assignment.getString("coordinator"), done.copy(), file, runMetrics)));
        if (!o.ok()) throw new IllegalStateException(String.join("; ", o.failures()));
        Path model = cache.resolve("models").resolve(unit.file());
        artifacts.add(Artifacts.describe(cache, model));
        artifacts.add(Artifacts.describe(cache, model.resolveSibling(unit.file() + ".json")));
        String origin = new ObjectMapper().readTree(outDir.resolve("provenance.json").toFile())
            .path("models").path(unit.model()).path("origin").asText("trained");
        done.put("origin", origin);
      } else {
        Runner.Outcome o = new Runner(plugins).run(point.experiment(), new Runner.Options(outDir, cache, m).runId(runId));
        done.put("failures", new JsonArray(new ArrayList<>(o.failures())));
        try (Stream<Path> files = Files.walk(outDir)) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            artifacts.add(Artifacts.describe(cache, f).put("rel", outDir.relativize(f).toString().replace('\\', '/')));
          }
        }
        done.put("origin", "probed");
      }
      done.put("ok", true).put("artifacts", artifacts);
    } catch (Exception | Error e) {
      LOG.error("{} failed: {}", unit.id(), e.getMessage() == null ? e.toString() : e.getMessage(), e);
      done.put("ok", false).put("error", e.getMessage() == null ? e.toString() : e.getMessage());
    }
    return done.put("seconds", (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Hands a checkpoint just saved to the coordinator and waits until it holds a copy (the training
   * waits too, so the file cannot change under the transfer): if this worker dies, the unit goes to
   * another with the checkpoint, and the training goes on from there instead of from the start.
   */
  private void handOver(Vertx vertx, String coordinator, JsonObject unit, Path file, RunMetrics runMetrics) {
    try {
      JsonObject described = Artifacts.describe(cache, file);
      Bus.await(vertx.eventBus().<JsonObject>request(Protocol.checkpoint(coordinator), unit.put("checkpoint", described),
          new DeliveryOptions().setSendTimeout(60_000)));
      runMetrics.artifactBytes("sent", described.getLong("size"));
      LOG.info("{}: the coordinator holds its checkpoint ({} bytes)", unit.getString("unit"), described.getLong("size"));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("the coordinator could not take it: " + shortly(e), e);
    }
  }

  /** The checkpoint a unit offered again comes with: the last one its earlier worker handed over. */
  private void fetchCheckpoint(Vertx vertx, JsonObject assignment, Unit unit, RunMetrics runMetrics) throws IOException {
    JsonObject f = assignment.getJsonObject("checkpoint");
    Path target = ModelStore.checkpointOf(cache.resolve("models").resolve(unit.file()));
    long bytes = Artifacts.fetch(vertx, assignment.getString("coordinator"), f.getString("path"), f.getLong("size"), f.getString("sha256"), target);
    runMetrics.artifactBytes("received", bytes);
    LOG.info("{}: fetched the checkpoint an earlier worker left ({} bytes)", unit.id(), bytes);
  }

  /** Raises the unit's heartbeat a few times per lease; -1 when the shared map cannot be reached (the lease then lapses and the unit is offered again). */
  private static long beatLease(Vertx vertx, String me, JsonObject assignment) {
    String unit = Unit.of(assignment.getJsonObject("unit")).id();
    try {
      Units shared = Bus.await(Units.open(vertx, assignment.getString("units")));
      long every = Math.max(500, assignment.getInteger("lease", ClusterConfig.DEFAULT_LEASE) * 1000L / 4);
      return vertx.setPeriodic(every, id -> shared.renew(unit, me));
    } catch (RuntimeException e) {
      LOG.warn("{}: cannot reach the cluster's unit map ({}); its lease will lapse", unit, shortly(e));
      return -1;
    }
  }

  /**
   * Reports a finished unit and waits until its coordinator has fetched the files, or has left the
   * cluster: a request to a member that died is never answered, so its membership is watched too.
   * Either way what was made stays in this store, and the next coordinator of the run gets it at once.
   */
  private static void report(ClusterNode node, JsonObject done, String coordinator) {
    var reply = node.vertx().eventBus().request(Protocol.done(coordinator), done, new DeliveryOptions().setSendTimeout(DONE_TIMEOUT_MS))
        .toCompletionStage().toCompletableFuture();
    while (true) {
      try {
        reply.get(1, TimeUnit.SECONDS);
        return;
      } catch (TimeoutException e) {
        if (!node.manager().getNodes().contains(coordinator)) {
          LOG.warn("could not report {}: its coordinator left the cluster; keeping what it made", done.getString("unit"));
          return;
        }
      } catch (ExecutionException e) {
        LOG.warn("could not report {} to its coordinator ({}); keeping what it made", done.getString("unit"), shortly(e.getCause()));
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The cluster's thread setting, adopted by ND4J's pools and OpenBLAS (the kernel was checked when this worker asked). */
  private static void adopt(JsonObject settings) {
    int threads = settings.getInteger("threads");
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
  }

  /** The models a unit needs, from the coordinator, unless this store already holds the same bytes. */
  private void fetchModels(Vertx vertx, String coordinator, JsonArray models, RunMetrics runMetrics) throws IOException {
    for (Object o : models) {
      JsonObject f = (JsonObject) o;
      Path target = cache.resolve(f.getString("path")).normalize();
      if (!target.startsWith(cache.normalize())) throw new IOException("not a model path: " + f.getString("path"));
      if (Files.isRegularFile(target) && Files.size(target) == f.getLong("size") && NpmPackage.sha256(target).equals(f.getString("sha256"))) continue;
      long t0 = System.nanoTime();
      long bytes = Artifacts.fetch(vertx, coordinator, f.getString("path"), f.getLong("size"), f.getString("sha256"), target);
      runMetrics.artifactBytes("received", bytes);
      LOG.info("fetched {} ({} bytes in {} s)", f.getString("path"), bytes, String.format("%.2f", (System.nanoTime() - t0) / 1e9));
    }
  }

  /** The model files this worker's store holds, so the coordinator sends a held model's unit here (it is done at once). */
  private JsonArray storedModels() throws IOException {
    JsonArray out = new JsonArray();
    try (Stream<Path> files = Files.list(cache.resolve("models"))) {
      files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".model")).sorted().forEach(out::add);
    }
    return out;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  private static String shortly(Throwable e) {
    Throwable c = e.getCause() instanceof ReplyException r ? r : e;
    return c.getMessage() == null ? c.toString() : c.getMessage();
  }
}
