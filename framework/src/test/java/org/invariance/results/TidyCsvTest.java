package org.invariance.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TidyCsvTest {
  @TempDir Path dir;

  @Test
  void longFormatWithKeysQuotingAndEmptyCells() throws IOException {
    Path f = dir.resolve("p.csv");
    try (TidyCsv csv = new TidyCsv(f, List.of("angle", "digit"))) {
      csv.write(List.of(
          new ResultRow("AER", "MNIST_30", Arrays.asList("30", null), "accuracy", 0.8125),
          new ResultRow("A,B", "x\"y", Arrays.asList(-60, 7), "images", 200)));
      // rows are on disk after each batch, before close
      assertEquals(3, Files.readAllLines(f).size());
    }
    assertEquals(List.of(
        "model,dataset,angle,digit,metric,value",
        "AER,MNIST_30,30,,accuracy,0.8125",
        "\"A,B\",\"x\"\"y\",-60,7,images,200"), Files.readAllLines(f));
  }
}
