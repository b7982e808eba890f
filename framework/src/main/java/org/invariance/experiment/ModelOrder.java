package org.invariance.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.PluginRegistry;

/**
 * What models say of each other ({@code on:}), checked once every model is declared, and the order
 * they train in: a stage can only train after the one it builds on.
 */
final class ModelOrder {
  private ModelOrder() {}

  /**
   * Checks every {@code on:} (it names a declared model, the plugin accepts it, no cycles) and orders
   * the models so that each comes after the stage it builds on, otherwise in file order.
   */
  static Map<String, Experiment.ModelUse> ordered(Map<String, Experiment.ModelUse> declared, PluginRegistry registry, ConfigBinder binder) {
    for (Map.Entry<String, Experiment.ModelUse> e : declared.entrySet()) {
      String ptr = "/models/" + Locations.escape(e.getKey());
      Experiment.ModelUse m = e.getValue();
      ModelPlugin.Upstream up = registry.models().get(m.use().plugin()).upstream();
      if (m.on() == null && up == ModelPlugin.Upstream.REQUIRED) {
        throw binder.error(ptr, "'" + m.use().plugin() + "' builds on another model: add on: <model> (models: " + String.join(", ", declared.keySet()) + ")");
      }
      if (m.on() != null && up == ModelPlugin.Upstream.NONE) throw binder.error(ptr + "/on", "'" + m.use().plugin() + "' trains from scratch and builds on no other model");
      if (m.on() != null && !declared.containsKey(m.on())) throw binder.error(ptr + "/on", "no model named '" + m.on() + "'; models: " + String.join(", ", declared.keySet()));
    }
    for (Map.Entry<String, Experiment.ModelUse> e : declared.entrySet()) {
      String ptr = "/models/" + Locations.escape(e.getKey());
      List<String> chain = new ArrayList<>(List.of(e.getKey()));
      for (String at = e.getValue().on(); at != null; at = declared.get(at).on()) {
        if (chain.contains(at)) throw binder.error(ptr + "/on", "models build on each other in a cycle: " + String.join(" -> ", chain) + " -> " + at);
        chain.add(at);
      }
    }
    // each model after its upstream, otherwise in file order: place the first model (in file order) that can be placed, repeat
    Map<String, Experiment.ModelUse> out = new LinkedHashMap<>();
    while (out.size() < declared.size()) {
      for (Map.Entry<String, Experiment.ModelUse> e : declared.entrySet()) {
        if (!out.containsKey(e.getKey()) && (e.getValue().on() == null || out.containsKey(e.getValue().on()))) {
          out.put(e.getKey(), e.getValue());
          break;
        }
      }
    }
    return out;
  }
}
