package org.invariance.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompatibilityTest {
  static final Map<String, Set<String>> NEEDS = Map.of("sources", Set.of("mnist"), "transforms", Set.of("rotation"), "models", Set.of("autoencoder"),
      "probes", Set.of("p10", "accuracy"), "figures", Set.of("accuracy"));

  static JsonObject hello(String version, String kernel, String... probes) {
    return new JsonObject().put("worker", "w1").put("version", version).put("kernel", kernel).put("plugins", new JsonObject()
        .put("sources", new JsonArray().add("mnist")).put("transforms", new JsonArray().add("rotation")).put("models", new JsonArray().add("autoencoder"))
        .put("probes", new JsonArray(List.of((Object[]) probes))).put("figures", new JsonArray().add("accuracy")));
  }

  @Test
  void aWorkerLikeTheCoordinatorIsWelcome() {
    assertNull(Compatibility.refusal(hello("0.1.0 (abc)", "Haswell", "accuracy", "p10", "cka"), "0.1.0 (abc)", "Haswell", NEEDS));
  }

  @Test
  void everyDifferenceIsNamedInOneLine() {
    assertEquals("worker w1 runs invariance 0.1.0 (def), the coordinator 0.1.0 (abc): start every member from the same build",
        Compatibility.refusal(hello("0.1.0 (def)", "Haswell", "accuracy", "p10"), "0.1.0 (abc)", "Haswell", NEEDS));
    assertEquals("worker w1 uses the OpenBLAS kernel SkylakeX, the cluster Haswell (it changes training paths): restart it with INVARIANCE_BLAS_CORETYPE=Haswell",
        Compatibility.refusal(hello("v", "SkylakeX", "accuracy", "p10"), "v", "Haswell", NEEDS));
    assertEquals("worker w1 lacks plugins this experiment needs: probe 'p10' (add their jars to its INVARIANCE_PLUGIN_PATH)",
        Compatibility.refusal(hello("v", "Haswell", "accuracy"), "v", "Haswell", NEEDS));
    Map<String, Set<String>> watched = new HashMap<>(NEEDS);
    watched.put("training_probes", Set.of("cka"));
    assertEquals("worker w1 lacks plugins this experiment needs: training probe 'cka' (add their jars to its INVARIANCE_PLUGIN_PATH)",
        Compatibility.refusal(hello("v", "Haswell", "accuracy", "p10", "cka"), "v", "Haswell", watched), "a probe plugin is not its training probe");
  }
}
