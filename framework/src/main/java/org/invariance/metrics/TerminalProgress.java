package org.invariance.metrics;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * A phase's progress for a person: on a terminal ({@link TerminalScreen}) one line redrawn in place by
 * me.tongfei:progressbar, fitted to the terminal's width so it never wraps, e.g.
 * {@code AER-encoder pretraining  40% [####......] 1200/3000 11.9/s eta 2m31s loss=95.21}
 * (narrower terminals drop the least useful parts first: other values, samples/s, rate, the bar);
 * anywhere else (CI, a pipe, a file) a plain line every {@link #LOG_EVERY_NS} and one at the end.
 */
public final class TerminalProgress implements Progress {
  /** Plain lines (not a terminal): at most one per phase this often, and one at the end. */
  static final long LOG_EVERY_NS = TimeUnit.SECONDS.toNanos(10);
  /** How often the terminal line is redrawn. */
  static final int REDRAW_MS = 250;

  private final String label;
  private final long total;
  private final PrintStream out;
  private final LongSupplier clock;
  private final long logEvery;
  private final long start;
  private final Map<String, Double> values = new LinkedHashMap<>();
  /** The library's bar, on a terminal only: it redraws {@link #line(int)} on its own thread. */
  private final ProgressBar bar;
  private final TerminalScreen screen;
  private long done;
  private long samples;
  private long lastPrint;
  private boolean closed;

  TerminalProgress(String label, long total, PrintStream out) {
    this(label, total, out, System::nanoTime, LOG_EVERY_NS);
  }

  /** {@code out} null: shows nothing; a {@link TerminalScreen} on a terminal: a redrawn bar; anything else: plain lines every {@code logEveryNanos} of {@code clock}. */
  TerminalProgress(String label, long total, PrintStream out, LongSupplier clock, long logEveryNanos) {
    this.label = label;
    this.total = Math.max(total, 1);
    this.out = out;
    this.clock = clock;
    this.logEvery = logEveryNanos;
    this.start = clock.getAsLong();
    this.lastPrint = start;
    this.screen = out instanceof TerminalScreen s && s.isTerminal() ? s : null;
    this.bar = screen != null
        ? new ProgressBarBuilder().setTaskName(label).setInitialMax(this.total).setUpdateIntervalMillis(REDRAW_MS).continuousUpdate()
            .setRenderer((state, width) -> line(width)).setConsumer(new ScreenConsumer(screen)).build()
        : null;
  }

  @Override
  public synchronized void done(long steps) {
    done = steps;
    progressed();
  }

  @Override
  public synchronized void advance(long steps) {
    done += steps;
    progressed();
  }

  @Override
  public synchronized void samples(long count) {
    samples += count;
  }

  @Override
  public synchronized void value(String name, double value) {
    values.put(name, value);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) return;
      closed = true;
      if (bar == null) {
        if (out != null) print(clock.getAsLong());
        return;
      }
    }
    bar.close(); // draws the last line, on the library's thread: outside this lock, which its renderer takes
    screen.endBar(); // the library ends the line itself only once its first redraw has run
  }

  private void progressed() {
    if (bar != null) {
      bar.stepTo(Math.min(done, total));
      return;
    }
    if (out == null) return;
    long now = clock.getAsLong();
    if (now - lastPrint >= logEvery) print(now);
  }

  private void print(long now) {
    lastPrint = now;
    out.println(plain(now));
    out.flush();
  }

  /** The plain line (not a terminal): everything, no bar, no width. */
  synchronized String plain(long now) {
    return ProgressLine.fit(snapshot(now), Integer.MAX_VALUE, false);
  }

  /** The terminal line at {@code now}, at most {@code width} columns wide. */
  synchronized String line(int width, long now) {
    return ProgressLine.fit(snapshot(now), width, true);
  }

  private String line(int width) {
    return line(width, clock.getAsLong());
  }

  private ProgressLine.Snapshot snapshot(long now) {
    return new ProgressLine.Snapshot(label, done, total, Math.max(0, now - start) / 1e9, samples, new LinkedHashMap<>(values));
  }

  /** Hands the library's rendered lines to the screen, at the screen's width less one column (no wrap at the margin). */
  private static final class ScreenConsumer implements ProgressBarConsumer {
    private final TerminalScreen screen;

    ScreenConsumer(TerminalScreen screen) {
      this.screen = screen;
    }

    @Override
    public int getMaxRenderedLength() {
      return Math.max(1, screen.columns() - 1);
    }

    @Override
    public void accept(String rendered) {
      screen.bar(rendered);
    }

    @Override
    public void close() {
      screen.endBar();
    }
  }
}
