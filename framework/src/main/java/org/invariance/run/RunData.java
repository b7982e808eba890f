package org.invariance.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.invariance.config.InvalidConfig;
import org.invariance.data.Split;
import org.invariance.data.TransformFamily;
import org.invariance.experiment.ConfigBinder;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.metrics.Progress;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.invariance.plugin.Source;
import org.invariance.plugin.SourceContext;
import org.invariance.plugin.Transform;
import org.invariance.results.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data a run works on: the source's images, less the experiment's limits, and the transform
 * families bound to them. Whatever the data makes wrong (an empty half, an amount a transform
 * refuses on these images) is said at its line before any model trains.
 */
final class RunData {
  /** Runner's logger: run.log names it, and these lines were always the run's. */
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  private RunData() {}

  /** Step 2: the source plugin yields the training and test images. */
  static Split load(PluginRegistry plugins, Experiment exp, Path cacheDir, Provenance prov, RunMetrics metrics) throws IOException {
    ObjectNode data = prov.section("data");
    data.put("plugin", exp.data().plugin());
    Split split = split(plugins, exp, cacheDir, data, metrics);
    data.put("name", split.train().name());
    data.put("train_images", split.train().count());
    data.put("test_images", split.test().count());
    data.put("image_size", split.train().width() + "x" + split.train().height());
    data.put("image_shape", split.train().shape().toString());
    data.set("classes", ConfigBinder.MAPPER.valueToTree(split.classes()));
    data.put("checksum", split.checksum());
    prov.write();
    LOG.info("data: {} training and {} test images of {}, {} classes (checksum {})", split.train().count(), split.test().count(), split.train().name(),
        split.classes().size(), split.checksum().substring(0, 16));
    return split;
  }

  /** {@link Runner#loadSplit}: the source's images less the limits, never an empty half. */
  static Split split(PluginRegistry plugins, Experiment exp, Path cacheDir, ObjectNode record, RunMetrics metrics) throws IOException {
    @SuppressWarnings("unchecked")
    Source<Object> source = (Source<Object>) plugins.sources().get(exp.data().plugin());
    try {
      Split all = source.load(new SourceContext() {
        @Override public Path cacheDir() { return cacheDir; }
        @Override public Path resolve(String path) { return ExperimentLoader.resolvePath(exp.file(), path); }
        @Override public void record(String key, String value) { record.put(key, value); }
        @Override public Progress progress(String phase, long total) {
          return progress(phase, total, "steps");
        }

        @Override public Progress progress(String phase, long total, String unit) {
          return metrics == null ? Progress.silent() : metrics.probe("data", phase, total, unit);
        }
      }, exp.data().config());
      Experiment.DataLimits limits = exp.limits();
      if (limits.trainLimit() != null) record.put("train_limit", limits.trainLimit());
      if (limits.testLimit() != null) record.put("test_limit", limits.testLimit());
      Split split = all.limit(limits.trainLimit(), limits.testLimit());
      // an empty half would fail every model or probe later, in words that name neither
      for (boolean training : new boolean[] {true, false}) {
        if ((training ? split.train() : split.test()).count() == 0) {
          throw exp.places().error("/data", "the data has no " + (training ? "training" : "test") + " images (" + split.train().count() + " training, " + split.test().count()
              + " test" + (record.has("split") ? "; split: " + record.path("split").asText() : "") + "): a source's test_fraction or a limit leaves none");
        }
      }
      return split;
    } catch (InvalidConfig e) {
      throw exp.places().error("/data/" + e.field().replace('.', '/'), e.getMessage());
    }
  }

  /** Step 3: each transform plugin bound to its config and amounts, for images of the data's size; every amount prepared once. */
  static Map<String, TransformFamily> transformFamilies(PluginRegistry plugins, Experiment exp, Split split) {
    Map<String, TransformFamily> families = new LinkedHashMap<>();
    exp.transforms().forEach((name, t) -> {
      @SuppressWarnings("unchecked")
      Transform<Object> plugin = (Transform<Object>) plugins.transforms().get(t.use().plugin());
      Object config = t.use().config();
      TransformFamily family = new TransformFamily(name, (a, shape) -> plugin.prepare(config, a, shape), t.amounts(), split.train().shape());
      // prepare every amount now, so an amount the plugin refuses is bad input at its own line, before any training
      for (int i = 0; i < t.amounts().size(); i++) {
        try {
          family.op(t.amounts().get(i));
        } catch (IllegalArgumentException e) {
          throw exp.places().error("/transforms/" + name + "/amounts/" + i, e.getMessage());
        }
      }
      families.put(name, family);
    });
    return families;
  }
}
