package org.invariance.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.invariance.config.ClusterConfig;
import org.invariance.config.InvalidConfig;
import org.invariance.plugin.PluginRegistry;

/**
 * YAML file + {@code --set} overrides -> validated {@link Experiment}. Every problem is a
 * {@link ConfigException} naming file, line, column and field. The steps have classes of their own:
 * {@link ExperimentYaml} reads and parses the file, {@link Overrides} applies {@code --set},
 * {@link SweepPoints} checks and expands a sweep, {@link ExperimentSections} binds the sections
 * (through {@link PluginSections}, checking references with {@link ModelOrder},
 * {@link ProbeReferences} and {@link WatchReferences}), {@link OneLineErrors} keeps each error one line.
 */
public final class ExperimentLoader {
  /** An experiment file is a few KiB: one of more than 1 MiB is refused before it is parsed. */
  static final int MAX_BYTES = 1 << 20;
  /** Mappings and lists nest no deeper than this (an experiment needs five or six levels). */
  static final int MAX_DEPTH = 64;

  // the file's schema, which ExperimentSections binds the tree to

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

  private final ExperimentSections sections;

  public ExperimentLoader(PluginRegistry registry) {
    this.sections = new ExperimentSections(registry);
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
    return OneLineErrors.oneLine(() -> plan(file, text, overrides, true));
  }

  private Plan plan(Path file, List<String> overrides, boolean points) {
    return OneLineErrors.oneLine(() -> plan(file, ExperimentYaml.readText(file), overrides, points));
  }

  private Plan plan(Path file, String text, List<String> overrides, boolean points) {
    ExperimentYaml.Parsed parsed = ExperimentYaml.parse(file.toString(), text);
    JsonNode root = parsed.root();
    Locations locations = parsed.locations();
    if (root == null || root.isMissingNode() || root.isNull()) root = JsonNodeFactory.instance.objectNode();
    ConfigBinder binder = new ConfigBinder(locations);
    if (!root.isObject()) throw binder.error("", "an experiment file is a mapping of sections (name, seed, data, transforms, models, probes, metrics, checkpoints, watch)");
    ObjectNode doc = (ObjectNode) root;
    for (String o : overrides) Overrides.apply(doc, o, locations);
    JsonNode sweepNode = doc.remove("sweep");
    JsonNode clusterNode = doc.remove("cluster");
    SweepSpec sweep = sweepNode == null || sweepNode.isNull() ? null : binder.bind(sweepNode, "/sweep", SweepSpec.class);
    if (sweep != null) SweepPoints.checkGrid(sweep, binder);
    ClusterConfig cluster = clusterNode == null || clusterNode.isNull() ? null : binder.bind(clusterNode, "/cluster", ClusterConfig.class);
    Experiment base = sections.resolve(file, doc.deepCopy(), binder);
    if (sweep == null) return new Plan(base, null, List.of(new Plan.Point("run", base.seed(), new LinkedHashMap<>(), base)), cluster, List.copyOf(overrides));
    return new Plan(base, sweep, points ? SweepPoints.points(file, doc, sweep, base, locations, sections) : List.of(), cluster, List.copyOf(overrides));
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
    ExperimentYaml.Parsed parsed = ExperimentYaml.generated(source, text);
    ObjectNode doc = (ObjectNode) parsed.root();
    Locations locations = parsed.locations();
    for (String kv : keyValues) Overrides.apply(doc, "data." + kv, locations, kv);
    return sections.dataOnly(doc, new ConfigBinder(locations));
  }

  /** Data paths are relative to the experiment file's directory. */
  public static Path resolvePath(Path experimentFile, String path) {
    Path p = Path.of(path);
    if (p.isAbsolute()) return p;
    Path dir = experimentFile.toAbsolutePath().getParent();
    return dir == null ? p : dir.resolve(p).normalize();
  }
}
