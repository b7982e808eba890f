package org.invariance.run;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.HashMap;
import java.util.Map;
import org.invariance.bus.Addresses;
import org.invariance.bus.Bus;
import org.invariance.bus.Events;
import org.invariance.data.Dataset;
import org.invariance.nn.Activations;
import org.invariance.nn.Classifier;
import org.invariance.plugin.ModelKind;

/** Computes each (model, dataset) pair's layer activations once and serves them to every probe. */
final class ActivationService extends VerticleBase {
  private final RunEnvironment env;
  private final Map<Events.ActivationsRequest, Future<Activations>> computed = new HashMap<>();

  ActivationService(RunEnvironment env) {
    this.env = env;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<Events.ActivationsRequest>consumer(Addresses.ACTIVATIONS_REQUESTED, m -> {
      Events.ActivationsRequest r = m.body();
      Future<Activations> f = computed.computeIfAbsent(r, this::compute);
      Replies.reply(m, f, "activations " + r, env.metrics);
    }).completion();
  }

  private Future<Activations> compute(Events.ActivationsRequest r) {
    Future<Classifier> model = Bus.request(vertx, Addresses.MODEL_REQUESTED, new Events.ModelRequest(r.model(), ModelKind.CLASSIFIER));
    Future<Dataset> data = Bus.request(vertx, Addresses.DATASET_REQUESTED, new Events.DatasetRequest(r.spec()));
    return Future.all(model, data).compose(all -> {
      long t0 = System.nanoTime();
      return env.compute(() -> Activations.of(r.model(), model.result(), data.result())).onSuccess(a ->
          vertx.eventBus().publish(Addresses.ACTIVATIONS_READY, new Events.Ready(r.model() + "@" + a.dataset().name(), (System.nanoTime() - t0) / 1e9, "")));
    });
  }
}
