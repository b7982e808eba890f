package org.invariance.run;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.HashMap;
import java.util.Map;
import org.invariance.bus.Addresses;
import org.invariance.bus.Events;
import org.invariance.data.Dataset;
import org.invariance.data.DatasetSpec;

/** Serves dataset views, each built once per run (on the compute pool) and shared by reference. */
final class DatasetService extends VerticleBase {
  private final RunEnvironment env;
  private final Map<DatasetSpec, Future<Dataset>> built = new HashMap<>();

  DatasetService(RunEnvironment env) {
    this.env = env;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<Events.DatasetRequest>consumer(Addresses.DATASET_REQUESTED, m -> {
      DatasetSpec spec = m.body().spec();
      Future<Dataset> f = built.computeIfAbsent(spec, s -> {
        long t0 = System.nanoTime();
        return env.compute(() -> env.datasets.build(s)).onSuccess(d ->
            vertx.eventBus().publish(Addresses.DATASET_READY, new Events.Ready(d.name(), (System.nanoTime() - t0) / 1e9, d.count() + " images")));
      });
      Replies.reply(m, f, "dataset " + spec, env.metrics);
    }).completion();
  }
}
