package org.invariance.run;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.invariance.bus.Addresses;
import org.invariance.bus.Events;
import org.invariance.data.Dataset;
import org.invariance.data.DatasetSpec;

/**
 * Serves test datasets, each built on the compute pool and shared by reference. Only the few most
 * recently used are kept (a dataset is cheap to rebuild and every 10,000 images hold 31 MB); the
 * activations computed on a dataset keep it alive as long as they are cached.
 */
final class DatasetService extends VerticleBase {
  private static final int KEPT = 4;
  private final RunEnvironment env;
  private final Map<DatasetSpec, Future<Dataset>> built = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<DatasetSpec, Future<Dataset>> eldest) {
      return size() > KEPT && eldest.getValue().isComplete();
    }
  };

  DatasetService(RunEnvironment env) {
    this.env = env;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<Events.DatasetRequest>consumer(Addresses.DATASET_REQUESTED, m -> {
      DatasetSpec spec = m.body().spec().withDefaultTransform(env.experiment.defaultTransform());
      Future<Dataset> f = built.computeIfAbsent(spec, s -> {
        long t0 = System.nanoTime();
        return env.compute(() -> env.datasets.build(s)).onSuccess(d ->
            vertx.eventBus().publish(Addresses.DATASET_READY, new Events.Ready(d.name(), (System.nanoTime() - t0) / 1e9, d.count() + " images")));
      });
      Replies.reply(m, f, "dataset " + spec, env.metrics);
    }).completion();
  }
}
