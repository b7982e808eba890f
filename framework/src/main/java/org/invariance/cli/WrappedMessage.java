package org.invariance.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.invariance.metrics.TerminalScreen;

/**
 * The terminal's log message (stderr a terminal, {@link TerminalScreen#stderrIsTerminal}; elsewhere one line), wrapped so every line fits {@link #COLUMNS} columns: a long line (the run's "threads and
 * kernels: ..." is ~400 characters) goes on in lines indented past the time and level, broken after ", " or "; " or a
 * space where it can. run.log keeps each message on one line. Its option is the width of what the pattern writes before
 * the message ({@code %wrapped{15}} after "12:00:00 INFO  ").
 */
public final class WrappedMessage extends ClassicConverter {
  /** The widest line the terminal shows at a glance. */
  static final int COLUMNS = 100;

  private int indent;

  @Override
  public void start() {
    List<String> options = getOptionList();
    try {
      indent = options == null || options.isEmpty() ? 0 : Math.max(0, Integer.parseInt(options.get(0).strip()));
    } catch (NumberFormatException e) {
      indent = 0;
    }
    super.start();
  }

  @Override
  public String convert(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    // only a person's terminal: a pipe, a file or CI's log keeps each message on one line others can search
    if (!TerminalScreen.stderrIsTerminal()) return message == null ? "null" : message;
    return wrap(message, indent, COLUMNS);
  }

  /** {@code message} in lines of at most {@code columns - indent} characters, each after the first indented by {@code indent} spaces. */
  static String wrap(String message, int indent, int columns) {
    if (message == null) return "null";
    int width = Math.max(20, columns - indent);
    StringBuilder b = new StringBuilder();
    String pad = " ".repeat(indent);
    for (String line : message.split("\n", -1)) {
      if (b.length() > 0) b.append('\n').append(pad);
      String rest = line;
      while (rest.length() > width) {
        int cut = breakAt(rest, width);
        b.append(rest, 0, cut).append('\n').append(pad);
        rest = rest.substring(cut).stripLeading();
      }
      b.append(rest);
    }
    return b.toString();
  }

  /** Where to end a piece of at most {@code width} characters: after the last ", " or "; ", else the last space, else at the width. */
  private static int breakAt(String s, int width) {
    int comma = Math.max(s.lastIndexOf(", ", width - 1), s.lastIndexOf("; ", width - 1));
    if (comma > width / 3) return comma + 1;
    int space = s.lastIndexOf(' ', width);
    return space > width / 3 ? space : width;
  }
}
