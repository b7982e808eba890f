package org.invariance.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.invariance.config.Seeds;
import org.invariance.config.WatchConfig;
import org.invariance.data.Epochs;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.experiment.Experiment;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.invariance.plugin.PluginRegistry;
import org.invariance.plugin.TrainingProbe;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The experiment's {@code watch:}: a fixed sample of test images, drawn once from the experiment's
 * seed, and its copies under each watched amount of a transform (made once per transform). A look
 * runs the model as its trainer hands it over on the sample and on every copy, and asks each
 * training probe for one number per layer and amount. It only reads the model, so a watched
 * training and an unwatched one end with the same weights. Public for the bench, which times a look.
 */
public final class TrainingWatch {
  private final WatchConfig config;
  private final Map<String, TrainingProbe> probes = new LinkedHashMap<>();
  private final Images sample;
  private final INDArray original;
  private final Map<String, Map<Double, INDArray>> copies = new ConcurrentHashMap<>();

  public TrainingWatch(WatchConfig config, PluginRegistry plugins, Images test, long seed) {
    this.config = config;
    for (String p : config.probes()) probes.put(p, plugins.trainingProbes().get(p));
    int n = Math.min(config.images(), test.count());
    int[] drawn = Arrays.copyOf(Epochs.shuffled(test.count(), new SplittableRandom(Seeds.derive(seed, "watch/sample"))), n);
    this.sample = test.select(drawn);
    this.original = matrix(sample.pixels(), n, sample.size());
  }

  /** The watch of an experiment, or null when it has none. */
  static TrainingWatch of(Experiment e, PluginRegistry plugins, Images test) {
    return e.watch() == null ? null : new TrainingWatch(e.watch(), plugins, test, e.seed());
  }

  boolean watches(String model) {
    return config.watches(model);
  }

  /** A look is due every {@code every} iterations, before the first and after the last. */
  public boolean due(long iteration, long last) {
    return iteration % config.every() == 0 || iteration == last;
  }

  /** The probes' numbers for the model as it is now: layer by layer (1 = input), amount by amount, probe by probe. */
  /** A look whose numbers are dropped; returns how many it made (the bench times this). */
  public int look(Model model, TransformFamily family) {
    return look(model, family, "", 0, 0).size();
  }

  List<TrainingCurve.Point> look(Model model, TransformFamily family, String phase, long iteration, double seconds) {
    Forward upright = model.forward(original);
    List<TrainingCurve.Point> out = new ArrayList<>();
    for (Map.Entry<Double, INDArray> copy : copies(family).entrySet()) {
      Forward moved = model.forward(copy.getValue());
      for (int l = 0; l < upright.layers().size(); l++) {
        for (Map.Entry<String, TrainingProbe> p : probes.entrySet()) {
          double v = p.getValue().measure(upright.layers().get(l), moved.layers().get(l));
          out.add(new TrainingCurve.Point(phase, iteration, seconds, p.getValue().metric(), l + 1, copy.getKey(), v));
        }
      }
    }
    return out;
  }

  private Map<Double, INDArray> copies(TransformFamily family) {
    return copies.computeIfAbsent(family.name(), f -> {
      Map<Double, INDArray> m = new LinkedHashMap<>();
      int n = sample.count();
      int size = sample.size();
      for (double a : config.amounts() == null ? family.amounts() : config.amounts()) {
        float[] moved = new float[n * size];
        for (int i = 0; i < n; i++) family.op(a).apply(sample.pixels(), i * size, moved, i * size);
        m.put(a, matrix(moved, n, size));
      }
      return m;
    });
  }

  private static INDArray matrix(float[] values, int rows, int columns) {
    return Nd4j.create(values, new long[] {rows, columns}, 'c');
  }
}
