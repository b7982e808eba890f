package org.invariance.run;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Copies the run's log lines into {@code run.log} in the run directory while the run lasts. */
final class RunLog implements AutoCloseable {
  private final FileAppender<ILoggingEvent> appender;
  private final Logger root;

  RunLog(Path file) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      appender = null;
      root = null;
      return;
    }
    PatternLayoutEncoder enc = new PatternLayoutEncoder();
    enc.setContext(ctx);
    enc.setPattern("%d{ISO8601} %-5level [%thread] %logger{30} - %msg%n");
    enc.start();
    appender = new FileAppender<>();
    appender.setContext(ctx);
    appender.setName("run-log");
    appender.setFile(file.toString());
    appender.setAppend(false);
    appender.setEncoder(enc);
    appender.start();
    root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    ctx.getLogger("org.invariance").setLevel(Level.INFO);
  }

  @Override
  public void close() {
    if (appender == null) return;
    root.detachAppender(appender);
    appender.stop();
  }
}
