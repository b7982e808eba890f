package org.invariance.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One unit of work: training one model stage (named by its model-store key, so the same model asked
 * by several points is trained once) or running the probes of one point (after its models).
 *
 * @param id {@code train:<model file name>} or {@code probes:<point id>}
 * @param kind "train" or "probes"
 * @param point the point whose experiment the unit runs
 * @param model the model stage to train (train units), else null
 * @param file the model's file name in the store (train units), else null
 * @param deps the units that must be done first
 */
public record Unit(String id, String kind, String point, String model, String file, List<String> deps) {
  public static final String TRAIN = "train";
  public static final String PROBES = "probes";

  public static Unit train(String point, String model, String file, List<String> deps) {
    return new Unit("train:" + file, TRAIN, point, model, file, List.copyOf(deps));
  }

  public static Unit probes(String point, List<String> deps) {
    return new Unit("probes:" + point, PROBES, point, null, null, List.copyOf(deps));
  }

  public JsonObject json() {
    JsonObject j = new JsonObject().put("id", id).put("kind", kind).put("point", point).put("deps", new JsonArray(new ArrayList<>(deps)));
    if (model != null) j.put("model", model).put("file", file);
    return j;
  }

  public static Unit of(JsonObject j) {
    List<String> deps = new ArrayList<>();
    j.getJsonArray("deps", new JsonArray()).forEach(d -> deps.add((String) d));
    return new Unit(j.getString("id"), j.getString("kind"), j.getString("point"), j.getString("model"), j.getString("file"), deps);
  }
}
