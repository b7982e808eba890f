package org.invariance.experiment;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invariance.config.CheckpointConfig;
import org.invariance.config.ClusterConfig;
import org.invariance.config.DidYouMean;
import org.invariance.config.InvalidConfig;
import org.invariance.config.WatchConfig;
import org.invariance.metrics.MetricsConfig;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.Plugin;
import org.invariance.plugin.PluginRegistry;
import org.invariance.plugin.ProbeTransform;
import org.invariance.plugin.Transform;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * YAML file + {@code --set} overrides -> validated {@link Experiment}. Every problem is a
 * {@link ConfigException} naming file, line, column and field.
 */
public final class ExperimentLoader {
  /** An experiment file is a few KiB: one of more than 1 MiB is refused before it is parsed. */
  static final int MAX_BYTES = 1 << 20;
  /** Mappings and lists nest no deeper than this (an experiment needs five or six levels). */
  static final int MAX_DEPTH = 64;
  /** A sweep runs at most this many points (grid combinations times seeds), each a whole experiment. */
  static final int MAX_POINTS = 10_000;
  /** The bounded YAML reader of experiment files, shared by {@code --set} values. */
  static final YAMLFactory YAML = YAMLFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .loaderOptions(yamlLimits())
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .build();
  static final ObjectMapper TREE = new YAMLMapper(YAML);

  /** The top level of an experiment file; plugin sections stay trees until their plugin is known. */
  record FileShape(
      String name,
      Long seed,
      JsonNode data,
      LinkedHashMap<String, JsonNode> transforms,
      LinkedHashMap<String, JsonNode> models,
      LinkedHashMap<String, JsonNode> probes,
      JsonNode metrics,
      JsonNode checkpoints,
      JsonNode watch,
      JsonNode sweep,
      JsonNode cluster) {}

  /** The framework's own keys of a transform section; the rest configures the plugin. */
  record TransformKeys(List<Double> amounts) {
    TransformKeys {
      InvalidConfig.require(amounts != null && !amounts.isEmpty(), "amounts", "required: the amounts T_a exists for and T_mix draws from, e.g. [-90, -45, 0, 45, 90]");
    }
  }

  /** The framework's own keys of the data section: how many of the source's images the run keeps. */
  record DataKeys(Integer trainLimit, Integer testLimit) {
    DataKeys {
      InvalidConfig.require(trainLimit == null || trainLimit > 0, "train_limit", "must be a positive integer, got " + trainLimit);
      InvalidConfig.require(testLimit == null || testLimit > 0, "test_limit", "must be a positive integer, got " + testLimit);
    }
  }

  /** The framework's own keys of a model section. */
  record ModelKeys(String on, String transform) {}

  /** The framework's own keys of a probe section. */
  record ProbeKeys(List<String> models, String transform) {}

  /**
   * SnakeYAML's bounds. Jackson reads YAML as a stream of events and never composes a node graph,
   * so no alias is ever expanded (Locations refuses every alias and tag, and tags build no types)
   * and nesting is bounded by the StreamReadConstraints above; the composer's limits are set all the
   * same, and the code-point limit does act, behind the size check.
   */
  private static LoaderOptions yamlLimits() {
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(MAX_BYTES);
    o.setNestingDepthLimit(MAX_DEPTH);
    o.setMaxAliasesForCollections(0);
    o.setAllowRecursiveKeys(false);
    return o;
  }

  private final PluginRegistry registry;

  public ExperimentLoader(PluginRegistry registry) {
    this.registry = registry;
  }

  public Experiment load(Path file) {
    return load(file, List.of());
  }

  /** The experiment alone (a sweep's base: its section is checked, its points are not built). */
  public Experiment load(Path file, List<String> overrides) {
    return plan(file, overrides, false).base();
  }

  /** What the file runs: the experiment, or every point of its sweep (each checked like an experiment). */
  public Plan plan(Path file, List<String> overrides) {
    return plan(file, overrides, true);
  }

  /**
   * The plan of an experiment whose text was read elsewhere (a cluster worker gets the
   * coordinator's file as text); paths in it still resolve against {@code file}'s directory.
   */
  public Plan plan(Path file, String text, List<String> overrides) {
    return oneLine(() -> plan(file, text, overrides, true));
  }

  private Plan plan(Path file, List<String> overrides, boolean points) {
    return oneLine(() -> plan(file, readText(file), overrides, points));
  }

