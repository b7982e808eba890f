package org.invariance.run;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
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
  private final Map<Events.ActivationsRequest, Entry> cache = new LinkedHashMap<>(16, 0.75f, true);

  private static final class Entry {
    Future<Activations> activations;
    int leases;
  }

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
      Entry e = cache.computeIfAbsent(r, k -> new Entry());
      if (e.activations == null) e.activations = compute(r);
      e.leases++;
      Replies.reply(m, e.activations, "activations " + r, env.metrics);
      e.activations.onComplete(x -> trim());
    }).completion();
    Future<?> release = vertx.eventBus().<Events.ActivationsRequest>consumer(Addresses.ACTIVATIONS_RELEASED, m -> {
      Entry e = cache.get(resolved(m.body()));
      if (e != null && e.leases > 0) e.leases--;
      trim();
    }).completion();
    return Future.all(lend, release);
  }

  private Events.ActivationsRequest resolved(Events.ActivationsRequest r) {
    return new Events.ActivationsRequest(r.model(), r.spec().withDefaultTransform(env.experiment.defaultTransform()));
  }

  /** Frees the least recently used activations that no probe holds until the rest fit the budget. */
  private void trim() {
    long total = 0;
    for (Entry e : cache.values()) if (e.activations.succeeded()) total += e.activations.result().bytes();
    for (Iterator<Entry> it = cache.values().iterator(); it.hasNext() && total > BUDGET_BYTES; ) {
      Entry e = it.next();
      if (e.leases > 0 || !e.activations.isComplete()) continue;
      if (e.activations.succeeded()) {
        total -= e.activations.result().bytes();
        e.activations.result().free();
      }
      it.remove();
    }
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
