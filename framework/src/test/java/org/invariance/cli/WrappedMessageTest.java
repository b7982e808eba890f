package org.invariance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;
import org.invariance.metrics.TerminalScreen;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The terminal's log lines fit 100 columns; nothing of a long message is lost, it goes on in indented lines. */
class WrappedMessageTest {
  /** A message like the run's first: "threads and kernels: " and ~20 settings, ~400 characters. */
  private static String longMessage() {
    StringJoiner j = new StringJoiner(", ", "threads and kernels: ", "");
    for (int i = 0; i < 20; i++) j.add("setting_" + i + "=value-" + "x".repeat(i % 7));
    return j.toString();
  }

  @Test
  void aLongMessageGoesOnInIndentedLinesBrokenAfterCommasAndLosesNothing() {
    String m = longMessage();
    assertTrue(m.length() > 350, m);
    List<String> lines = WrappedMessage.wrap(m, 15, 100).lines().toList();
    assertTrue(lines.size() >= 4, String.join("\n", lines));
    for (String l : lines) assertTrue(15 + l.length() <= 100 || l.startsWith(" ".repeat(15)) && l.length() <= 100, "'" + l + "' is " + l.length());
    for (String l : lines.subList(1, lines.size())) assertTrue(l.startsWith(" ".repeat(15)) && !l.startsWith(" ".repeat(16)), "'" + l + "'");
    for (String l : lines.subList(0, lines.size() - 1)) assertTrue(l.endsWith(","), "broken after a comma: '" + l + "'");
    assertEquals(m, String.join(" ", lines.stream().map(String::strip).toList()));
    // short messages and their own lines are left alone; a word wider than the line is cut
    assertEquals("metrics: http://localhost:9464/metrics", WrappedMessage.wrap("metrics: http://localhost:9464/metrics", 15, 100));
    assertEquals("a\n   b", WrappedMessage.wrap("a\nb", 3, 100));
    assertEquals("x".repeat(85) + "\n" + " ".repeat(15) + "x".repeat(15), WrappedMessage.wrap("x".repeat(100), 15, 100));
  }

  @Test
  void everyLineTheTerminalsLogShowsFitsOneHundredColumns() {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(TerminalScreen.of(err, 100));
    try {
      Verbosity.NORMAL.apply();
      LoggerFactory.getLogger("org.invariance.run.Runner").info("{}", longMessage());
    } finally {
      System.setErr(old);
    }
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("INFO: Instrumented ")).toList();
    assertTrue(lines.size() >= 4 && lines.get(0).matches("\\d\\d:\\d\\d:\\d\\d INFO  threads and kernels: .*"), String.join("\n", lines));
    for (String l : lines) assertTrue(l.length() <= 100, "'" + l + "' is " + l.length());
  }

  // a pipe or a file (CI's log, a worker's output read by its coordinator's tests) keeps each message on one line
  @Test
  void elsewhereEachMessageStaysOnOneLine() {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      Verbosity.NORMAL.apply();
      LoggerFactory.getLogger("org.invariance.run.Runner").info("{}", longMessage());
    } finally {
      System.setErr(old);
    }
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("INFO: Instrumented ")).toList();
    assertEquals(1, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).endsWith(longMessage()), lines.get(0));
  }
}