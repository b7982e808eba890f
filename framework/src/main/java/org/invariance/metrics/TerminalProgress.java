package org.invariance.metrics;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.Signals;
import org.jline.utils.WCWidth;

/**
 * A phase's progress for a person: on a terminal ({@link Screen}) one line redrawn in place by
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
  /** The property the launcher sets: the terminal's device when stderr is one, or "none". */
  public static final String TERMINAL_PROPERTY = "invariance.terminal";

  private final String label;
  private final long total;
  private final PrintStream out;
  private final LongSupplier clock;
  private final long logEvery;
  private final long start;
  private final Map<String, Double> values = new LinkedHashMap<>();
  /** The library's bar, on a terminal only: it redraws {@link #line(int)} on its own thread. */
  private final ProgressBar bar;
  private final Screen screen;
  private long done;
  private long samples;
  private long lastPrint;
  private boolean closed;

  TerminalProgress(String label, long total, PrintStream out) {
    this(label, total, out, System::nanoTime, LOG_EVERY_NS);
  }

  /** {@code out} null: shows nothing; a {@link Screen} on a terminal: a redrawn bar; anything else: plain lines every {@code logEveryNanos} of {@code clock}. */
  TerminalProgress(String label, long total, PrintStream out, LongSupplier clock, long logEveryNanos) {
    this.label = label;
    this.total = Math.max(total, 1);
    this.out = out;
    this.clock = clock;
    this.logEvery = logEveryNanos;
    this.start = clock.getAsLong();
    this.lastPrint = start;
    this.screen = out instanceof Screen s && s.isTerminal() ? s : null;
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
    return fit(snapshot(now), Integer.MAX_VALUE, false);
  }

  /** The terminal line at {@code now}, at most {@code width} columns wide. */
  synchronized String line(int width, long now) {
    return fit(snapshot(now), width, true);
  }

  private String line(int width) {
    return line(width, clock.getAsLong());
  }

  private Snapshot snapshot(long now) {
    return new Snapshot(label, done, total, Math.max(0, now - start) / 1e9, samples, new LinkedHashMap<>(values));
  }

  /** What a line shows. */
  record Snapshot(String label, long done, long total, double seconds, long samples, Map<String, Double> values) {}

  /** A part of the line: its text, its place on the line and its rank (0 is kept longest). */
  private record Part(int place, int rank, String text) {}

  private static final int BAR_MIN = 10;
  private static final int BAR_MAX = 40;

  /**
   * The line for {@code s} in at most {@code width} columns. Parts in order of what is kept longest: the label, the
   * counts, the percentage, the time left (or taken), the loss, the bar (10 columns or more), the rate, the samples
   * per second, the other values; the bar then takes what is left, up to 40 columns. Past that the label is cut.
   */
  static String fit(Snapshot s, int width, boolean withBar) {
    double frac = Math.min(1.0, (double) s.done() / s.total());
    double rate = s.seconds() > 0 ? s.done() / s.seconds() : 0;
    List<Part> parts = new ArrayList<>();
    parts.add(new Part(0, 0, s.label()));
    parts.add(new Part(1, 2, String.format(Locale.ROOT, "%3.0f%%", Math.floor(frac * 100))));
    if (withBar) parts.add(new Part(2, 5, "")); // the bar: drawn below once its width is known
    parts.add(new Part(3, 1, s.done() + "/" + s.total()));
    if (rate > 0) parts.add(new Part(4, 6, String.format(Locale.ROOT, "%.1f/s", rate)));
    if (s.samples() > 0 && s.seconds() > 0) parts.add(new Part(5, 7, compact(s.samples() / s.seconds()) + " samples/s"));
    if (s.done() >= s.total()) parts.add(new Part(6, 3, "in " + duration(s.seconds())));
    else if (rate > 0) parts.add(new Part(6, 3, "eta " + duration((s.total() - s.done()) / rate)));
    int place = 7;
    for (Map.Entry<String, Double> v : s.values().entrySet()) {
      parts.add(new Part(place++, v.getKey().equals("loss") ? 4 : 8, v.getKey() + "=" + String.format(Locale.ROOT, "%.4g", v.getValue())));
    }
    // drop the part ranked last while the line is too wide (the bar counts at its least), then cut the label
    while (parts.size() > 2 && columns(parts) > width) {
      Part last = parts.get(0);
      for (Part p : parts) if (p.rank() > last.rank()) last = p;
      parts.remove(last);
    }
    int over = columns(parts) - width;
    if (over > 0) parts.set(0, new Part(0, 0, cut(s.label(), Math.max(1, displayWidth(s.label()) - over))));
    int spare = width - columns(parts);
    StringBuilder b = new StringBuilder();
    parts.sort((x, y) -> Integer.compare(x.place(), y.place()));
    for (Part p : parts) {
      if (b.length() > 0) b.append(' ');
      if (p.place() == 2) {
        int inner = Math.min(BAR_MAX, BAR_MIN + Math.max(0, spare)) - 2;
        int filled = (int) Math.floor(frac * inner);
        b.append('[').append("#".repeat(filled)).append(".".repeat(inner - filled)).append(']');
      } else {
        b.append(p.text());
      }
    }
    String line = b.toString();
    return width == Integer.MAX_VALUE ? line : cut(line, width);
  }

  /** Columns of the parts joined by single spaces, the bar at its least. */
  private static int columns(List<Part> parts) {
    int n = parts.size() - 1;
    for (Part p : parts) n += p.place() == 2 ? BAR_MIN : displayWidth(p.text());
    return n;
  }

  /** {@code s} cut to {@code width} columns, ending in "~" where it was cut (the label of a very narrow terminal). */
  static String cut(String s, int width) {
    if (displayWidth(s) <= width) return s;
    if (width <= 0) return "";
    StringBuilder b = new StringBuilder();
    int used = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int w = Math.max(0, WCWidth.wcwidth(cp));
      if (used + w > width - 1) break;
      b.appendCodePoint(cp);
      used += w;
      i += Character.charCount(cp);
    }
    return b.append('~').toString();
  }

  /** Columns a string takes on a terminal (wide characters count two). */
  static int displayWidth(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += Math.max(0, WCWidth.wcwidth(cp));
      i += Character.charCount(cp);
    }
    return w;
  }

  private static String compact(double v) {
    if (v >= 1e6) return String.format(Locale.ROOT, "%.1fM", v / 1e6);
    if (v >= 1e4) return String.format(Locale.ROOT, "%.1fk", v / 1e3);
    return String.format(Locale.ROOT, "%.0f", v);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) return s + "s";
    if (s < 3600) return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
  }

  /** Hands the library's rendered lines to the screen, at the screen's width less one column (no wrap at the margin). */
  private static final class ScreenConsumer implements ProgressBarConsumer {
    private final Screen screen;

    ScreenConsumer(Screen screen) {
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

  // ---------------------------------------------------------------------------------------------
  // The terminal

  /**
   * Points {@code System.err} at a {@link Screen} for progress bars; call once, first thing in {@code main}. The
   * launcher names the terminal in {@value #TERMINAL_PROPERTY}: a device (/dev/pts/3) when stderr is a terminal (the
   * JVM's own stderr then runs through a filter, see the launcher), "none" when it is not; without the property JLine
   * tells whether stderr is a terminal. Anything that fails leaves {@code System.err} as it was (plain lines).
   */
  public static void attachTerminal() {
    String device = System.getProperty(TERMINAL_PROPERTY);
    if ("none".equals(device)) return;
    Charset cs = Charset.defaultCharset();
    if (device != null && !device.isBlank()) {
      try {
        PrintStream tty = new PrintStream(new BufferedOutputStream(new FileOutputStream(device, true), 8192), true, cs);
        System.setErr(new Screen(tty, cs, () -> true, new Columns(() -> sttyColumns(device)).onResize()));
      } catch (IOException | RuntimeException e) {
        // not writable here (another user's terminal): plain lines on stderr
      }
      return;
    }
    JLineTerminal jline = new JLineTerminal();
    System.setErr(new Screen(System.err, cs, jline::isTerminal, new Columns(jline::columns).onResize()));
  }

  /** The width of the terminal {@code device}, from {@code stty size}; 0 if unknown. */
  static int sttyColumns(String device) {
    try {
      Process p = new ProcessBuilder("stty", "size").redirectInput(new File(device)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) return 0;
      String[] rc = out.split("\\s+");
      return rc.length == 2 ? Integer.parseInt(rc[1]) : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** Stderr as JLine sees it (no launcher): asked once, on the first bar; its signal handling left off, so Ctrl-C still runs the JVM's shutdown hooks. */
  private static final class JLineTerminal {
    private Terminal terminal;
    private boolean asked;

    synchronized boolean isTerminal() {
      if (!asked) {
        asked = true;
        try {
          Terminal t = TerminalBuilder.builder().system(true).systemOutput(TerminalBuilder.SystemOutput.SysErr).dumb(true).nativeSignals(false).build();
          if (!t.getType().startsWith(Terminal.TYPE_DUMB)) terminal = t;
        } catch (IOException | RuntimeException e) {
          terminal = null;
        }
      }
      return terminal != null;
    }

    synchronized int columns() {
      return isTerminal() ? terminal.getWidth() : 0;
    }
  }

  /** A terminal's width, asked again after a resize (SIGWINCH) or at most once a second; 80 when it cannot be told. */
  static final class Columns {
    private static final long RECHECK_NS = TimeUnit.SECONDS.toNanos(1);
    private final IntSupplier ask;
    private volatile boolean resized = true;
    private long askedAt;
    private int columns = 80;

    Columns(IntSupplier ask) {
      this.ask = ask;
    }

    /** Asks again as soon as the terminal is resized (one per JVM: a new handler replaces the last). */
    Columns onResize() {
      try {
        Signals.register("WINCH", () -> resized = true);
      } catch (RuntimeException | LinkageError e) {
        // no signal: the once-a-second check alone
      }
      return this;
    }

    synchronized int get() {
      long now = System.nanoTime();
      if (resized || now - askedAt >= RECHECK_NS) {
        resized = false;
        askedAt = now;
        int c = ask.getAsInt();
        columns = c >= 10 ? c : 80;
      }
      return columns;
    }
  }

  /**
   * Stderr on a terminal, shared by the log and the progress bar: anything written while a bar is drawn first erases
   * the bar's line, and the bar is drawn again at its next redraw, so log lines never land in the middle of a bar.
   */
  public static final class Screen extends PrintStream {
    private final Charset cs;
    private final BooleanSupplier terminal;
    private final Columns columns;
    private boolean barShown;

    Screen(OutputStream out, Charset cs, BooleanSupplier terminal, Columns columns) {
      super(out, true, cs);
      this.cs = cs;
      this.terminal = terminal;
      this.columns = columns;
    }

    /** A screen of {@code columns} columns writing to {@code out} (tests). */
    static Screen of(OutputStream out, int columns) {
      return new Screen(out, StandardCharsets.UTF_8, () -> true, new Columns(() -> columns));
    }

    boolean isTerminal() {
      return terminal.getAsBoolean();
    }

    int columns() {
      return columns.get();
    }

    /** Draws a bar line over the current line. */
    synchronized void bar(String line) {
      raw("\r" + line + "\u001b[K");
      barShown = true;
    }

    /** Ends the bar's line: it stays, the next output starts below it. */
    synchronized void endBar() {
      if (barShown) raw("\n");
      barShown = false;
    }

    private void raw(String s) {
      byte[] b = s.getBytes(cs);
      super.write(b, 0, b.length);
      super.flush();
    }

    private void clearBar() {
      if (barShown) {
        barShown = false;
        raw("\r\u001b[K");
      }
    }

    @Override
    public synchronized void write(int b) {
      clearBar();
      super.write(b);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) {
      clearBar();
      super.write(buf, off, len);
    }
  }
}
