package org.invariance.plugin;

import java.util.Optional;
import org.invariance.data.Digits;
import org.invariance.data.MixSampler;
import org.invariance.metrics.Progress;
import org.invariance.nn.Encoder;

/** What a trainer may use: training digits, the experiment's transform, its upstream encoder. */
public interface TrainingContext {
  /** The model's name in the experiment (e.g. "AER"). */
  String modelName();

  /** The upright training digits. */
  Digits trainDigits();

  /** The experiment's transform with its mix set, for corruption by random amounts. */
  MixSampler mix();

  /** For a head: the frozen encoder it sits on. Empty for encoders. */
  Optional<Encoder> upstream();

  /** A seed derived from the experiment seed and {@code purpose}; stable across runs and JVMs. */
  long seed(String purpose);

  /** A progress reporter (terminal and metrics) for a phase of {@code total} steps. */
  Progress progress(String phase, long total);
}
