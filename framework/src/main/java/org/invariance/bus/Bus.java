package org.invariance.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.invariance.data.Dataset;
import org.invariance.model.Activations;

/** Codec registration and typed request helpers over the Vert.x event bus. */
public final class Bus {
  /** Training can take hours; a request waits for it rather than the default 30 s. */
  public static final DeliveryOptions LONG = new DeliveryOptions().setSendTimeout(7L * 24 * 3600 * 1000).setCodecName(LocalCodec.ANY);

  private static final List<Class<?>> LOCAL_TYPES = List.of(
      Events.DatasetRequest.class, Events.ModelRequest.class, Events.ActivationsRequest.class, Events.ResultBatch.class,
      Events.Ack.class, Events.ProbeRun.class, Events.ProbeDone.class, Events.ProbeCompleted.class, Events.Ready.class,
      Dataset.class, Activations.class);

  private Bus() {}

  /** Registers the pass-by-reference codec for every message type of a run. */
  public static void registerCodecs(Vertx vertx) {
    EventBus bus = vertx.eventBus();
    for (Class<?> c : LOCAL_TYPES) register(bus, c);
    // models are plugin classes the core cannot list: they travel under the named pass-by-reference codec
    bus.registerCodec(new LocalCodec<>(Object.class, LocalCodec.ANY));
  }

  private static <T> void register(EventBus bus, Class<T> c) {
    bus.registerDefaultCodec(c, new LocalCodec<>(c));
  }

  public static <T> Future<T> request(Vertx vertx, String address, Object message) {
    return vertx.eventBus().<T>request(address, message, LONG).map(Message::body);
  }

  /** Blocks a worker (never an event loop) until the reply arrives; failures rethrown with their message. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting on the bus", e);
    } catch (ExecutionException | CompletionException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      if (c instanceof RuntimeException re && !(c instanceof ReplyException)) throw re;
      throw new BusFailure(c.getMessage(), c);
    }
  }

  /** A request answered with a failure (the service's message is kept). */
  public static final class BusFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BusFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
