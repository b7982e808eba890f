package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.invariance.testing.CsvCells;

/**
 * Two runs' CSVs compared cell for cell, except what only says which run it was or when a thing
 * happened: every CSV's {@code run_id} column (each run names its own rows) and {@code training.csv}'s
 * {@code seconds} (the clock, not a result), found by their names in the header.
 */
final class SameResults {
  private SameResults() {}

  static void assertSameCsvs(Path expected, Path actual) throws IOException {
    List<String> files = csvs(expected);
    assertEquals(files, csvs(actual), "the same CSV files");
    for (String f : files) {
      String[] ignored = Path.of(f).getFileName().toString().equals("training.csv") ? new String[] {"run_id", "seconds"} : new String[] {"run_id"};
      assertEquals(CsvCells.without(expected.resolve(f), ignored), CsvCells.without(actual.resolve(f), ignored),
          f + " holds the same numbers as the other run's (" + String.join(" and ", ignored) + " aside)");
    }
  }

  static List<String> csvs(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      // a figure's plotted data (report/figures/*.csv) is drawn from these files, not a result of its own
      return s.filter(p -> p.toString().endsWith(".csv")).map(p -> root.relativize(p).toString())
          .filter(p -> !p.replace('\\', '/').contains("report/figures/")).sorted().toList();
    }
  }
}
