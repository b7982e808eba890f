package org.invariance.experiment;

import static org.invariance.experiment.PluginSections.checkLength;
import static org.invariance.experiment.PluginSections.checkName;
import static org.invariance.experiment.PluginSections.section;
import static org.invariance.experiment.PluginSections.take;
import static org.invariance.experiment.PluginSections.use;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.invariance.config.CheckpointConfig;
import org.invariance.config.WatchConfig;
import org.invariance.metrics.MetricsConfig;
import org.invariance.plugin.PluginRegistry;
import org.invariance.plugin.ProbeTransform;
import org.invariance.plugin.Transform;

/**
 * An experiment's tree (the file with its overrides, or one point of its sweep) made an
 * {@link Experiment}: the sections in the order they depend on each other (data, transforms,
 * models, probes, then the framework's own), each bound to its plugin, and what one names of
 * another checked at the line that names it.
 */
final class ExperimentSections {
  /** The data section: its source, and what the framework keeps of the source's images. */
  private record Data(PluginUse use, Experiment.DataLimits limits) {}

  private final PluginRegistry registry;

  ExperimentSections(PluginRegistry registry) {
    this.registry = registry;
  }

  Experiment resolve(Path file, ObjectNode doc, ConfigBinder binder) {
    ExperimentLoader.FileShape shape = binder.bind(doc, "", ExperimentLoader.FileShape.class);
    if (shape.name() == null || shape.name().isBlank()) throw binder.error("/name", "required key is missing (it names the run directory)");
    if (!shape.name().matches("[A-Za-z0-9._-]+")) throw binder.error("/name", "use letters, digits, '.', '_' or '-' (it names a directory), got '" + shape.name() + "'");
    checkLength(shape.name(), "/name", binder);
    if (shape.seed() == null) throw binder.error("/seed", "required key is missing");

    if (shape.data() == null) throw binder.error("/data", "required section is missing (e.g. {plugin: mnist})");
    Data data = data(shape.data(), binder);
    Map<String, Experiment.TransformUse> transforms = transforms(shape, binder);
    String defaultTransform = transforms.keySet().iterator().next();
    Map<String, Experiment.ModelUse> models = models(shape, transforms, defaultTransform, binder);
    Map<String, Experiment.ProbeUse> probes = new LinkedHashMap<>();
    if (shape.probes() != null) {
      Experiment partial = new Experiment(file, shape.name(), shape.seed(), data.use(), data.limits(), transforms, models, Map.of(), null, null, null, null, binder);
      probes = probes(shape, partial, defaultTransform, binder);
    }
    MetricsConfig metrics = shape.metrics() == null ? MetricsConfig.defaults() : binder.bind(shape.metrics(), "/metrics", MetricsConfig.class);
    CheckpointConfig checkpoints = shape.checkpoints() == null ? CheckpointConfig.defaults() : binder.bind(shape.checkpoints(), "/checkpoints", CheckpointConfig.class);
    WatchConfig watch = shape.watch() == null ? null
        : WatchReferences.check(binder.bind(shape.watch(), "/watch", WatchConfig.class), models.keySet(), registry, binder);
    return new Experiment(file, shape.name(), shape.seed(), data.use(), data.limits(), transforms, models, probes, metrics, checkpoints, watch, doc.deepCopy(), binder);
  }

  /** An experiment of its data section alone (see {@link ExperimentLoader#dataOnly}). */
  Experiment dataOnly(ObjectNode doc, ConfigBinder binder) {
    Data data = data(doc.get("data"), binder);
    return new Experiment(Path.of("").toAbsolutePath().resolve("command-line"), "data", 0, data.use(), data.limits(),
        Map.of(), Map.of(), Map.of(), null, null, null, doc, binder);
  }

  private Data data(JsonNode node, ConfigBinder binder) {
    ObjectNode dataNode = section(node, "/data", binder);
    ExperimentLoader.DataKeys dataKeys = binder.bind(take(dataNode, "train_limit", "test_limit"), "/data", ExperimentLoader.DataKeys.class);
    PluginUse data = use("data", dataNode, "/data", null, registry.sources(), "sources", binder);
    return new Data(data, new Experiment.DataLimits(dataKeys.trainLimit(), dataKeys.testLimit()));
  }

