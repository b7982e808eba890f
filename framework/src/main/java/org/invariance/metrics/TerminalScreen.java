package org.invariance.metrics;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.Signals;

/**
 * Stderr on a terminal, shared by the log and the progress bar: anything written while a bar is drawn first erases
 * the bar's line, and the bar is drawn again at its next redraw, so log lines never land in the middle of a bar.
 * It knows the terminal's width ({@code stty size} of the device the launcher names, else JLine's).
 */
public final class TerminalScreen extends PrintStream {
  /** The property the launcher sets: the terminal's device when stderr is one, or "none". */
  public static final String TERMINAL_PROPERTY = "invariance.terminal";

  private final Charset cs;
  private final BooleanSupplier terminal;
  private final Columns columns;
  private boolean barShown;
  /** The bar line on screen, while {@link #barShown}. */
  private String shownBar;

  TerminalScreen(OutputStream out, Charset cs, BooleanSupplier terminal, Columns columns) {
    super(out, true, cs);
    this.cs = cs;
    this.terminal = terminal;
    this.columns = columns;
  }

  /** Whether stderr is a terminal a person reads (not a pipe, a file or CI's log, whose lines others search). */
  public static boolean stderrIsTerminal() {
    return System.err instanceof TerminalScreen s && s.isTerminal();
  }

  /** A screen of {@code columns} columns writing to {@code out}, taken for a terminal (tests). */
  public static TerminalScreen of(OutputStream out, int columns) {
    return new TerminalScreen(out, StandardCharsets.UTF_8, () -> true, new Columns(() -> columns));
  }

  boolean isTerminal() {
    return terminal.getAsBoolean();
  }

  int columns() {
    return columns.get();
  }

  /**
   * Draws a bar line over the current line, unless it is already there: the progressbar library draws its last line
   * twice (its final refresh, then its forced one), and a terminal recorder or a slow link shows each drawing.
   */
  synchronized void bar(String line) {
    if (barShown && line.equals(shownBar)) return;
    raw("\r" + line + "\u001b[K");
    barShown = true;
    shownBar = line;
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

  /**
   * Points {@code System.err} at a {@code TerminalScreen} for progress bars; call once, first thing in {@code main}. The
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
        System.setErr(new TerminalScreen(tty, cs, () -> true, new Columns(() -> sttyColumns(device)).onResize()));
      } catch (IOException | RuntimeException e) {
        // not writable here (another user's terminal): plain lines on stderr
      }
      return;
    }
    JLineTerminal jline = new JLineTerminal();
    System.setErr(new TerminalScreen(System.err, cs, jline::isTerminal, new Columns(jline::columns).onResize()));
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
}
