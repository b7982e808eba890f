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
import java.util.regex.Pattern;
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
    assertTrue(eighty.contains("] 1200/3000 steps eta 2m31s"), eighty);
    assertTrue(ProgressLine.fit(s, 99, true).contains("] 1200/3000 steps 11.9/s 11.9k samples/s eta 2m31s loss=95.21"), ProgressLine.fit(s, 99, true));
    assertTrue(eighty.contains(" loss=95.21"), eighty);
    String forty = ProgressLine.fit(s, 39, true);
    assertEquals("AER-encoder pretraining  40% 1200/3000", forty);
    // a label too long for the terminal is cut, the counts stay
    assertEquals("AER-encoder~ 1200/3000", ProgressLine.fit(s, 22, true));
    // at the end: the time it took instead of the time left
    String end = ProgressLine.fit(snapshot("AER head", 1000, 1000, 3.2, 128_000, values("loss", 1.229)), 99, true);
    assertTrue(end.matches("AER head 100% \\[#+] 1000/1000 steps 312\\.5/s 40\\.0k samples/s in 3s loss=1\\.229"), end);
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
        "AER-encoder pretraining  33% 1000/3000 steps 100.0/s 100.0k samples/s eta 20s loss=90.00",
        "AER-encoder pretraining  66% 2000/3000 steps 100.0/s 100.0k samples/s eta 10s loss=80.00",
        "AER-encoder pretraining 100% 3000/3000 steps 117.6/s 98.0k samples/s in 26s loss=75.00"), lines);
    assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("\r"), "no redraws in a log");
  }

  @Test
  void withoutAStreamItShowsNothing() {
    TerminalProgress p = new TerminalProgress("x", 10, null);
    p.done(10);
    p.close();
    assertEquals("x 100% 10/10 steps", ProgressLine.fit(snapshot("x", 10, 10, 0, 0, values()), 80, false).replace(" in 0s", ""));
  }

  @Test
  void slowerThanAStepASecondItShowsSecondsPerStepInTheCallersUnit() {
    // 1 of 3 pairs in 22.5 s: 22.5 s/pair and 45 s left, not "0.0/s"
    String one = ProgressLine.fit(new ProgressLine.Snapshot("cka", 1, 3, "pairs", 22.5, 0, values()), Integer.MAX_VALUE, false);
    assertEquals("cka  33% 1/3 pairs 22.5 s/pair eta 45s", one);
    // a phase of 3 steps over 67.5 s
    String end = ProgressLine.fit(snapshot("cka", 3, 3, 67.5, 0, values()), Integer.MAX_VALUE, false);
    assertEquals("cka 100% 3/3 steps 22.5 s/step in 1m08s", end);
    // a step a second or faster: steps per second; slower than 100 s a step: minutes
    assertEquals("2.0/s", ProgressLine.rate(2, "images"));
    assertEquals("1.0/s", ProgressLine.rate(1, "images"));
    assertEquals("2.0 s/image", ProgressLine.rate(0.5, "images"));
    assertEquals("5m00s/iteration", ProgressLine.rate(1 / 300.0, "iterations"));
    assertEquals("test set", ProgressLine.singular("test sets"));
  }

  @Test
  void aPhaseNamesWhatItCountsAndDefaultsToSteps() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong(0);
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    TerminalProgress images = new TerminalProgress("export-images", 4, "images", out, now::get, 10 * S);
    TerminalProgress unnamed = new TerminalProgress("neuron-types", 2, " ", out, now::get, 10 * S);
    now.addAndGet(2 * S);
    images.done(4);
    images.close();
    unnamed.done(2);
    unnamed.close();
    assertEquals(List.of("export-images 100% 4/4 images 2.0/s in 2s", "neuron-types 100% 2/2 steps 1.0/s in 2s"),
        bytes.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void aValueThatNeverChangesIsShownOnceAndOnesThatChangeOnEveryLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong(0);
    TerminalProgress p = new TerminalProgress("AER head", 30, "iterations", new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get, 10 * S);
    for (int i = 1; i <= 30; i++) {
      now.addAndGet(S);
      p.value("loss", 3.0 - i * 0.05);
      p.value("lr", 0.01); // the same every iteration
      p.value("momentum", i < 15 ? 0.5 : 0.9); // changes once: then it is a changing value
      p.done(i);
    }
    p.close();
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(3, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).endsWith(" loss=2.500 lr=0.01000 momentum=0.5000"), lines.get(0));
    assertTrue(lines.get(1).endsWith(" loss=2.000 momentum=0.9000"), lines.get(1));
    assertTrue(lines.get(2).endsWith(" in 30s loss=1.500 momentum=0.9000"), lines.get(2));
    // the redrawn terminal line is one line per phase: it keeps every value
    assertTrue(p.line(200, now.get()).endsWith(" loss=1.500 lr=0.01000 momentum=0.9000"), p.line(200, now.get()));
  }

  @Test
  void theLastLineIsPrintedOnceWhenTheLastStepAlreadyPrintedIt() {
    // a slow phase (22.5 s a step, a line every 10 s) prints at every step, the last one included; close adds nothing
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong(0);
    TerminalProgress p = new TerminalProgress("cka", 3, "pairs", new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get, 10 * S);
    for (int i = 1; i <= 3; i++) {
      now.addAndGet(22_500_000_000L);
      p.done(i);
    }
    p.close();
    assertEquals(List.of("cka  33% 1/3 pairs 22.5 s/pair eta 45s", "cka  66% 2/3 pairs 22.5 s/pair eta 23s", "cka 100% 3/3 pairs 22.5 s/pair in 1m08s"),
        bytes.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void onATerminalTheLastLineIsDrawnOnce() {
    // the library's last update draws twice (its refresh, then its forced refresh); the screen draws a line once
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TerminalScreen screen = TerminalScreen.of(bytes, 100);
    AtomicLong now = new AtomicLong(0);
    TerminalProgress p = new TerminalProgress("cka", 3, "pairs", screen, now::get, 10 * S);
    while (bytes.size() == 0) Thread.onSpinWait(); // the library's first drawing: from then on its close draws the last line twice
    now.addAndGet(67_500_000_000L);
    p.done(3);
    p.close();
    String out = bytes.toString(StandardCharsets.UTF_8);
    String last = "\rcka 100% [";
    assertEquals(1, out.split(Pattern.quote(last), -1).length - 1, out.replace("\u001b", "ESC").replace("\r", "CR"));
    assertTrue(out.endsWith("] 3/3 pairs 22.5 s/pair in 1m08s\u001b[K\n"), out.replace("\u001b", "ESC").replace("\r", "CR"));
  }
}
