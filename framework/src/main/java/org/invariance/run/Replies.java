package org.invariance.run;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a request with a future's outcome; failures keep their message for the asker. */
final class Replies {
  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  private Replies() {}

  static <T> void reply(Message<?> m, Future<T> f, String what) {
    f.onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply(ar.result(), org.invariance.bus.Bus.LONG);
      } else {
        Throwable t = ar.cause();
        LOG.debug("{} failed", what, t);
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m.fail(500, msg);
      }
    });
  }
}
