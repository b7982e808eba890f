package org.invariance.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.io.PrintStream;
import java.util.Iterator;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import picocli.CommandLine;

/**
 * How much the terminal shows. -q: warnings and errors only (a filter on the terminal's appender, so run.log keeps
 * every line) and no progress bar; -v: the framework's debug messages too (a turbo filter, which the level that a
 * run sets on org.invariance for its run.log cannot undo).
 */
enum Verbosity {
  QUIET, NORMAL, VERBOSE;

  static volatile Verbosity current = NORMAL;

  /** The verbosity the command line asks for: -v or -q on the command or any subcommand. */
  static Verbosity of(CommandLine.ParseResult parsed, CommandLine cl) {
    boolean v = false, q = false;
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      v |= p.hasMatchedOption("-v");
      q |= p.hasMatchedOption("-q");
    }
    if (v && q) throw new CommandLine.ParameterException(cl, "-v and -q exclude each other: keep one");
    return v ? VERBOSE : q ? QUIET : NORMAL;
  }

  /** Where progress bars go: stderr, or nowhere with -q. */
  PrintStream progress() {
    return this == QUIET ? null : System.err;
  }

  /** Makes this the verbosity of the terminal: the filters are added to logback once, and read {@link #current}. */
  void apply() {
    current = this;
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return;
    if (!ctx.getTurboFilterList().contains(DEBUG_FOR_FRAMEWORK)) {
      DEBUG_FOR_FRAMEWORK.start();
      ctx.addTurboFilter(DEBUG_FOR_FRAMEWORK);
    }
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      Appender<ILoggingEvent> a = it.next();
      if (a instanceof ConsoleAppender && !a.getCopyOfAttachedFiltersList().contains(TERMINAL_QUIET)) {
        TERMINAL_QUIET.start();
        a.addFilter(TERMINAL_QUIET);
      }
    }
  }

  /** -v: org.invariance's debug messages pass whatever level its logger has. */
  private static final TurboFilter DEBUG_FOR_FRAMEWORK = new TurboFilter() {
    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
      if (current != VERBOSE || level == null || !level.isGreaterOrEqual(Level.DEBUG)) return FilterReply.NEUTRAL;
      String name = logger.getName();
      return name.equals("org.invariance") || name.startsWith("org.invariance.") ? FilterReply.ACCEPT : FilterReply.NEUTRAL;
    }
  };

  /** -q: the terminal drops what is below a warning. */
  private static final Filter<ILoggingEvent> TERMINAL_QUIET = new Filter<>() {
    @Override
    public FilterReply decide(ILoggingEvent e) {
      return current == QUIET && !e.getLevel().isGreaterOrEqual(Level.WARN) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
  };
}
