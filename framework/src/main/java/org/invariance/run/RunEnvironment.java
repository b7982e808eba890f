package org.invariance.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.invariance.data.DatasetFactory;
import org.invariance.data.Split;
import org.invariance.data.TransformFamily;
import org.invariance.experiment.Experiment;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.invariance.results.Provenance;

/**
 * What the run's services share: the experiment, plugins, data, transform families, model store,
 * metrics, provenance, and the two worker pools. Compute (training, activations, dataset building)
 * runs one task at a time because each task already uses every core through BLAS; probes get their
 * own pool because they block on the bus while compute serves them.
 */
public final class RunEnvironment {
  private static final long NO_LIMIT_DAYS = 7;
  final Vertx vertx;
  final Experiment experiment;
  final PluginRegistry plugins;
  final Split split;
  final Map<String, TransformFamily> families;
  final DatasetFactory datasets;
  final ModelStore store;
  final RunMetrics metrics;
  final Provenance provenance;
  final Path outDir;
  private final String runId;
  final Runner.CheckpointSaved checkpointSaved;
  /** The seeds each probe derived, by its name, for its provenance entry. */
  final Map<String, ObjectNode> probeSeeds = new ConcurrentHashMap<>();
  private final WorkerExecutor compute;
  private final WorkerExecutor probes;

  RunEnvironment(Vertx vertx, Experiment experiment, PluginRegistry plugins, Split split, Map<String, TransformFamily> families, ModelStore store,
      RunMetrics metrics, Provenance provenance, Path outDir, String runId, Runner.CheckpointSaved checkpointSaved) {
    this.vertx = vertx;
    this.experiment = experiment;
    this.plugins = plugins;
    this.split = split;
    this.families = Map.copyOf(families);
    this.datasets = new DatasetFactory(split.test(), split.train(), families, experiment.seed());
    this.store = store;
    this.metrics = metrics;
    this.provenance = provenance;
    this.outDir = outDir;
    this.runId = runId;
    this.checkpointSaved = checkpointSaved;
    this.compute = vertx.createSharedWorkerExecutor("invariance-compute", 1, NO_LIMIT_DAYS, TimeUnit.DAYS);
    this.probes = vertx.createSharedWorkerExecutor("invariance-probes", 2, NO_LIMIT_DAYS, TimeUnit.DAYS);
  }

  /**
   * The run's id as every row of its CSVs writes it ({@code run_id}): {@link Runner.Options#runId()},
   * the run directory's name, or {@code <sweep directory>/<point id>} for a sweep's point.
   */
  public String runId() {
    return runId;
  }

  /** Runs heavy work on the compute pool (one task at a time). */
  <T> Future<T> compute(Callable<T> task) {
    return compute.executeBlocking(task, true);
  }

  <T> Future<T> probe(Callable<T> task) {
    return probes.executeBlocking(task, false);
  }

  void close() {
    compute.close();
    probes.close();
  }
}
