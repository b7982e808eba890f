package org.invariance.experiment;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.data.DataConfig;
import org.invariance.metrics.MetricsConfig;
import org.invariance.plugin.ModelKind;
import org.invariance.plugin.Plugin;
import org.invariance.plugin.PluginRegistry;
import org.invariance.plugin.Trainer;

/**
 * YAML file + {@code --set} overrides -> validated {@link Experiment}. Every problem is a
 * {@link ConfigException} naming file, line, column and field.
 */
public final class ExperimentLoader {
  private static final YAMLFactory YAML = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper TREE = new YAMLMapper(YAML);

  /** The top level of an experiment file; plugin sections stay trees until their plugin is known. */
  record FileShape(
      String name,
      Long seed,
      JsonNode data,
      JsonNode transform,
      LinkedHashMap<String, JsonNode> encoders,
      JsonNode heads,
      LinkedHashMap<String, JsonNode> probes,
      JsonNode metrics) {}

  /** The framework's own keys of the transform section; the rest configures the plugin. */
  record TransformShape(List<Double> mix) {
    TransformShape {
      InvalidConfig.require(mix != null && !mix.isEmpty(), "mix", "required: the amounts MNIST_mix draws from, e.g. [-90, -75, ..., 90]");
    }
  }

  private final PluginRegistry registry;

  public ExperimentLoader(PluginRegistry registry) {
    this.registry = registry;
  }

  public Experiment load(Path file) {
    return load(file, List.of());
  }

