package org.invariance.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.invariance.config.CheckpointConfig;
import org.invariance.config.WatchConfig;
import org.invariance.metrics.MetricsConfig;
import org.invariance.plugin.ProbeTransform;

/**
 * A validated, immutable experiment: everything a run needs, resolved from the YAML file and its
 * command-line overrides. Each part names the plugin that makes it.
 *
 * @param file the experiment file
 * @param name the experiment's name (runs go to {@code runs/<name>/<time>-<config id>/})
 * @param seed the one seed every random choice derives from
 * @param data the source of the labelled images ({@code data:})
 * @param limits how many of its images the run keeps ({@code data.train_limit}, {@code data.test_limit})
 * @param transforms transform families by name, in file order ({@code transforms:}); the first is the default
 * @param models model stages by name, in dependency-respecting file order ({@code models:})
 * @param probes probes by name, in file order ({@code probes:})
 * @param metrics where the Prometheus scrape endpoint listens
 * @param checkpoints how often trainers save their state ({@code checkpoints:})
 * @param watch the light probes run while models train ({@code watch:}), or null for none
 * @param resolved the resolved document (after overrides), for provenance
 * @param places where each key stands in the file, for problems found only while running (a data
 *     file a source cannot find)
 */
public record Experiment(
    Path file,
    String name,
    long seed,
    PluginUse data,
    DataLimits limits,
    Map<String, TransformUse> transforms,
    Map<String, ModelUse> models,
    Map<String, ProbeUse> probes,
    MetricsConfig metrics,
    CheckpointConfig checkpoints,
    WatchConfig watch,
    ObjectNode resolved,
    ConfigBinder places) {

  /**
   * A transform family and the amounts T_a exist for (and T_mix draws from).
   *
   * @param identity the amount that leaves an image unchanged, as its plugin declares it (empty: none)
   */
  public record TransformUse(PluginUse use, List<Double> amounts, OptionalDouble identity) {}

  /**
   * The data's source and what the framework keeps of it.
   *
   * @param trainLimit at most this many training images (each class its share), null for all
   * @param testLimit at most this many test images (each class its share), null for all
   */
  public record DataLimits(Integer trainLimit, Integer testLimit) {
    public static final DataLimits NONE = new DataLimits(null, null);
  }

  /**
   * A model stage.
   *
   * @param on the stage it builds on, or null
   * @param transform the transform family it may draw from in training
   */
  public record ModelUse(PluginUse use, String on, String transform) {}

  /**
   * A probe.
   *
   * @param models the models it measures
   * @param transform the transform family its dataset names refer to
   */
  public record ProbeUse(PluginUse use, List<String> models, String transform) {}

  /** A path written in the experiment, resolved against the experiment file's directory. */
  public Path resolve(String path) {
    return ExperimentLoader.resolvePath(file, path);
  }

  /** The default transform: the first declared. */
  public String defaultTransform() {
    return transforms.keySet().iterator().next();
  }

  /** The transform {@code name} as the defaults of a probe that measures it see it. */
  public ProbeTransform probeTransform(String name) {
    TransformUse t = transforms.get(name);
    return new ProbeTransform(name, t.use().plugin(), t.identity(), t.amounts());
  }

  /** The models no other model builds on: what probes measure by default. */
  public List<String> leafModels() {
    List<String> leaves = new ArrayList<>();
    for (String m : models.keySet()) {
      if (models.values().stream().noneMatch(u -> m.equals(u.on()))) leaves.add(m);
    }
    return leaves;
  }
}
