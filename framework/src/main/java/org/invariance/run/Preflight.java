package org.invariance.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;
import org.invariance.data.ImageShape;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.PluginRegistry;
import org.invariance.plugin.Probe;
import org.invariance.plugin.Source;
import org.invariance.plugin.SourceContext;
import org.invariance.plugin.Transform;

/**
 * What is checked before any data loads, by {@code validate} and by the run alike, so bad input is
 * one line at the place in the experiment file that causes it rather than a failure an hour in:
 * every file the source and the models read exists; the data's image shape and classes as the
 * source tells them (every probe's class indices checked against those);
 * every model's files hold what its plugin can run on that shape; and every amount a transform
 * declares, and every dataset a probe will ask for (its defaults included), is one its transform
 * can make on that shape.
 */
public final class Preflight {
  /** The shape datasets are prepared on when the source tells none before loading. */
  static final ImageShape NOMINAL = ImageShape.grey(28, 28);

  private Preflight() {}

  /** Every check; the first problem is a {@code ConfigException} at its line. Returns the data's shape when the source told it. */
  public static Optional<ImageShape> check(Experiment exp, PluginRegistry plugins, Path cacheDir) {
    files(exp, plugins);
    Optional<ImageShape> shape = shape(exp, plugins, cacheDir);
    models(exp, plugins, shape);
    datasets(exp, plugins, shape.orElse(NOMINAL));
    sourceClasses(exp, plugins, cacheDir).ifPresent(classes -> classes(exp, plugins, classes));
    return shape;
  }

  /** The source's class names, when it tells them before loading. */
  @SuppressWarnings("unchecked")
  static Optional<List<String>> sourceClasses(Experiment exp, PluginRegistry plugins, Path cacheDir) {
    Source<Object> source = (Source<Object>) plugins.sources().get(exp.data().plugin());
    try {
      return source.classes(exp.data().config(), context(exp, cacheDir));
    } catch (InvalidConfig e) {
      throw exp.places().error("/data/" + e.field().replace('.', '/'), e.getMessage());
    } catch (IOException e) {
      throw exp.places().error("/data", "cannot tell the classes: " + e.getMessage());
    }
  }

  /** Every probe's config against the data's classes (a class index beyond them is bad input at its line). */
  @SuppressWarnings("unchecked")
  public static void classes(Experiment exp, PluginRegistry plugins, List<String> classes) {
    for (Experiment.ProbeUse probe : exp.probes().values()) {
      Probe<Object> plugin = (Probe<Object>) plugins.probes().get(probe.use().plugin());
      try {
        plugin.check(probe.use().config(), classes);
      } catch (InvalidConfig e) {
        throw exp.places().error(probe.use().pointer() + "/" + e.field().replace('.', '/'), e.getMessage());
      }
    }
  }

  /** Every file the data source and the models read exists and is readable. */
  @SuppressWarnings("unchecked")
  static void files(Experiment exp, PluginRegistry plugins) {
    Source<Object> source = (Source<Object>) plugins.sources().get(exp.data().plugin());
    source.files(exp.data().config()).forEach((field, path) -> checkFile(exp, "/data/" + field, path));
    exp.models().forEach((name, use) -> {
      ModelPlugin<Object> plugin = (ModelPlugin<Object>) plugins.models().get(use.use().plugin());
      plugin.files(use.use().config()).forEach((field, path) -> checkFile(exp, "/models/" + name + "/" + field, path));
    });
  }

