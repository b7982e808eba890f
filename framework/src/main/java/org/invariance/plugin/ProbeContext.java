package org.invariance.plugin;

import java.util.List;
import org.invariance.data.Dataset;
import org.invariance.data.DatasetSpec;
import org.invariance.metrics.Progress;
import org.invariance.nn.Activations;
import org.invariance.nn.Classifier;
import org.invariance.results.ResultWriter;

/** What a probe may use. Every call may block while the bus serves it; probes run on workers. */
public interface ProbeContext {
  /** The probe's name in the experiment (its CSV is {@code <name>.csv}). */
  String probeName();

  /** Names of the classifiers, in declaration order (one per encoder). */
  List<String> models();

  Classifier classifier(String model);

  /** A test-split dataset view (e.g. MNIST_30, MNIST_mix, MNIST^7_0). */
  Dataset dataset(DatasetSpec spec);

  /** Layer activations of {@code model} on {@code spec}; computed once per pair for all probes. */
  Activations activations(String model, DatasetSpec spec);

  /**
   * The writer for this probe's tidy CSV with the given key columns between {@code dataset} and
   * {@code metric} (e.g. "angle", "digit"). Rows are flushed as they come, so they survive a later
   * failure.
   */
  ResultWriter results(String... keyColumns);

  /** A seed derived from the experiment seed and {@code purpose}. */
  long seed(String purpose);

  Progress progress(String phase, long total);
}
