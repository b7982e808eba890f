package org.invariance.plugin;

import java.util.List;
import java.util.OptionalDouble;
import org.invariance.data.Dataset;
import org.invariance.data.DatasetSpec;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.model.Model;
import org.invariance.results.ResultWriter;

/** What a probe may use. Every call may block while the bus serves it; probes run on workers. */
public interface ProbeContext {
  /** The probe's name in the experiment (its CSV is {@code <name>.csv}). */
  String probeName();

  /** The models this probe measures ({@code models:} in its section; by default every model no other model builds on), in order. */
  List<String> models();

  Model model(String name);

  /** The class names of the data, by index. */
  List<String> classes();

  /** The amounts declared for this probe's transform ({@code transform:} in its section; the experiment's first by default). */
  List<Double> amounts();

  /**
   * This probe's transform as its defaults see it ({@link Probe#withDefaults}): name, plugin,
   * identity and declared amounts. By default one that declares no identity, named "transform".
   */
  default ProbeTransform transform() {
    return new ProbeTransform("transform", "", OptionalDouble.empty(), amounts());
  }

  /** A test-split dataset (e.g. MNIST_30, MNIST_mix, MNIST^7_0); a spec without a transform means this probe's. */
  Dataset dataset(DatasetSpec spec);

  /**
   * Layer activations of {@code model} on {@code spec}, computed once per pair for all probes and
   * lent to this probe: close them when done to free their memory early (they are given back when
   * the probe ends in any case).
   */
  Activations activations(String model, DatasetSpec spec);

  /**
   * The writer for this probe's tidy CSV with the given key columns between {@code dataset} and
   * {@code metric} (e.g. "amount", "digit"). A key column holds numbers (Integer, Double) or text
   * (String), never both, and null where it does not apply. Rows are flushed as they come, so they
   * survive a later failure.
   */
  ResultWriter results(String... keyColumns);

  /**
   * The writer for this probe's summary rows, {@code <name>_summary.csv}: numbers that aggregate
   * the raw rows of {@link #results} (means and medians over images, counts and fractions over
   * neurons, means over trials or datasets), kept apart so every row of {@code <name>.csv} is one
   * raw measurement. Its own key columns; the same rules.
   */
  ResultWriter summary(String... keyColumns);

  /** A seed derived from the experiment seed and {@code purpose}. */
  long seed(String purpose);

  /** A progress reporter (terminal and metrics) for a phase of {@code total} steps ("steps" on the terminal). */
  Progress progress(String phase, long total);

  /**
   * As {@link #progress(String, long)}, naming what a step is, in the plural ("images", "pairs", "models"), as the
   * terminal shows it ("3/14 pairs 22.5 s/pair"). Contexts that know no units fall back to the unit-less one.
   */
  default Progress progress(String phase, long total, String unit) {
    return progress(phase, total);
  }
}