  private static void checkFile(Experiment exp, String pointer, String path) {
    Path f = exp.resolve(path);
    if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
      throw exp.places().error(pointer, "no readable file " + f + (path.equals(f.toString()) ? "" : " ('" + path + "' from the experiment file's directory)"));
    }
  }

  /** The source's image shape, when it tells it before loading. */
  @SuppressWarnings("unchecked")
  static Optional<ImageShape> shape(Experiment exp, PluginRegistry plugins, Path cacheDir) {
    Source<Object> source = (Source<Object>) plugins.sources().get(exp.data().plugin());
    try {
      return source.shape(exp.data().config(), context(exp, cacheDir));
    } catch (InvalidConfig e) {
      throw exp.places().error("/data/" + e.field().replace('.', '/'), e.getMessage());
    } catch (IOException e) {
      throw exp.places().error("/data", "cannot tell the images' shape: " + e.getMessage());
    }
  }

  /** A source's context that records nothing (checks only). */
  static SourceContext context(Experiment exp, Path cacheDir) {
    return new SourceContext() {
      @Override public Path cacheDir() { return cacheDir; }
      @Override public Path resolve(String path) { return ExperimentLoader.resolvePath(exp.file(), path); }
      @Override public void record(String key, String value) {}
    };
  }

  /** Each model's plugin checks its files against the data's shape. */
  @SuppressWarnings("unchecked")
  static void models(Experiment exp, PluginRegistry plugins, Optional<ImageShape> shape) {
    exp.models().forEach((name, use) -> {
      ModelPlugin<Object> plugin = (ModelPlugin<Object>) plugins.models().get(use.use().plugin());
      Map<String, String> written = plugin.files(use.use().config());
      Map<String, Path> files = new LinkedHashMap<>();
      written.forEach((field, path) -> files.put(field, exp.resolve(path)));
      String at = "/models/" + name;
      try {
        plugin.check(use.use().config(), files, shape);
      } catch (InvalidConfig e) {
        throw exp.places().error(at + "/" + e.field().replace('.', '/'), e.getMessage());
      } catch (IOException e) {
        throw exp.places().error(written.isEmpty() ? at : at + "/" + written.keySet().iterator().next(), e.getMessage());
      }
    });
  }

  /**
   * Every amount a transform declares and every dataset a probe asks for (its defaults included;
   * the loader has checked each is declared or the identity) is one the transform can make on images
   * of {@code shape}.
   */
  @SuppressWarnings("unchecked")
  static void datasets(Experiment exp, PluginRegistry plugins, ImageShape shape) {
    Set<String> prepared = new HashSet<>();
    exp.transforms().forEach((name, t) -> {
      for (int i = 0; i < t.amounts().size(); i++) prepare(exp, plugins, name, t.amounts().get(i), shape, "/transforms/" + name + "/amounts/" + i, "", prepared);
    });
    for (Experiment.ProbeUse probe : exp.probes().values()) {
      Probe<Object> plugin = (Probe<Object>) plugins.probes().get(probe.use().plugin());
      for (Map.Entry<String, DatasetSpec> a : plugin.datasets(probe.use().config(), exp.probeTransform(probe.transform())).entrySet()) {
        DatasetSpec spec = a.getValue().withDefaultTransform(probe.transform());
        if (spec.isMix()) continue;
        String at = probe.use().pointer() + "/" + a.getKey().replace('.', '/');
        String written = exp.places().locations().has(at) ? "" : " (the default of " + a.getKey() + ")";
        prepare(exp, plugins, spec.transform(), spec.amount(), shape, at, written, prepared);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void prepare(Experiment exp, PluginRegistry plugins, String transform, double amount, ImageShape shape, String at, String written, Set<String> prepared) {
    if (!prepared.add(transform + "@" + amount)) return;
    Experiment.TransformUse t = exp.transforms().get(transform);
    Transform<Object> plugin = (Transform<Object>) plugins.transforms().get(t.use().plugin());
    try {
      plugin.prepare(t.use().config(), amount, shape);
    } catch (IllegalArgumentException e) {
      prepared.remove(transform + "@" + amount);
      throw exp.places().error(at, "transform '" + transform + "' cannot make amount " + DatasetSpec.at(amount).amountLabel() + written + " of " + shape + " images: " + e.getMessage());
    }
  }
}
