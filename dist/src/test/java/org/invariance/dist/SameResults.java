package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Two runs' CSVs compared byte for byte, except what only says when a thing happened:
 * {@code training.csv}'s {@code seconds} column (the clock, not a result) is left out of it.
 */
final class SameResults {
  private SameResults() {}

  static void assertSameCsvs(Path expected, Path actual) throws IOException {
    List<String> files = csvs(expected);
    assertEquals(files, csvs(actual), "the same CSV files");
    for (String f : files) {
      if (f.endsWith("training.csv")) {
        assertEquals(withoutSeconds(expected.resolve(f)), withoutSeconds(actual.resolve(f)), f + " is the same curve as the other run's");
      } else {
        assertEquals(-1L, Files.mismatch(expected.resolve(f), actual.resolve(f)), f + " is byte-identical to the other run's");
      }
    }
  }

  static List<String> csvs(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".csv")).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  /** Every line without its last column (seconds). */
  private static List<String> withoutSeconds(Path csv) throws IOException {
    return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
  }
}
