package org.invariance.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.invariance.experiment.Experiment;
import org.invariance.plugin.PluginRegistry;
import org.invariance.results.Provenance;

/**
 * What a worker must share with the coordinator to produce the same numbers: the same version of
 * the code, every plugin the experiment uses, and the same BLAS kernel (it changes training paths).
 * A worker that differs is refused with one line naming the difference.
 */
public final class Compatibility {
  private Compatibility() {}

  /** This JVM's version: the framework's version and the commit it was built from (a worker must match both). */
  public static String version() {
    var b = Provenance.build();
    return b.path("version").asText() + " (" + b.path("commit").asText() + ")";
  }

  /** The OpenBLAS kernel this JVM was started with (the launcher's choice), or "auto". */
  public static String kernel() {
    String k = System.getenv("OPENBLAS_CORETYPE");
    return k == null || k.isBlank() ? "auto" : k;
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

  /** Every plugin on this JVM's class path, by kind. */
  public static JsonObject plugins(PluginRegistry r) {
    return new JsonObject().put("sources", new JsonArray(new ArrayList<>(r.sources().keySet())))
        .put("transforms", new JsonArray(new ArrayList<>(r.transforms().keySet())))
        .put("models", new JsonArray(new ArrayList<>(r.models().keySet())))
        .put("probes", new JsonArray(new ArrayList<>(r.probes().keySet())))
        .put("figures", new JsonArray(new ArrayList<>(r.figures().keySet())))
        .put("training_probes", new JsonArray(new ArrayList<>(r.trainingProbes().keySet())));
  }

  /** The plugins an experiment needs, by kind. */
  static Map<String, Set<String>> needs(Experiment e, PluginRegistry r) {
    Set<String> transforms = new TreeSet<>();
    e.transforms().values().forEach(t -> transforms.add(t.use().plugin()));
    Set<String> models = new TreeSet<>();
    e.models().values().forEach(m -> models.add(m.use().plugin()));
    Set<String> probes = new TreeSet<>();
    Set<String> figures = new TreeSet<>();
    e.probes().values().forEach(p -> {
      probes.add(p.use().plugin());
      if (r.figures().containsKey(p.use().plugin())) figures.add(p.use().plugin());
    });
    Set<String> watch = e.watch() == null ? Set.of() : new TreeSet<>(e.watch().probes());
    return Map.of("sources", Set.of(e.data().plugin()), "transforms", transforms, "models", models, "probes", probes, "figures", figures, "training_probes", watch);
  }

  /**
   * Why a worker cannot serve this run, or null when it can.
   *
   * @param hello what the worker said of itself: version, kernel, plugins
   */
  public static String refusal(JsonObject hello, String version, String kernel, Map<String, Set<String>> needs) {
    String who = "worker " + hello.getString("worker", "?");
    if (!version.equals(hello.getString("version"))) {
      return who + " runs invariance " + hello.getString("version") + ", the coordinator " + version + ": start every member from the same build";
    }
    if (!kernel.equals(hello.getString("kernel"))) {
      return who + " uses the OpenBLAS kernel " + hello.getString("kernel") + ", the cluster " + kernel
          + " (it changes training paths): restart it with INVARIANCE_BLAS_CORETYPE=" + kernel;
    }
    List<String> missing = new ArrayList<>();
    JsonObject has = hello.getJsonObject("plugins", new JsonObject());
    for (String kind : List.of("sources", "transforms", "models", "probes", "figures", "training_probes")) {
      List<?> present = has.getJsonArray(kind, new JsonArray()).getList();
      for (String p : needs.getOrDefault(kind, Set.of())) if (!present.contains(p)) missing.add(kind.substring(0, kind.length() - 1).replace('_', ' ') + " '" + p + "'");
    }
    if (!missing.isEmpty()) return who + " lacks plugins this experiment needs: " + String.join(", ", missing) + " (add their jars to its INVARIANCE_PLUGIN_PATH)";
    return null;
  }
}
