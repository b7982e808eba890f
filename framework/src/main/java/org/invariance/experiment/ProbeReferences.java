package org.invariance.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.PluginRegistry;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeTransform;

/**
 * What a probe names that the experiment must make, checked before any data is loaded, so
 * {@code validate} catches it rather than the run an hour later: the layers it measures ({@code layers:},
 * numbered from 1 = the input, as {@code analysis.Layers} reads them) exist in every model it measures,
 * and a dataset written with a transform ({@code "scale:1.5"}) names a transform of the experiment.
 */
final class ProbeReferences {
  /** A dataset name with its transform: {@code scale:1.5}, {@code scale:mix}. */
  private static final Pattern WITH_TRANSFORM = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*):(mix|[-+]?[0-9][0-9.eE+-]*)");

  private ProbeReferences() {}

  /** Each model's number of layers as its plugin knows it from the config (0: known only after training), upstream first. */
  @SuppressWarnings("unchecked")
  static Map<String, Integer> depths(Map<String, Experiment.ModelUse> ordered, PluginRegistry registry) {
    Map<String, Integer> depth = new LinkedHashMap<>();
    ordered.forEach((name, use) -> {
      ModelPlugin<Object> plugin = (ModelPlugin<Object>) registry.models().get(use.use().plugin());
      int up = use.on() == null ? 0 : depth.getOrDefault(use.on(), 0);
      depth.put(name, plugin.layers(use.use().config(), up));
    });
    return depth;
  }

  /**
   * The probe's config with the defaults its transform decides filled in ({@link Probe#withDefaults}):
   * what the run, its provenance and the report get. A default that cannot be filled is reported at
   * the probe's section, naming the key to write.
   */
  @SuppressWarnings("unchecked")
  static PluginUse withDefaults(PluginUse use, ProbeTransform transform, PluginRegistry registry, ConfigBinder binder) {
    Probe<Object> probe = (Probe<Object>) registry.probes().get(use.plugin());
    Object resolved;
    try {
      resolved = probe.withDefaults(use.config(), transform);
    } catch (InvalidConfig e) {
      throw binder.error(use.pointer() + "/" + e.field().replace('.', '/'), e.getMessage());
    }
    if (resolved == use.config()) return use;
    return new PluginUse(use.id(), use.plugin(), resolved, ConfigBinder.MAPPER.valueToTree(resolved), use.pointer());
  }

  /**
   * Every dataset the probe will ask for ({@link Probe#datasets}, its defaults included) names a
   * transform of the experiment and, but for a mix, an amount declared for it or its identity: an
   * amount nothing declared is reported at the key that asks for it (or at the probe, for a default).
   */
  @SuppressWarnings("unchecked")
  static void datasets(PluginUse use, ProbeTransform own, Map<String, Experiment.TransformUse> transforms, PluginRegistry registry, ConfigBinder binder) {
    Probe<Object> probe = (Probe<Object>) registry.probes().get(use.plugin());
    Map<String, DatasetSpec> asked;
    try {
      asked = probe.datasets(use.config(), own);
    } catch (InvalidConfig e) {
      throw binder.error(use.pointer() + "/" + e.field().replace('.', '/'), e.getMessage());
    } catch (IllegalArgumentException e) {
      // a plugin that parsed its names itself (not through DatasetSpec.byField) still gets one line
      throw binder.error(use.pointer(), e.getMessage() == null ? "a dataset it names cannot be read" : e.getMessage());
    }
    for (Map.Entry<String, DatasetSpec> a : asked.entrySet()) {
      String at = use.pointer() + "/" + a.getKey().replace('.', '/');
      String written = binder.locations().has(at) ? "" : " (the default of " + a.getKey() + ")";
      DatasetSpec spec = a.getValue().withDefaultTransform(own.name());
      Experiment.TransformUse t = transforms.get(spec.transform());
      if (t == null) throw binder.error(at, "no transform named '" + spec.transform() + "'" + written + "; transforms: " + String.join(", ", transforms.keySet()));
      if (spec.isMix()) continue;
      boolean identity = t.identity().isPresent() && t.identity().getAsDouble() == spec.amount();
      if (!identity && !t.amounts().contains(spec.amount())) {
        throw binder.error(at, "amount " + spec.amountLabel() + written + " is not declared for transform '" + spec.transform() + "' (declared: "
            + String.join(", ", t.amounts().stream().map(x -> DatasetSpec.at(x).amountLabel()).toList())
            + (t.identity().isPresent() ? "; it leaves images unchanged at " + DatasetSpec.at(t.identity().getAsDouble()).amountLabel() : "")
            + "): add it to transforms." + spec.transform() + ".amounts, or ask for a declared one");
      }
    }
  }

  static void check(String ptr, JsonNode section, List<String> measured, Map<String, Integer> depths, Set<String> transforms, ConfigBinder binder) {
    JsonNode layers = section.path("layers");
    if (layers.isArray()) {
      for (int i = 0; i < layers.size(); i++) {
        if (!layers.get(i).canConvertToInt()) continue; // the plugin's binding says what is wrong with it
        int l = layers.get(i).intValue();
        for (String m : measured) {
          int top = depths.getOrDefault(m, 0);
          if (top > 0 && (l < 1 || l > top)) throw binder.error(ptr + "/layers/" + i, "model " + m + " has layers 1.." + top + " (1 = the input), not " + l);
        }
      }
    }
    datasets(ptr, section, transforms, binder);
  }

  private static void datasets(String ptr, JsonNode n, Set<String> transforms, ConfigBinder binder) {
    if (n.isTextual()) {
      Matcher m = WITH_TRANSFORM.matcher(n.textValue());
      if (m.matches() && !transforms.contains(m.group(1))) {
        throw binder.error(ptr, "dataset '" + n.textValue() + "' names no transform of this experiment ('" + m.group(1) + "'); transforms: " + String.join(", ", transforms));
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) datasets(ptr + "/" + i, n.get(i), transforms, binder);
    } else if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        datasets(ptr + "/" + Locations.escape(e.getKey()), e.getValue(), transforms, binder);
      }
    }
  }
}
