package org.invariance.metrics;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A progress line: "AER pretraining [#####.....] 1200/3000 40% 11.9/s 11900 samples/s eta 2m31s loss=95.21".
 * On a terminal it redraws in place; in a log (CI, a pipe) it prints a line at most every 10 s.
 */
final class TerminalProgress implements Progress {
  private static final long TTY_EVERY_NS = 250_000_000L;
  private static final long LOG_EVERY_NS = 10_000_000_000L;
  private final String label;
  private final long total;
  private final PrintStream out;
  private final boolean tty;
  private final Map<String, Double> values = new LinkedHashMap<>();
  private final long start = System.nanoTime();
  private long done;
  private long samples;
  private long lastPrint;
  private boolean closed;

  TerminalProgress(String label, long total, PrintStream out) {
    this.label = label;
    this.total = Math.max(total, 1);
    this.out = out;
    this.tty = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    this.lastPrint = start;
  }

  @Override
  public synchronized void done(long steps) {
    done = steps;
    maybePrint(false);
  }

  @Override
  public synchronized void advance(long steps) {
    done += steps;
    maybePrint(false);
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
  public synchronized void close() {
    if (closed) return;
    closed = true;
    maybePrint(true);
    if (out != null && tty) out.println();
  }

  synchronized String line(long now) {
    double secs = (now - start) / 1e9;
    double rate = secs > 0 ? done / secs : 0;
    double frac = Math.min(1.0, (double) done / total);
    int width = 24;
    int filled = (int) Math.round(frac * width);
    StringBuilder b = new StringBuilder();
    b.append(label).append(" [").append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
    b.append(done).append('/').append(total).append(String.format(Locale.ROOT, " %3.0f%% %.1f/s", frac * 100, rate));
    if (samples > 0 && secs > 0) b.append(String.format(Locale.ROOT, " %.0f samples/s", samples / secs));
    if (done < total && rate > 0) b.append(" eta ").append(duration((total - done) / rate));
    else b.append(" in ").append(duration(secs));
    values.forEach((k, v) -> b.append(' ').append(k).append('=').append(String.format(Locale.ROOT, "%.4g", v)));
    return b.toString();
  }

  private void maybePrint(boolean force) {
    if (out == null) return;
    long now = System.nanoTime();
    if (!force && now - lastPrint < (tty ? TTY_EVERY_NS : LOG_EVERY_NS)) return;
    lastPrint = now;
    String b = line(now);
    if (tty) out.print("\r" + b + "   ");
    else out.println(b);
    out.flush();
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) return s + "s";
    if (s < 3600) return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
  }
}
