package org.invariance.run;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import org.invariance.bus.Bus;
import org.invariance.bus.PayloadSize;
import org.invariance.metrics.RunMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a request with a future's outcome; failures keep their message for the asker. */
final class Replies {
  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  private Replies() {}

  /** Replies with the outcome and counts the reply's payload under the request's address. */
  static <T> void reply(Message<?> m, Future<T> f, String what, RunMetrics metrics) {
    f.onComplete(ar -> {
      if (ar.succeeded()) {
        if (metrics != null) metrics.busPayload(m.address(), "reply", PayloadSize.bytes(ar.result()));
        m.reply(ar.result(), Bus.LONG);
      } else {
        Throwable t = ar.cause();
        LOG.debug("{} failed", what, t);
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m.fail(500, msg);
      }
    });
  }
}
