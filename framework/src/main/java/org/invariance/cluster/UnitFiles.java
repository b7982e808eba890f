package org.invariance.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.invariance.experiment.Plan;
import org.invariance.run.ModelStore;
import org.invariance.sweep.PointDirs;

/**
 * The coordinator's side of a unit's files: what goes out with a unit (the models it needs, the
 * checkpoint an earlier attempt left) and what comes back (checkpoints, models into the store, a
 * point's files into its directory, exactly where a single-JVM run writes them). Every method reads
 * or writes files and waits on transfers: call it off the event loop.
 */
final class UnitFiles {
  /** Bytes taken in and the seconds it took. */
  record Received(long bytes, double seconds) {}

  private final Vertx vertx;
  private final ModelStore store;
  private final Path out;
  private final Plan plan;
  private final Map<String, Plan.Point> points;

  UnitFiles(Vertx vertx, ModelStore store, Path out, Plan plan, Map<String, Plan.Point> points) {
    this.vertx = vertx;
    this.store = store;
    this.out = out;
    this.plan = plan;
    this.points = points;
  }

  /** The model files (each with its record) a unit needs, described for the worker to fetch. */
  JsonArray models(List<String> files) throws IOException {
    JsonArray models = new JsonArray();
    for (String file : files) {
      for (String f : List.of(file, file + ".json")) models.add(Artifacts.describe(store.dir().getParent(), store.dir().resolve(f)));
    }
    return models;
  }

  /** The checkpoint a training unit's earlier worker handed over, described; null if there is none. */
  JsonObject checkpoint(Unit unit) throws IOException {
    if (unit.file() == null) return null;
    Path checkpoint = checkpointOf(unit);
    return Files.isRegularFile(checkpoint) ? Artifacts.describe(store.dir().getParent(), checkpoint) : null;
  }

  /** Fetches a checkpoint the unit's lessee saved into the store, replacing the last; returns its bytes. */
  long takeCheckpoint(Unit unit, String node, JsonObject file) throws IOException {
    return Artifacts.fetch(vertx, node, file.getString("path"), file.getLong("size"), file.getString("sha256"), checkpointOf(unit));
  }

  /** Takes in a finished unit's files from {@code node}, each checked by SHA-256. */
  Received receive(Unit unit, String node, JsonArray files) throws IOException {
    long t0 = System.nanoTime();
    long bytes = 0;
    if (unit.kind().equals(Unit.TRAIN)) {
      for (Object o : files) {
        JsonObject f = (JsonObject) o;
        bytes += fetch(node, f, store.dir().resolve(Path.of(f.getString("path")).getFileName().toString()));
      }
      Files.deleteIfExists(checkpointOf(unit)); // the model is in: its checkpoint is no longer needed
    } else {
      Path dir = PointDirs.of(out, plan, points.get(unit.point()));
      JsonObject provenance = null;
      for (Object o : files) {
        JsonObject f = (JsonObject) o;
        if (f.getString("rel").equals("provenance.json")) provenance = f;
        else bytes += fetch(node, f, inside(dir, f.getString("rel")));
      }
      // provenance.json last: only now does the point count as finished
      if (provenance != null) bytes += fetch(node, provenance, dir.resolve("provenance.json"));
    }
    return new Received(bytes, (System.nanoTime() - t0) / 1e9);
  }

  private long fetch(String node, JsonObject f, Path target) throws IOException {
    return Artifacts.fetch(vertx, node, f.getString("path"), f.getLong("size"), f.getString("sha256"), target);
  }

  /** A point's file, refused when its name would leave the point's directory. */
  private static Path inside(Path dir, String rel) throws IOException {
    Path target = dir.resolve(rel).normalize();
    if (!target.startsWith(dir.normalize()) || target.equals(dir.normalize())) throw new IOException("not a file of the point: " + rel);
    return target;
  }

  private Path checkpointOf(Unit unit) {
    return ModelStore.checkpointOf(store.dir().resolve(unit.file()));
  }
}
