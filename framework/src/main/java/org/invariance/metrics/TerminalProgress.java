package org.invariance.metrics;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * A phase's progress for a person: on a terminal ({@link TerminalScreen}) one line redrawn in place by
 * me.tongfei:progressbar, fitted to the terminal's width so it never wraps, e.g.
 * {@code AER-encoder pretraining  40% [####......] 1200/3000 iterations 11.9/s eta 2m31s loss=95.21}
 * (narrower terminals drop the least useful parts first: other values, samples/s, rate, the bar);
 * anywhere else (CI, a pipe, a file) a plain line every {@link #LOG_EVERY_NS} and one at the end, unless the last
 * periodic line already showed the end. A plain line shows a value that has not changed since the phase began (a
 * constant learning rate) once, on the first line it appears in; values that change (loss) show on every line.
 */
public final class TerminalProgress implements Progress {
  /** Plain lines (not a terminal): at most one per phase this often, and one at the end. */
  static final long LOG_EVERY_NS = TimeUnit.SECONDS.toNanos(10);
  /** How often the terminal line is redrawn. */
  static final int REDRAW_MS = 250;

  private final String label;
  private final long total;
  private final String unit;
  private final PrintStream out;
  private final LongSupplier clock;
  private final long logEvery;
  private final long start;
  private final Map<String, Double> values = new LinkedHashMap<>();
  /** Each value's first setting, and the names whose value has since changed. */
  private final Map<String, Double> firstValues = new HashMap<>();
  private final Set<String> changing = new HashSet<>();
  /** Unchanged values a plain line has already shown. */
  private final Set<String> shownOnce = new HashSet<>();
  /** The library's bar, on a terminal only: it redraws {@link #line(int)} on its own thread. */
  private final ProgressBar bar;
  private final TerminalScreen screen;
  private long done;
  private long samples;
  private long lastPrint;
  /** Something changed since the last plain line: the end line is worth printing. */
  private boolean unprinted = true;
  private boolean closed;

  TerminalProgress(String label, long total, PrintStream out) {
    this(label, total, ProgressLine.DEFAULT_UNIT, out, System::nanoTime, LOG_EVERY_NS);
  }

  TerminalProgress(String label, long total, String unit, PrintStream out) {
    this(label, total, unit, out, System::nanoTime, LOG_EVERY_NS);
  }

  TerminalProgress(String label, long total, PrintStream out, LongSupplier clock, long logEveryNanos) {
    this(label, total, ProgressLine.DEFAULT_UNIT, out, clock, logEveryNanos);
  }

  /**
   * {@code out} null: shows nothing; a {@link TerminalScreen} on a terminal: a redrawn bar; anything else: plain lines
   * every {@code logEveryNanos} of {@code clock}. {@code unit}: what a step is, in the plural ("iterations").
   */
  TerminalProgress(String label, long total, String unit, PrintStream out, LongSupplier clock, long logEveryNanos) {
    this.label = label;
    this.total = Math.max(total, 1);
    this.unit = unit == null || unit.isBlank() ? ProgressLine.DEFAULT_UNIT : unit.strip();
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
    if (steps != done) unprinted = true;
    done = steps;
    progressed();
  }

  @Override
  public synchronized void advance(long steps) {
    if (steps != 0) unprinted = true;
    done += steps;
    progressed();
  }

  @Override
  public synchronized void samples(long count) {
    samples += count;
  }

  @Override
  public synchronized void value(String name, double value) {
    Double first = firstValues.putIfAbsent(name, value);
    if (first != null && Double.compare(first, value) != 0) changing.add(name);
    Double before = values.put(name, value);
    if (before == null || Double.compare(before, value) != 0) unprinted = true;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) return;
      closed = true;
      if (bar == null) {
        // the last periodic line may already be the end (a slow phase prints at every step): not twice
        if (out != null && unprinted) print(clock.getAsLong());
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
    unprinted = false;
    out.println(plain(now));
    out.flush();
  }

  /** The plain line (not a terminal): no bar, no width; unchanged values only the first time. */
  synchronized String plain(long now) {
    Map<String, Double> shown = new LinkedHashMap<>();
    values.forEach((name, v) -> {
      if (changing.contains(name) || shownOnce.add(name)) shown.put(name, v);
    });
    return ProgressLine.fit(snapshot(now, shown), Integer.MAX_VALUE, false);
  }

  /** The terminal line at {@code now}, at most {@code width} columns wide. */
  synchronized String line(int width, long now) {
    return ProgressLine.fit(snapshot(now), width, true);
  }

  private String line(int width) {
    return line(width, clock.getAsLong());
  }

  private ProgressLine.Snapshot snapshot(long now) {
    return snapshot(now, new LinkedHashMap<>(values));
  }

  private ProgressLine.Snapshot snapshot(long now, Map<String, Double> shown) {
    return new ProgressLine.Snapshot(label, done, total, unit, Math.max(0, now - start) / 1e9, samples, shown);
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
