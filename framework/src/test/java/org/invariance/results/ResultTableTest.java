package org.invariance.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.invariance.results.ResultRow;
import org.invariance.results.TidyCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultTableTest {
  @TempDir Path dir;

  @Test
  void readsBackWhatTidyCsvWroteIncludingQuotedCells() throws IOException {
    Path csv = dir.resolve("p.csv");
    try (TidyCsv out = new TidyCsv(csv, "run-1", 5, List.of("type", "digit"))) {
      out.write(List.of(
          new ResultRow("AER", "{MNIST_0,MNIST_mix}", List.of("A", 1), "mean", 0.25),
          new ResultRow("AER", "{MNIST_0,MNIST_mix}", List.of("A", 7), "mean", 0.5),
          new ResultRow("AEUR", "say \"hi\"", Arrays.asList("B1", null), "count", 3)));
    }
    ResultTable t = ResultTable.read(csv);
    assertEquals(List.of("run_id", "seed", "model", "dataset", "type", "digit", "metric", "value"), t.columns());
    assertEquals(List.of("run-1"), t.distinct("run_id"));
    assertEquals(3, t.size());
    assertEquals(List.of("{MNIST_0,MNIST_mix}", "say \"hi\""), t.distinct("dataset"));
    assertArrayEquals(new double[] {0.25, 0.5}, t.where("model", "AER").metric("mean").values());
    assertEquals(0.375, t.metric("mean").mean(), 1e-12);
    assertEquals(7, t.where("digit", "7").rows().get(0).integer("digit"));
    assertEquals("", t.metric("count").rows().get(0).get("digit"));
    assertEquals(3, t.metric("count").value());
  }

  @Test
  void badCellsNameTheFileAndLine() throws IOException {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "model,dataset,metric,value\nA,D,m,1\nA,D,m,one\n");
    IOException e = assertThrows(IOException.class, () -> ResultTable.read(csv));
    assertTrue(e.getMessage().startsWith(csv + ":3: value: not a number: 'one'"), e.getMessage());

    Files.writeString(csv, "model,dataset,metric,value\nA,D,m\n");
    e = assertThrows(IOException.class, () -> ResultTable.read(csv));
    assertTrue(e.getMessage().startsWith(csv + ":2: 3 cells, the header has 4"), e.getMessage());

    Files.writeString(csv, "model,metric,value\n");
    e = assertThrows(IOException.class, () -> ResultTable.read(csv));
    assertTrue(e.getMessage().contains(":1: header lacks column 'dataset'"), e.getMessage());
  }

  /**
   * Found by fuzzing: the CSV parser's own messages (several lines, a Java source name), its guess
   * of UTF-16/32 from zero bytes, and cells echoed with their line breaks.
   */
  @Test
  void badTextIsSaidInOneLineNamingTheFileAndPlace() throws IOException {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "model,dataset,metric,value\n\"A,D,m,1\n");
    assertEquals(csv + ":3:1: not valid CSV: Missing closing quote for value", fails(csv));

    Files.write(csv, new byte[] {'m', 'o', 'd', 'e', 'l', ',', (byte) 0xE9, '\n'});
    assertEquals(csv + ": not UTF-8 text (byte 0xE9 at offset 6)", fails(csv));
    Files.write(csv, new byte[] {0, 0, 0, 'm', 'o', 'd', 'e', 'l', '\n'});
    assertTrue(fails(csv).startsWith(csv + ":1: header lacks column 'model': [\\u0000\\u0000\\u0000model]"), fails(csv));

    // a quoted cell may hold a line break: the row is named by the line it starts on, the cell on one line
    Files.writeString(csv, "model,dataset,metric,value\n\"A\nB\",D,m,1\nA,D,m,\"1\n2\"\n");
    assertEquals(csv + ":4: value: not a number: '1\\n2'", fails(csv));

    Files.writeString(csv, "model,dataset,metric,value,value\nA,D,m,1,2\n");
    assertEquals(csv + ":1: header names column 'value' twice", fails(csv));
  }

  @Test
  void aByteOrderMarkIsSkipped() throws IOException {
    Path csv = dir.resolve("bom.csv");
    Files.write(csv, ("\uFEFFmodel,dataset,metric,value\nA,D,m,1\n").getBytes(StandardCharsets.UTF_8));
    assertEquals(1, ResultTable.read(csv).value());
  }

  static String fails(Path csv) {
    IOException e = assertThrows(IOException.class, () -> ResultTable.read(csv));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    return e.getMessage();
  }

  @Test
  void askingForOneValueWhereThereAreManyIsAnError() {
    ResultTable t = ResultTable.of(List.of("model", "dataset", "metric", "value"), List.of(List.of("A", "D", "m", "1"), List.of("A", "E", "m", "2")));
    IllegalStateException e = assertThrows(IllegalStateException.class, t::value);
    assertTrue(e.getMessage().contains("expected one row, found 2"));
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> t.where("layer", "1"));
    assertTrue(e2.getMessage().contains("no column 'layer'"));
  }
}