  public Experiment load(Path file, List<String> overrides) {
    String source = file.toString();
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(source, 0, 0, null, "cannot read the experiment file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
    JsonNode root;
    Locations locations;
    try {
      root = TREE.readTree(text);
      try (JsonParser p = YAML.createParser(text)) {
        locations = Locations.index(source, p);
      }
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      int line = loc == null ? 0 : loc.getLineNr();
      int col = loc == null ? 0 : loc.getColumnNr();
      throw new ConfigException(source, line, col, null, "not valid YAML: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConfigException(source, 0, 0, null, "cannot read: " + e.getMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) root = JsonNodeFactory.instance.objectNode();
    ConfigBinder binder = new ConfigBinder(locations);
    if (!root.isObject()) throw binder.error("", "an experiment file is a mapping of sections (name, seed, data, transform, encoders, heads, probes, metrics)");
    ObjectNode doc = (ObjectNode) root;
    for (String o : overrides) Overrides.apply(doc, o, locations);
    return resolve(file, doc, binder);
  }

  private Experiment resolve(Path file, ObjectNode doc, ConfigBinder binder) {
    FileShape shape = binder.bind(doc, "", FileShape.class);
    if (shape.name() == null || shape.name().isBlank()) throw binder.error("/name", "required key is missing (it names the run directory)");
    if (!shape.name().matches("[A-Za-z0-9._-]+")) throw binder.error("/name", "use letters, digits, '.', '_' or '-' (it names a directory), got '" + shape.name() + "'");
    if (shape.seed() == null) throw binder.error("/seed", "required key is missing");

    DataConfig data = shape.data() == null ? DataConfig.defaults() : binder.bind(shape.data(), "/data", DataConfig.class);
    checkDataPaths(file, data, binder);

    if (shape.transform() == null) throw binder.error("/transform", "required section is missing (e.g. {plugin: rotation, mix: [...]})");
    ObjectNode transformNode = section(shape.transform(), "/transform", binder);
    ObjectNode frameworkKeys = JsonNodeFactory.instance.objectNode();
    if (transformNode.has("mix")) frameworkKeys.set("mix", transformNode.remove("mix"));
    TransformShape ts = binder.bind(frameworkKeys, "/transform", TransformShape.class);
    PluginUse transform = use("transform", transformNode, "/transform", null, registry.transforms(), "transforms", binder);

    if (shape.encoders() == null || shape.encoders().isEmpty()) throw binder.error("/encoders", "required section is missing: at least one encoder (e.g. AER: {plugin: autoencoder, ...})");
    Map<String, PluginUse> encoders = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : shape.encoders().entrySet()) {
      String ptr = "/encoders/" + Locations.escape(e.getKey());
      PluginUse u = use(e.getKey(), section(e.getValue(), ptr, binder), ptr, null, registry.trainers(), "trainers", binder);
      requireKind(u, ModelKind.ENCODER, ptr, binder);
      encoders.put(e.getKey(), u);
    }
    if (shape.heads() == null) throw binder.error("/heads", "required section is missing (e.g. {plugin: frozen-head, lr: 0.05})");
    PluginUse heads = use("heads", section(shape.heads(), "/heads", binder), "/heads", null, registry.trainers(), "trainers", binder);
    requireKind(heads, ModelKind.CLASSIFIER, "/heads", binder);

    Map<String, PluginUse> probes = new LinkedHashMap<>();
    if (shape.probes() != null) {
      for (Map.Entry<String, JsonNode> e : shape.probes().entrySet()) {
        String ptr = "/probes/" + Locations.escape(e.getKey());
        JsonNode v = e.getValue() == null || e.getValue().isNull() ? JsonNodeFactory.instance.objectNode() : e.getValue();
        probes.put(e.getKey(), use(e.getKey(), section(v, ptr, binder), ptr, e.getKey(), registry.probes(), "probes", binder));
      }
    }
    MetricsConfig metrics = shape.metrics() == null ? MetricsConfig.defaults() : binder.bind(shape.metrics(), "/metrics", MetricsConfig.class);
    return new Experiment(file, shape.name(), shape.seed(), data, transform, List.copyOf(ts.mix()), encoders, heads, probes, metrics, doc.deepCopy());
  }

  private static ObjectNode section(JsonNode node, String pointer, ConfigBinder binder) {
    if (node == null || !node.isObject()) throw binder.error(pointer, "expected a mapping with a 'plugin' key");
    return ((ObjectNode) node).deepCopy();
  }

  private PluginUse use(String id, ObjectNode node, String pointer, String defaultPlugin, Map<String, ? extends Plugin<?>> plugins, String kind, ConfigBinder binder) {
    JsonNode name = node.remove("plugin");
    String pluginName;
    if (name == null) {
      if (defaultPlugin == null) throw binder.error(pointer + "/plugin", "required key is missing; known " + kind + ": " + String.join(", ", plugins.keySet()));
      pluginName = defaultPlugin;
    } else if (!name.isTextual()) {
      throw binder.error(pointer + "/plugin", "expected a plugin name; known " + kind + ": " + String.join(", ", plugins.keySet()));
    } else {
      pluginName = name.asText();
    }
    Plugin<?> plugin = plugins.get(pluginName);
    if (plugin == null) {
      throw binder.error(name == null ? pointer : pointer + "/plugin", "unknown plugin '" + pluginName + "'; known " + kind + ": "
          + (plugins.isEmpty() ? "(none on the class path)" : String.join(", ", plugins.keySet())));
    }
    Object config = binder.bind(node, pointer, plugin.configType());
    JsonNode resolvedTree = ConfigBinder.MAPPER.valueToTree(config);
    return new PluginUse(id, pluginName, config, resolvedTree, pointer);
  }

  private void requireKind(PluginUse u, ModelKind kind, String pointer, ConfigBinder binder) {
    Trainer<?> t = registry.trainers().get(u.plugin());
    if (t.produces() != kind) {
      List<String> fitting = new ArrayList<>();
      registry.trainers().forEach((n, tr) -> { if (tr.produces() == kind) fitting.add(n); });
      throw binder.error(pointer + "/plugin", "'" + u.plugin() + "' trains a " + t.produces() + ", this section needs a " + kind + " trainer: " + String.join(", ", fitting));
    }
  }

  private static void checkDataPaths(Path file, DataConfig data, ConfigBinder binder) {
    if (data.source() != DataConfig.Source.IDX) return;
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("images", data.images());
    paths.put("labels", data.labels());
    paths.put("test_images", data.testImages());
    paths.put("test_labels", data.testLabels());
    for (Iterator<Map.Entry<String, String>> it = paths.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, String> e = it.next();
      if (e.getValue() == null) continue;
      Path p = resolvePath(file, e.getValue());
      if (!Files.isRegularFile(p)) throw binder.error("/data/" + e.getKey(), "no such file: " + p);
    }
  }

  /** Data paths are relative to the experiment file's directory. */
  public static Path resolvePath(Path experimentFile, String path) {
    Path p = Path.of(path);
    if (p.isAbsolute()) return p;
    Path dir = experimentFile.toAbsolutePath().getParent();
    return dir == null ? p : dir.resolve(p).normalize();
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}
