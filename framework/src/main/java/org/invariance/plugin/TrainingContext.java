package org.invariance.plugin;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.metrics.Progress;
import org.invariance.model.Model;

/** What a model plugin may use while training: the training images, a transform family, its upstream stage. */
public interface TrainingContext {
  /** The model's name in the experiment (e.g. "AER"). */
  String modelName();

  /** The untransformed training images, with their classes. */
  Images trainImages();

  /** The transform family the model may draw from ({@code transform:} in its section; the experiment's first by default). */
  TransformFamily transform();

  /** The stage this model builds on ({@code on:}), trained first. Empty for a model trained from scratch. */
  Optional<Model> upstream();

  /** A seed derived from the experiment seed and {@code purpose}; stable across runs and JVMs. */
  long seed(String purpose);

  /**
   * A path from the model's section (see {@link ModelPlugin#files}), resolved against the experiment
   * file's directory in a run; as given (against the working directory) by default.
   */
  default Path resolve(String path) {
    return Path.of(path);
  }

  /**
   * Where this model's training saves and finds its state (see {@link Checkpoint}); one per model
   * and its identity, so the same command after a crash resumes it. None by default.
   */
  default Checkpoint checkpoint() {
    return Checkpoint.NONE;
  }

  /**
   * Lets the experiment's {@code watch:} probes look at the model while it trains. A trainer calls
   * it after every iteration (and once before the first, with the iteration it starts from) with a
   * way to see the model as it is then; the view is asked for only when a look is due, and only
   * read. Does nothing by default and when the experiment watches nothing.
   */
  default void watch(long iteration, Supplier<Model> now) {}

  /** A progress reporter (terminal and metrics) for a phase of {@code total} steps ("iterations" on the terminal). */
  Progress progress(String phase, long total);

  /**
   * As {@link #progress(String, long)}, naming what a step is, in the plural ("epochs", "batches"). Contexts that know
   * no units fall back to the unit-less one.
   */
  default Progress progress(String phase, long total, String unit) {
    return progress(phase, total);
  }
}