  /**
   * Every error in one line: a key, value or override quoted with a line break in it ("a\nb": 1) is
   * echoed with the break escaped.
   */
  private static Plan oneLine(Supplier<Plan> plan) {
    try {
      return plan.get();
    } catch (ConfigException e) {
      if (isOneLine(e.getMessage())) throw e;
      ConfigException clean = new ConfigException(printable(e.source()), e.line(), e.column(), e.field() == null ? null : printable(e.field()), printable(e.problem()));
      clean.initCause(e);
      throw clean;
    }
  }

  private static boolean isOneLine(String s) {
    return s.chars().noneMatch(c -> Character.isISOControl(c) && c != '\t' || c == '\u2028' || c == '\u2029');
  }

  private static String printable(String s) {
    if (s == null || isOneLine(s)) return s;
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '\n') b.append("\\n");
      else if (c == '\r') b.append("\\r");
      else if (Character.isISOControl(c) && c != '\t' || c == '\u2028' || c == '\u2029') b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.toString();
  }

  private Plan plan(Path file, String text, List<String> overrides, boolean points) {
    String source = file.toString();
    if (text.length() > MAX_BYTES / 3 && text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) throw tooLarge(source);
    JsonNode root;
    Locations locations;
    JsonParser tree = null;
    try {
      tree = YAML.createParser(text);
      try (JsonParser p = tree) {
        root = TREE.readTree(p);
      }
      try (JsonParser p = YAML.createParser(text)) {
        locations = Locations.index(source, p);
      }
    } catch (StreamConstraintsException e) {
      // a bound of the YAML factory: said in words, where the parser stands (Jackson gives no location)
      JsonLocation at = tree == null ? null : tree.currentLocation();
      String problem = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Document nesting depth")
          ? "nested deeper than " + MAX_DEPTH + " levels" : "not valid YAML: " + firstLine(e.getOriginalMessage()).replaceAll(", from `[^`]*`", "");
      throw new ConfigException(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), null, problem);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof YAMLException y && !(y instanceof MarkedYAMLException)
          && String.valueOf(y.getMessage()).startsWith("The incoming YAML document exceeds the limit")) throw tooLarge(source); // (a marked error quotes the text)
      JsonLocation loc = e.getLocation();
      int line = loc == null ? 0 : loc.getLineNr();
      int col = loc == null ? 0 : loc.getColumnNr();
      String problem = firstLine(e.getOriginalMessage()).replaceAll(", from `[^`]*`", "");
      if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
        // SnakeYAML's first line is only its context ("while scanning a quoted scalar"): say the problem first
        problem = firstLine(m.getProblem()) + (m.getContext() == null ? "" : " (" + firstLine(m.getContext()) + ")");
      } else if (e.getCause() instanceof NumberFormatException n) {
        // found by fuzzing: "\x" at the end of the file reached Jackson as "... due to (java.lang.NumberFormatException)"
        problem = String.valueOf(n.getMessage()).contains("radix 16") ? "an escape (\\x, \\u or \\U) without its hexadecimal digits" : "a number that cannot be read";
      }
      problem = problem.replaceAll("\\s*\\((?:java|javax|com|org)\\.[\\w.$]+\\)", ""); // no Java class names, whatever the parser says
      Matcher dup = Pattern.compile("Duplicate field '([^']*)'").matcher(problem);
      if (dup.find() && line > 0) col = keyColumn(text, line, dup.group(1), col); // Jackson stands just past the key
      Matcher alias = Pattern.compile("snakeyaml\\.events\\.AliasEvent\\(anchor=([^)]*)\\)").matcher(problem);
      if (alias.find()) throw new ConfigException(source, line, col, null, "YAML aliases (*" + alias.group(1) + ") are not supported: write the value out");
      throw new ConfigException(source, line, col, null, "not valid YAML: " + yamlWords(problem));
    } catch (IOException e) {
      throw new ConfigException(source, 0, 0, null, "cannot read: " + e.getMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) root = JsonNodeFactory.instance.objectNode();
    ConfigBinder binder = new ConfigBinder(locations);
    if (!root.isObject()) throw binder.error("", "an experiment file is a mapping of sections (name, seed, data, transforms, models, probes, metrics, checkpoints, watch)");
    ObjectNode doc = (ObjectNode) root;
    for (String o : overrides) Overrides.apply(doc, o, locations);
    JsonNode sweepNode = doc.remove("sweep");
    JsonNode clusterNode = doc.remove("cluster");
    SweepSpec sweep = sweepNode == null || sweepNode.isNull() ? null : binder.bind(sweepNode, "/sweep", SweepSpec.class);
    if (sweep != null) checkGrid(sweep, binder);
    ClusterConfig cluster = clusterNode == null || clusterNode.isNull() ? null : binder.bind(clusterNode, "/cluster", ClusterConfig.class);
    Experiment base = resolve(file, doc.deepCopy(), binder);
    if (sweep == null) return new Plan(base, null, List.of(new Plan.Point("run", base.seed(), new LinkedHashMap<>(), base)), cluster, List.copyOf(overrides));
    return new Plan(base, sweep, points ? points(file, doc, sweep, base, locations) : List.of(), cluster, List.copyOf(overrides));
  }

  /**
   * An experiment of a data section alone, written on a command line: a source plugin and its keys
   * as {@code KEY=VALUE} (as overrides are written; {@code train_limit} and {@code test_limit}
   * included), each checked as in a file; for commands that only read the data. Relative paths
   * resolve against the working directory.
   */
  public Experiment dataOnly(String plugin, List<String> keyValues) {
    String source = "the command line";
    if (!plugin.matches("[A-Za-z0-9._+-]+")) throw new ConfigException(source, 0, 0, "data.plugin", "a source plugin's name, got '" + plugin + "'");
    String text = "data:\n  plugin: " + plugin + "\n";
    ObjectNode doc;
    Locations locations;
    try (JsonParser p = YAML.createParser(text); JsonParser q = YAML.createParser(text)) {
      doc = (ObjectNode) TREE.readTree(p);
      locations = Locations.index(source, q);
    } catch (IOException e) {
      throw new IllegalStateException("the generated data section does not parse: " + text, e);
    }
    for (String kv : keyValues) Overrides.apply(doc, "data." + kv, locations, kv);
    ConfigBinder binder = new ConfigBinder(locations);
    ObjectNode dataNode = section(doc.get("data"), "/data", binder);
    DataKeys dataKeys = binder.bind(take(dataNode, "train_limit", "test_limit"), "/data", DataKeys.class);
    PluginUse data = use("data", dataNode, "/data", null, registry.sources(), "sources", binder);
    return new Experiment(Path.of("").toAbsolutePath().resolve("command-line"), "data", 0, data, new Experiment.DataLimits(dataKeys.trainLimit(), dataKeys.testLimit()),
        Map.of(), Map.of(), Map.of(), null, null, null, doc, binder);
  }

  /** Each grid key is a dotted key of the experiment with at least one value (named at its own line). */
  private static void checkGrid(SweepSpec sweep, ConfigBinder binder) {
    for (var e : sweep.grid().entrySet()) {
      String at = "/sweep/grid/" + Locations.escape(e.getKey());
      String k = e.getKey();
      if (!k.matches("[A-Za-z0-9._+-]+") || k.startsWith(".") || k.endsWith(".") || k.contains("..")) throw binder.error(at, "expected a dotted key such as models.AE.iterations");
      if (k.equals("seed")) throw binder.error(at, "list seeds under sweep.seeds");
      if (k.startsWith("sweep.") || k.startsWith("cluster.")) throw binder.error(at, "a sweep cannot sweep its own settings");
      if (e.getValue() == null || e.getValue().isEmpty()) throw binder.error(at, "names no value");
      // the same value twice would run the same point twice and count it as two seeds' worth of evidence
      List<JsonNode> values = e.getValue();
      for (int i = 0; i < values.size(); i++) {
        for (int j = 0; j < i; j++) {
          if (sameValue(values.get(i), values.get(j))) throw binder.error(at + "/" + i, "the value " + values.get(i) + " is listed twice (also at [" + j + "]): each point would run twice");
        }
      }
    }
    long runs = sweep.seeds() == null ? 1 : sweep.seeds().size();
    for (List<JsonNode> values : sweep.grid().values()) {
      runs *= values.size();
      if (runs > MAX_POINTS) throw binder.error("/sweep", "the sweep makes more than " + MAX_POINTS + " runs (grid combinations times seeds): split it into several files");
    }
  }

  /** Equal as values: 30 and 30.0 are one number. */
  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) return a.doubleValue() == b.doubleValue();
    return a.equals(b);
  }

  /** Every grid combination (file order, the last key fastest) with every seed (innermost). */
  private List<Plan.Point> points(Path file, ObjectNode doc, SweepSpec sweep, Experiment base, Locations locations) {
    List<String> keys = new ArrayList<>(sweep.grid().keySet());
    List<Long> seeds = sweep.seeds() != null ? sweep.seeds() : List.of(base.seed());
    int combos = 1;
    for (String k : keys) combos = Math.multiplyExact(combos, sweep.grid().get(k).size());
    List<Plan.Point> out = new ArrayList<>();
    int width = String.valueOf(combos * seeds.size() - 1).length();
    for (int c = 0; c < combos; c++) {
      int[] pick = new int[keys.size()];
      for (int k = keys.size() - 1, rest = c; k >= 0; k--) {
        int n = sweep.grid().get(keys.get(k)).size();
        pick[k] = rest % n;
        rest /= n;
      }
      for (int si = 0; si < seeds.size(); si++) {
        ObjectNode pointDoc = doc.deepCopy();
        Locations pl = locations.copy();
        LinkedHashMap<String, String> grid = new LinkedHashMap<>();
        StringBuilder label = new StringBuilder("seed=" + seeds.get(si));
        Overrides.set(pointDoc, "seed", LongNode.valueOf(seeds.get(si)), pl,
            sweep.seeds() != null ? locations.find("/sweep/seeds/" + si) : locations.find("/seed"));
        for (int k = 0; k < keys.size(); k++) {
          String key = keys.get(k);
          JsonNode value = sweep.grid().get(key).get(pick[k]);
          String text = value.isValueNode() ? value.asText() : value.toString();
          grid.put(key, text);
          String shortKey = key.substring(key.lastIndexOf('.') + 1);
          label.append(',').append(shortKey).append('=').append(text.replaceAll("[^A-Za-z0-9._+-]", "_"));
          Overrides.set(pointDoc, key, value, pl, locations.find("/sweep/grid/" + Locations.escape(key) + "/" + pick[k]));
        }
        String id = String.format("%0" + width + "d", out.size()) + "-" + label;
        out.add(new Plan.Point(id, seeds.get(si), grid, resolve(file, pointDoc, new ConfigBinder(pl))));
      }
    }
    return out;
  }

  private Experiment resolve(Path file, ObjectNode doc, ConfigBinder binder) {
    FileShape shape = binder.bind(doc, "", FileShape.class);
    if (shape.name() == null || shape.name().isBlank()) throw binder.error("/name", "required key is missing (it names the run directory)");
    if (!shape.name().matches("[A-Za-z0-9._-]+")) throw binder.error("/name", "use letters, digits, '.', '_' or '-' (it names a directory), got '" + shape.name() + "'");
    checkLength(shape.name(), "/name", binder);
    if (shape.seed() == null) throw binder.error("/seed", "required key is missing");

    if (shape.data() == null) throw binder.error("/data", "required section is missing (e.g. {plugin: mnist})");
    ObjectNode dataNode = section(shape.data(), "/data", binder);
    DataKeys dataKeys = binder.bind(take(dataNode, "train_limit", "test_limit"), "/data", DataKeys.class);
    PluginUse data = use("data", dataNode, "/data", null, registry.sources(), "sources", binder);
    Experiment.DataLimits limits = new Experiment.DataLimits(dataKeys.trainLimit(), dataKeys.testLimit());

    if (shape.transforms() == null || shape.transforms().isEmpty()) {
      throw binder.error("/transforms", "required section is missing: at least one transform (e.g. rotation: {amounts: [-90, -45, 0, 45, 90]})");
    }
    Map<String, Experiment.TransformUse> transforms = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : shape.transforms().entrySet()) {
      String ptr = "/transforms/" + Locations.escape(e.getKey());
      checkName(e.getKey(), ptr, binder);
      ObjectNode node = section(e.getValue(), ptr, binder);
      TransformKeys keys = binder.bind(take(node, "amounts"), ptr, TransformKeys.class);
      PluginUse u = use(e.getKey(), node, ptr, e.getKey(), registry.transforms(), "transforms", binder);
      @SuppressWarnings("unchecked")
      OptionalDouble identity = ((Transform<Object>) registry.transforms().get(u.plugin())).identity(u.config());
      transforms.put(e.getKey(), new Experiment.TransformUse(u, List.copyOf(keys.amounts()), identity));
    }
    String defaultTransform = transforms.keySet().iterator().next();

    if (shape.models() == null || shape.models().isEmpty()) throw binder.error("/models", "required section is missing: at least one model (e.g. MLP: {plugin: mlp, layers: [256, 128]})");
    Map<String, Experiment.ModelUse> declared = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : shape.models().entrySet()) {
      String ptr = "/models/" + Locations.escape(e.getKey());
      checkName(e.getKey(), ptr, binder);
      ObjectNode node = section(e.getValue(), ptr, binder);
      ModelKeys keys = binder.bind(take(node, "on", "transform"), ptr, ModelKeys.class);
      PluginUse u = use(e.getKey(), node, ptr, null, registry.models(), "models", binder);
      String transform = keys.transform() == null ? defaultTransform : keys.transform();
      if (!transforms.containsKey(transform)) throw binder.error(ptr + "/transform", "no transform named '" + transform + "'; transforms: " + String.join(", ", transforms.keySet()));
      declared.put(e.getKey(), new Experiment.ModelUse(u, keys.on(), transform));
    }
    Map<String, Experiment.ModelUse> models = ordered(declared, binder);

    Map<String, Experiment.ProbeUse> probes = new LinkedHashMap<>();
    if (shape.probes() != null) {
      Experiment partial = new Experiment(file, shape.name(), shape.seed(), data, limits, transforms, models, Map.of(), null, null, null, null, binder);
      List<String> leaves = partial.leafModels();
      Map<String, Integer> depths = ProbeReferences.depths(models, registry);
      for (Map.Entry<String, JsonNode> e : shape.probes().entrySet()) {
        String ptr = "/probes/" + Locations.escape(e.getKey());
        checkName(e.getKey(), ptr, binder);
        // a probe written with nothing after its name ("accuracy:") takes every default, as "accuracy: {}" does
        JsonNode v = e.getValue() == null || e.getValue().isNull() || e.getValue().isMissingNode() || e.getValue().isTextual() && e.getValue().asText().isEmpty()
            ? JsonNodeFactory.instance.objectNode() : e.getValue();
        ObjectNode node = section(v, ptr, binder);
        ProbeKeys keys = binder.bind(take(node, "models", "transform"), ptr, ProbeKeys.class);
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
    }
    MetricsConfig metrics = shape.metrics() == null ? MetricsConfig.defaults() : binder.bind(shape.metrics(), "/metrics", MetricsConfig.class);
    CheckpointConfig checkpoints = shape.checkpoints() == null ? CheckpointConfig.defaults() : binder.bind(shape.checkpoints(), "/checkpoints", CheckpointConfig.class);
    WatchConfig watch = shape.watch() == null ? null : watch(binder.bind(shape.watch(), "/watch", WatchConfig.class), models.keySet(), binder);
    return new Experiment(file, shape.name(), shape.seed(), data, limits, transforms, models, probes, metrics, checkpoints, watch, doc.deepCopy(), binder);
  }

  /** The watch's probes and models must exist; no probes named means every training probe there is. */
  private WatchConfig watch(WatchConfig w, Set<String> models, ConfigBinder binder) {
    Set<String> known = registry.trainingProbes().keySet();
    if (w.probes() == null && known.isEmpty()) throw binder.error("/watch", "no plugin on the class path offers a training probe (a plugin offers one with trainingProbe(name) in its PluginModule)");
    List<String> probes = w.probes() == null ? List.copyOf(known) : w.probes();
    for (int i = 0; w.probes() != null && i < probes.size(); i++) {
      if (!known.contains(probes.get(i))) {
        throw binder.error("/watch/probes/" + i, "no training probe named '" + probes.get(i) + "'" + DidYouMean.suggest(probes.get(i), known).map(s -> " (did you mean '" + s + "'?)").orElse("")
            + "; training probes: " + (known.isEmpty() ? "none" : String.join(", ", known)));
      }
    }
    for (int i = 0; w.models() != null && i < w.models().size(); i++) {
      if (!models.contains(w.models().get(i))) throw binder.error("/watch/models/" + i, "no model named '" + w.models().get(i) + "'; models: " + String.join(", ", models));
    }
    return new WatchConfig(probes, w.every(), w.images(), w.amounts(), w.models());
  }

  /** Moves the framework's own keys out of a plugin section, so each side binds only its keys. */
  private static ObjectNode take(ObjectNode node, String... keys) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String k : keys) if (node.has(k)) out.set(k, node.remove(k));
    return out;
  }

  private static void checkName(String name, String pointer, ConfigBinder binder) {
    if (!name.matches("[A-Za-z0-9._+-]+")) throw binder.error(pointer, "use letters, digits, '.', '_', '+' or '-' in a name (it appears in file names and results), got '" + name + "'");
    checkLength(name, pointer, binder);
  }

  /** The longest name: it goes into file names with a store key and suffixes, which file systems cap at 255 bytes. */
  static final int MAX_NAME = 100;

  /** A name that starts with '.' would be hidden or climb out of its folder ("..", "."); one too long names no file. */
  private static void checkLength(String name, String pointer, ConfigBinder binder) {
    if (name.startsWith(".")) throw binder.error(pointer, "a name may not start with '.' (it names files and folders: '.' and '..' are not names of their own), got '" + name + "'");
    if (name.length() > MAX_NAME) throw binder.error(pointer, "a name of " + name.length() + " characters is too long for the file names made from it; at most " + MAX_NAME);
  }

  /**
   * Checks every {@code on:} (it names a declared model, the plugin accepts it, no cycles) and orders
   * the models so that each comes after the stage it builds on, otherwise in file order.
   */
  private Map<String, Experiment.ModelUse> ordered(Map<String, Experiment.ModelUse> declared, ConfigBinder binder) {
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
      throw binder.error(name == null ? pointer : pointer + "/plugin", "unknown plugin '" + pluginName + "'"
          + DidYouMean.suggest(pluginName, plugins.keySet()).map(k -> " (did you mean '" + k + "'?)").orElse("") + "; known " + kind + ": "
          + (plugins.isEmpty() ? "(none on the class path)" : String.join(", ", plugins.keySet())));
    }
    Object config = binder.bind(node, pointer, plugin.configType());
    JsonNode resolvedTree = ConfigBinder.MAPPER.valueToTree(config);
    return new PluginUse(id, pluginName, config, resolvedTree, pointer);
  }

  /** The experiment file as text; what goes wrong said in plain words (no such file, not UTF-8 at byte N). */
  static String readText(Path file) {
    String source = file.toString();
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) throw new ConfigException(source, 0, 0, null, "is a directory, not an experiment file");
      if (Files.size(file) > MAX_BYTES) throw tooLarge(source);
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(source, 0, 0, null, "no such file");
    } catch (AccessDeniedException e) {
      throw new ConfigException(source, 0, 0, null, "not readable (permission denied)");
    } catch (IOException e) {
      throw new ConfigException(source, 0, 0, null, "cannot be read: " + e.getMessage());
    }
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = utf8.decode(in, out, true);
    if (r.isError()) {
      throw new ConfigException(source, 0, 0, null, String.format("not UTF-8 text (byte 0x%02X at offset %d)", bytes[in.position()] & 0xff, in.position()));
    }
    utf8.flush(out);
    return out.flip().toString();
  }

  private static ConfigException tooLarge(String source) {
    return new ConfigException(source, 0, 0, null, "the file is larger than " + (MAX_BYTES >> 20) + " MiB; an experiment file is a few KiB");
  }

  /** Data paths are relative to the experiment file's directory. */
  public static Path resolvePath(Path experimentFile, String path) {
    Path p = Path.of(path);
    if (p.isAbsolute()) return p;
    Path dir = experimentFile.toAbsolutePath().getParent();
    return dir == null ? p : dir.resolve(p).normalize();
  }

  /** The column where {@code key} starts on a line of the text (1-based), else {@code fallback}. */
  private static int keyColumn(String text, int line, String key, int fallback) {
    List<String> lines = text.lines().toList();
    if (line > lines.size()) return fallback;
    Matcher m = Pattern.compile("(^|[\\s{,])" + Pattern.quote(key) + "\\s*:").matcher(lines.get(line - 1));
    return m.find() ? m.start() + m.group(1).length() + 1 : fallback;
  }

  /** SnakeYAML's events in Jackson's complaints ("got this instead: <org.yaml.snakeyaml.events.SequenceStartEvent(...)>") in words. */
  private static String yamlWords(String problem) {
    Matcher m = Pattern.compile("<?org\\.yaml\\.snakeyaml\\.events\\.(\\w+?)Event(\\(.*\\)>?)?").matcher(problem);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String what = switch (m.group(1)) {
        case "MappingStart" -> "a mapping";
        case "SequenceStart" -> "a list";
        case "Scalar" -> "a value";
        case "MappingEnd" -> "the end of a mapping";
        case "SequenceEnd" -> "the end of a list";
        default -> "the end of the document";
      };
      m.appendReplacement(b, Matcher.quoteReplacement(what));
    }
    m.appendTail(b);
    return b.toString().replace("Expected a field name (Scalar value in YAML), got this instead:", "expected a key, got");
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}