  private Map<String, Experiment.TransformUse> transforms(ExperimentLoader.FileShape shape, ConfigBinder binder) {
    if (shape.transforms() == null || shape.transforms().isEmpty()) {
      throw binder.error("/transforms", "required section is missing: at least one transform (e.g. rotation: {amounts: [-90, -45, 0, 45, 90]})");
    }
    Map<String, Experiment.TransformUse> transforms = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : shape.transforms().entrySet()) {
      String ptr = "/transforms/" + Locations.escape(e.getKey());
      checkName(e.getKey(), ptr, binder);
      ObjectNode node = section(e.getValue(), ptr, binder);
      ExperimentLoader.TransformKeys keys = binder.bind(take(node, "amounts"), ptr, ExperimentLoader.TransformKeys.class);
      PluginUse u = use(e.getKey(), node, ptr, e.getKey(), registry.transforms(), "transforms", binder);
      @SuppressWarnings("unchecked")
      OptionalDouble identity = ((Transform<Object>) registry.transforms().get(u.plugin())).identity(u.config());
      transforms.put(e.getKey(), new Experiment.TransformUse(u, List.copyOf(keys.amounts()), identity));
    }
    return transforms;
  }

  private Map<String, Experiment.ModelUse> models(ExperimentLoader.FileShape shape, Map<String, Experiment.TransformUse> transforms, String defaultTransform,
      ConfigBinder binder) {
    if (shape.models() == null || shape.models().isEmpty()) throw binder.error("/models", "required section is missing: at least one model (e.g. MLP: {plugin: mlp, layers: [256, 128]})");
    Map<String, Experiment.ModelUse> declared = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : shape.models().entrySet()) {
      String ptr = "/models/" + Locations.escape(e.getKey());
      checkName(e.getKey(), ptr, binder);
      ObjectNode node = section(e.getValue(), ptr, binder);
      ExperimentLoader.ModelKeys keys = binder.bind(take(node, "on", "transform"), ptr, ExperimentLoader.ModelKeys.class);
      PluginUse u = use(e.getKey(), node, ptr, null, registry.models(), "models", binder);
      String transform = keys.transform() == null ? defaultTransform : keys.transform();
      if (!transforms.containsKey(transform)) throw binder.error(ptr + "/transform", "no transform named '" + transform + "'; transforms: " + String.join(", ", transforms.keySet()));
      declared.put(e.getKey(), new Experiment.ModelUse(u, keys.on(), transform));
    }
    return ModelOrder.ordered(declared, registry, binder);
  }

  /** @param partial the experiment so far (its models ordered, no probes yet): what the probes' defaults and checks read */
  private Map<String, Experiment.ProbeUse> probes(ExperimentLoader.FileShape shape, Experiment partial, String defaultTransform, ConfigBinder binder) {
    Map<String, Experiment.TransformUse> transforms = partial.transforms();
    Map<String, Experiment.ModelUse> models = partial.models();
    Map<String, Experiment.ProbeUse> probes = new LinkedHashMap<>();
    List<String> leaves = partial.leafModels();
    Map<String, Integer> depths = ProbeReferences.depths(models, registry);
    for (Map.Entry<String, JsonNode> e : shape.probes().entrySet()) {
      String ptr = "/probes/" + Locations.escape(e.getKey());
      checkName(e.getKey(), ptr, binder);
      // a probe written with nothing after its name ("accuracy:") takes every default, as "accuracy: {}" does
      JsonNode v = e.getValue() == null || e.getValue().isNull() || e.getValue().isMissingNode() || e.getValue().isTextual() && e.getValue().asText().isEmpty()
          ? JsonNodeFactory.instance.objectNode() : e.getValue();
      ObjectNode node = section(v, ptr, binder);
      ExperimentLoader.ProbeKeys keys = binder.bind(take(node, "models", "transform"), ptr, ExperimentLoader.ProbeKeys.class);
      List<String> measured = keys.models() == null ? leaves : List.copyOf(keys.models());
      if (measured.isEmpty()) throw binder.error(ptr + "/models", "names no model");
      for (int i = 0; i < measured.size(); i++) {
        if (!models.containsKey(measured.get(i))) throw binder.error(ptr + "/models/" + i, "no model named '" + measured.get(i) + "'; models: " + String.join(", ", models.keySet()));
      }
      String transform = keys.transform() == null ? defaultTransform : keys.transform();
      if (!transforms.containsKey(transform)) throw binder.error(ptr + "/transform", "no transform named '" + transform + "'; transforms: " + String.join(", ", transforms.keySet()));
      ProbeTransform own = partial.probeTransform(transform);
      PluginUse u = ProbeReferences.withDefaults(use(e.getKey(), node, ptr, e.getKey(), registry.probes(), "probes", binder), own, registry, binder);
      probes.put(e.getKey(), new Experiment.ProbeUse(u, measured, transform));
      ProbeReferences.check(ptr, node, measured, depths, transforms.keySet(), binder);
      ProbeReferences.datasets(u, own, transforms, registry, binder);
    }
    return probes;
  }
}
