package org.invariance.run;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.invariance.bus.Addresses;
import org.invariance.bus.Bus;
import org.invariance.bus.Events;
import org.invariance.data.Dataset;
import org.invariance.model.Activations;
import org.invariance.model.Model;

/**
 * Computes each (model, dataset) pair's layer activations once and lends them to probes. Memory is
 * bounded: activations no probe holds are kept, most recently used first, up to a budget of bytes
 * ({@code INVARIANCE_ACTIVATION_CACHE_MB}, default 256); beyond it the least recently used are
 * freed at once (their native memory, not when the garbage collector gets to it).
 */
final class ActivationService extends VerticleBase {
  static final long BUDGET_BYTES = budget();
  private final RunEnvironment env;
  private final LendingCache<Events.ActivationsRequest, Activations> cache = new LendingCache<>(BUDGET_BYTES, Activations::bytes, Activations::free);

  ActivationService(RunEnvironment env) {
    this.env = env;
  }

  private static long budget() {
    String mb = System.getenv("INVARIANCE_ACTIVATION_CACHE_MB");
    try {
      return (mb == null || mb.isBlank() ? 256 : Long.parseLong(mb.trim())) << 20;
    } catch (NumberFormatException e) {
      return 256L << 20;
    }
  }

  @Override
  public Future<?> start() {
    Future<?> lend = vertx.eventBus().<Events.ActivationsRequest>consumer(Addresses.ACTIVATIONS_REQUESTED, m -> {
      Events.ActivationsRequest r = resolved(m.body());
      Replies.reply(m, cache.lend(r, this::compute, Activations::unchanged), "activations " + r, env.metrics);
    }).completion();
    Future<?> release = vertx.eventBus().<Events.ActivationsRequest>consumer(Addresses.ACTIVATIONS_RELEASED, m ->
        cache.giveBack(resolved(m.body()))).completion();
    return Future.all(lend, release);
  }

  private Events.ActivationsRequest resolved(Events.ActivationsRequest r) {
    return new Events.ActivationsRequest(r.model(), r.spec().withDefaultTransform(env.experiment.defaultTransform()));
  }

  private Future<Activations> compute(Events.ActivationsRequest r) {
    Future<Model> model = Bus.request(vertx, Addresses.MODEL_REQUESTED, new Events.ModelRequest(r.model()));
    Future<Dataset> data = Bus.request(vertx, Addresses.DATASET_REQUESTED, new Events.DatasetRequest(r.spec()));
    return Future.all(model, data).compose(all -> {
      long t0 = System.nanoTime();
      return env.compute(() -> Activations.of(r.model(), model.result(), data.result())).onSuccess(a ->
          vertx.eventBus().publish(Addresses.ACTIVATIONS_READY, new Events.Ready(r.model() + "@" + a.dataset().name(), (System.nanoTime() - t0) / 1e9, "")));
    });
  }
}
