package org.invariance.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;

/**
 * The state of every unit of a run in cluster-wide shared data (a Hazelcast map with one backup,
 * so it outlives any single member): {@code offered}, {@code leased} (to a worker, with a heartbeat
 * count the worker raises while it works), {@code done} or {@code failed}. Keys are {@code <run>/<unit id>}.
 */
public final class Units {
  static final String MAP = "invariance.units";

  private final AsyncMap<String, String> map;
  private final String run;

  private Units(AsyncMap<String, String> map, String run) {
    this.map = map;
    this.run = run;
  }

  public static Future<Units> open(Vertx vertx, String run) {
    return vertx.sharedData().<String, String>getAsyncMap(MAP).map(m -> new Units(m, run));
  }

  String key(String unitId) {
    return run + "/" + unitId;
  }

  public Future<Void> put(String unitId, JsonObject state) {
    return map.put(key(unitId), state.encode());
  }

  /** A unit's state as the schedule holds it, for the other members (a worker beats its lease there). */
  public Future<Void> publish(Tracked e) {
    JsonObject j = new JsonObject().put("state", e.state.word()).put("kind", e.unit.kind()).put("point", e.unit.point()).put("attempts", e.attempts)
        .put("beat", e.beat);
    if (e.worker != null) j.put("worker", e.worker);
    if (e.node != null) j.put("node", e.node);
    if (e.state == Tracked.State.DONE && e.attempts > 0) j.put("origin", e.origin);
    return put(e.unit.id(), j);
  }

  public Future<JsonObject> get(String unitId) {
    return map.get(key(unitId)).map(s -> s == null ? null : new JsonObject(s));
  }

  /**
   * A worker's heartbeat on its lease: raises the beat if the unit is still leased to it. Fails when
   * the lease went elsewhere (the unit was offered again), so the worker can stop.
   */
  public Future<Boolean> renew(String unitId, String node) {
    return map.get(key(unitId)).compose(s -> {
      if (s == null) return Future.succeededFuture(false);
      JsonObject j = new JsonObject(s);
      if (!Tracked.State.LEASED.word().equals(j.getString("state")) || !node.equals(j.getString("node"))) return Future.succeededFuture(false);
      JsonObject next = j.copy().put("beat", j.getLong("beat", 0L) + 1);
      return map.replaceIfPresent(key(unitId), s, next.encode());
    });
  }
}
