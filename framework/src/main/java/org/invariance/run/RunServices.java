package org.invariance.run;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.ArrayList;
import java.util.List;
import org.invariance.bus.Addresses;
import org.invariance.bus.Bus;
import org.invariance.bus.Events;
import org.invariance.bus.PayloadSize;
import org.invariance.experiment.Experiment;
import org.invariance.metrics.RunMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's Vert.x and the services that meet on its bus, deployed before any work is asked of
 * them; the stages only send requests.
 */
final class RunServices {
  /** Runner's logger: run.log names it, and these lines were always the run's. */
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  private RunServices() {}

  /** Vert.x with its own meters (messages per address, handlers, pools) in the run's registry. */
  static Vertx startVertx(RunMetrics metrics) {
    return Vertx.builder()
        .with(new VertxOptions().setEventLoopPoolSize(Platform.EVENT_LOOPS).setWorkerPoolSize(Platform.WORKERS)
            .setInternalBlockingPoolSize(Platform.WORKERS)
            .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(false).addLabels(Label.EB_ADDRESS, Label.EB_SIDE)))
        .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
        .build();
  }

  /** Step 4: the services that meet on the bus. */
  static void deploy(RunEnvironment env) {
    Vertx vertx = env.vertx;
    Bus.registerCodecs(vertx);
    vertx.eventBus().addOutboundInterceptor(c -> {
      String address = c.message().address();
      if (!address.startsWith("__vertx.")) env.metrics.busPayload(address, "request", PayloadSize.bytes(c.body()));
      c.next();
    });
    vertx.eventBus().<Events.Ready>consumer(Addresses.MODEL_READY, m -> LOG.info("model ready: {} ({}, {} s)", m.body().what(), m.body().detail(), String.format("%.1f", m.body().seconds())));
    List<Future<String>> deployed = new ArrayList<>();
    deployed.add(vertx.deployVerticle(new DatasetService(env)));
    deployed.add(vertx.deployVerticle(new ModelService(env)));
    deployed.add(vertx.deployVerticle(new ActivationService(env)));
    deployed.add(vertx.deployVerticle(new ResultService(env.outDir, env.runId(), env.experiment.seed(), env.metrics)));
    for (Experiment.ProbeUse p : env.experiment.probes().values()) deployed.add(vertx.deployVerticle(new ProbeService(env, p)));
    Bus.await(Future.all(deployed));
  }
}
