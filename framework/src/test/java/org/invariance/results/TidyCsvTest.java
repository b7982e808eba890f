package org.invariance.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.invariance.testing.Pandas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TidyCsvTest {
  @TempDir Path dir;

  @Test
  void longFormatWithRunIdSeedKeysQuotingAndEmptyCells() throws IOException {
    Path f = dir.resolve("p.csv");
    try (TidyCsv csv = new TidyCsv(f, "20261125-220138-e76d0d61/seed=2", 20161, List.of("amount", "mix", "digit"))) {
      csv.write(List.of(
          new ResultRow("AER", "MNIST_30", Arrays.asList(30.0, null, null), "accuracy", 0.8125),
          new ResultRow("AER", "MNIST_mix", Arrays.asList(null, "rotation", 7), "accuracy", 0.5),
          new ResultRow("A,B", "x\"y", Arrays.asList(-12.5, null, 7), "images", 200)));
      // rows are on disk after each batch, before close
      assertEquals(4, Files.readAllLines(f).size());
    }
    assertEquals(List.of(
        "run_id,seed,model,dataset,amount,mix,digit,metric,value",
        "20261125-220138-e76d0d61/seed=2,20161,AER,MNIST_30,30,,,accuracy,0.8125",
        "20261125-220138-e76d0d61/seed=2,20161,AER,MNIST_mix,,rotation,7,accuracy,0.5",
        "20261125-220138-e76d0d61/seed=2,20161,\"A,B\",\"x\"\"y\",-12.5,,7,images,200"), Files.readAllLines(f));
  }

  @Test
  void aKeyColumnHoldsNumbersOrTextNeverBoth() throws IOException {
    try (TidyCsv csv = new TidyCsv(dir.resolve("p.csv"), "r", 1, List.of("digit"))) {
      csv.write(List.of(new ResultRow("M", "D", List.of(3), "accuracy", 1)));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> csv.write(List.of(new ResultRow("M", "D", List.of("all"), "accuracy", 1))));
      assertTrue(e.getMessage().contains("key column 'digit' holds numbers, not 'all'"), e.getMessage());
    }
    try (TidyCsv csv = new TidyCsv(dir.resolve("q.csv"), "r", 1, List.of("drop"))) {
      csv.write(List.of(new ResultRow("M", "D", List.of("random"), "accuracy", 1)));
      assertThrows(IllegalArgumentException.class, () -> csv.write(List.of(new ResultRow("M", "D", List.of(0.5), "accuracy", 1))));
      assertThrows(IllegalArgumentException.class, () -> csv.write(List.of(new ResultRow("M", "D", List.of(List.of()), "accuracy", 1))), "neither a number nor text");
    }
    assertThrows(IllegalArgumentException.class, () -> new TidyCsv(dir.resolve("r.csv"), "r", 1, List.of("seed")), "the framework's own column");
  }

  /** What pandas makes of the file: a numeric dtype for every numeric column (empty cells or not), object for text. */
  @Test
  void pandasReadsNumericColumnsAsNumbers() throws Exception {
    Path f = dir.resolve("p.csv");
    try (TidyCsv csv = new TidyCsv(f, "20261125-220138-e76d0d61", 7, List.of("amount", "mix", "layer", "other_dataset"))) {
      csv.write(List.of(
          new ResultRow("AER", "MNIST_0", Arrays.asList(30.0, null, 1, "MNIST_30"), "cka", Double.NaN),
          new ResultRow("AER", "MNIST_mix", Arrays.asList(null, "rotation", null, "MNIST_30"), "cka", 0.25)));
    }
    assertEquals("run_id=object seed=int64 model=object dataset=object amount=float64 mix=object layer=float64 other_dataset=object metric=object value=float64", Pandas.dtypes(f));
  }
}
