package org.invariance.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.invariance.results.ResultTable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tidy CSV the report reads back ({@link ResultTable#read}) on any bytes: a table whose rows
 * have a cell per column and a number (or NaN) as value, or one IOException in one line of plain
 * words. Seeds (written as TidyCsv writes): {@code ResultTableFuzzTestInputs/readCsv/}.
 */
class ResultTableFuzzTest {
  @TempDir Path dir;

  @FuzzTest(maxDuration = "30s")
  void readCsv(byte[] input) throws IOException {
    Path csv = dir.resolve("probe.csv");
    Files.write(csv, input);
    ResultTable t;
    try {
      t = ResultTable.read(csv);
    } catch (IOException e) {
      Contract.plainOneLine(e, new String(input, StandardCharsets.UTF_8));
      return;
    }
    for (ResultTable.Row r : t.rows()) {
      for (String c : t.columns()) r.get(c);
      r.model();
      r.metric();
      r.value();
    }
    assertEquals(t.size(), t.values().length);
    t.distinct("model");
    t.meanOver("dataset");
  }
}
