package org.invariance.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line: fitted to the terminal's width on a terminal, plain periodic lines elsewhere. */
class TerminalProgressTest {
  private static final long S = TimeUnit.SECONDS.toNanos(1);

  private static ProgressLine.Snapshot snapshot(String label, long done, long total, double seconds, long samples, Map<String, Double> values) {
    return new ProgressLine.Snapshot(label, done, total, seconds, samples, values);
  }

  private static Map<String, Double> values(Object... kv) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
    return m;
  }

  @Test
  void theLineNeverExceedsTheTerminalsWidth() {
    List<ProgressLine.Snapshot> cases = List.of(
        snapshot("AER-encoder pretraining", 0, 3000, 0, 0, values()),
        snapshot("AER-encoder pretraining", 1200, 3000, 100.8, 1_200_000, values("loss", 95.21, "lr", 0.01)),
        snapshot("AER-encoder pretraining", 3000, 3000, 252, 3_000_000, values("loss", 80.5, "lr", 0.01, "momentum", 0.9)),
        snapshot("neuron-types", 7, 22, 1.4, 0, values()),
        snapshot("a-model-with-a-very-long-name-that-a-sweep-point-gave-it pretraining", 123_456, 380_000, 3600 * 5.2, 123_456_000L,
            values("loss", 1.234e-5, "lr", 1e-3)));
    for (int width : new int[] {200, 120, 80, 60, 40, 30, 20, 12, 5, 1}) {
      for (ProgressLine.Snapshot s : cases) {
        String line = ProgressLine.fit(s, width, true);
        assertTrue(ProgressLine.displayWidth(line) <= width, width + " columns: '" + line + "' is " + line.length());
        assertTrue(line.chars().noneMatch(c -> c < ' '), "no control characters: " + line);
      }
    }
  }

  @Test
  void eightyColumnsShowTheWholeStoryAndFortyTheEssentials() {
    ProgressLine.Snapshot s = snapshot("AER-encoder pretraining", 1200, 3000, 100.8, 1_200_000, values("loss", 95.21, "lr", 0.01));
    String eighty = ProgressLine.fit(s, 79, true);
    assertTrue(eighty.startsWith("AER-encoder pretraining  40% [#"), eighty);
    assertTrue(eighty.contains("] 1200/3000 11.9/s"), eighty);
    assertTrue(eighty.contains(" eta 2m31s") && eighty.contains(" loss=95.21"), eighty);
    String forty = ProgressLine.fit(s, 39, true);
    assertEquals("AER-encoder pretraining  40% 1200/3000", forty);
    // a label too long for the terminal is cut, the counts stay
    assertEquals("AER-encoder~ 1200/3000", ProgressLine.fit(s, 22, true));
    // at the end: the time it took instead of the time left
    String end = ProgressLine.fit(snapshot("AER head", 1000, 1000, 3.2, 128_000, values("loss", 1.229)), 79, true);
    assertTrue(end.matches("AER head 100% \\[#+] 1000/1000 312\\.5/s 40\\.0k samples/s in 3s loss=1\\.229"), end);
  }

  @Test
  void onATerminalTheLibraryRedrawsOneLineThatFitsAndLogLinesEraseItFirst() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TerminalScreen screen = TerminalScreen.of(bytes, 40);
    TerminalProgress p = new TerminalProgress("AER-encoder pretraining", 3000, screen);
    p.done(1200);
    p.samples(1_200_000);
    p.value("loss", 95.21);
    screen.println("12:00:00 INFO  a log line");
    p.done(3000);
    p.close();
    screen.println("after");
    String out = bytes.toString(StandardCharsets.UTF_8);
    // every drawing of the bar: "\r" + line + erase to the end of the line; the line fits in 39 columns
    for (String drawn : out.split("[\r\n]")) {
      String visible = drawn.replace("\u001b[K", "");
      assertTrue(visible.length() <= 39, "'" + visible + "'");
    }
    assertTrue(out.contains("\r\u001b[K12:00:00 INFO  a log line\n") || out.startsWith("12:00:00 INFO  a log line\n"), "a log line starts on a clean line: " + out);
    assertTrue(out.endsWith("AER-encoder pretraining 100% 3000/3000\u001b[K\nafter\n") || out.matches("(?s).*\rAER-encoder pretraining 100% 3000/3000[^\r]*\u001b\\[K\nafter\n"),
        "the last drawing stays, ended by a newline: " + out.replace("\u001b", "ESC").replace("\r", "CR"));
  }

  @Test
  void elsewhereItPrintsAPlainLineEveryTenSecondsAndOneAtTheEnd() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong(1_000 * S);
    TerminalProgress p = new TerminalProgress("AER-encoder pretraining", 3000, new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get, 10 * S);
    for (int second = 1; second <= 25; second++) {
      now.addAndGet(S);
      p.samples(100_000); // as trainers do: the step's samples and loss, then the step
      p.value("loss", 100.0 - second);
      p.done(second * 100L);
    }
    now.addAndGet(S / 2);
    p.done(3000);
    p.close();
    p.close(); // twice: still one last line
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(List.of(
        "AER-encoder pretraining  33% 1000/3000 100.0/s 100.0k samples/s eta 20s loss=90.00",
        "AER-encoder pretraining  66% 2000/3000 100.0/s 100.0k samples/s eta 10s loss=80.00",
        "AER-encoder pretraining 100% 3000/3000 117.6/s 98.0k samples/s in 26s loss=75.00"), lines);
    assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("\r"), "no redraws in a log");
  }

  @Test
  void withoutAStreamItShowsNothing() {
    TerminalProgress p = new TerminalProgress("x", 10, null);
    p.done(10);
    p.close();
    assertEquals("x 100% 10/10", ProgressLine.fit(snapshot("x", 10, 10, 0, 0, values()), 80, false).replace(" in 0s", ""));
  }
}
