package org.invariance.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} on a run directory it cannot read whole (a CSV with a bad row, a provenance.json
 * that is not JSON) writes nothing: the page and the claims that were there stay byte for byte,
 * and the command says in one line which file and line it could not read (exit 2, no stack trace).
 */
class ReportCommandTest {
  @TempDir Path dir;
  Path run;
  byte[] page;
  byte[] claims;

  @BeforeEach
  void aFinishedRun() throws Exception {
    Path f = Files.writeString(dir.resolve("e.yaml"), "name: x\nseed: 1\ndata: {plugin: test-digits, count: 20}\ntransforms: {shift: {amounts: [0]}}\n"
        + "models: {A: {plugin: fixed-encoder, units: 2}, H: {plugin: fixed-head, on: A}}\nprobes: {count: {}}\n");
    run = dir.resolve("run");
    MainTest.Printed r = MainTest.printed("run", f.toString(), "--out", run.toString(), "--cache", dir.resolve("cache").toString(), "--metrics-port", "0");
    assertEquals(0, r.code(), r.err());
    page = Files.readAllBytes(run.resolve("report/index.html"));
    claims = Files.readAllBytes(run.resolve("report/claims.csv"));
    assertEquals(0, MainTest.printed("report", run.toString()).code(), "a good run redraws");
    page = Files.readAllBytes(run.resolve("report/index.html"));
    claims = Files.readAllBytes(run.resolve("report/claims.csv"));
  }

  /** The command's one line, exit 2, and the report as it was. */
  private void refused(String line) throws Exception {
    MainTest.Printed r = MainTest.printed("report", run.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals(line, r.err().strip());
    assertFalse(r.err().contains("\tat "), r.err());
    assertArrayEquals(page, Files.readAllBytes(run.resolve("report/index.html")), "the page is kept byte for byte");
    assertArrayEquals(claims, Files.readAllBytes(run.resolve("report/claims.csv")), "the claims are kept byte for byte");
  }

  /** Rewrites line {@code n} (1 = the header) of a file. */
  private static void edit(Path file, int n, UnaryOperator<String> change) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(n - 1, change.apply(lines.get(n - 1)));
    Files.write(file, lines);
  }

  @Test
  void aRowWithTooFewCellsKeepsTheReportAndNamesItsLine() throws Exception {
    Path csv = run.resolve("count.csv");
    int columns = Files.readAllLines(csv).get(0).split(",").length;
    assertTrue(Files.readAllLines(csv).size() >= 3, "the probe wrote rows");
    edit(csv, 3, l -> l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',') - 1)));
    refused(csv + ":3: " + (columns - 2) + " cells, the header has " + columns);
  }

  @Test
  void aValueThatIsNotANumberKeepsTheReportAndNamesItsLine() throws Exception {
    Path csv = run.resolve("count.csv");
    edit(csv, 2, l -> l.substring(0, l.lastIndexOf(',') + 1) + "many");
    refused(csv + ":2: value: not a number: 'many'");
  }

  @Test
  void aBadTrainingCsvKeepsTheReportAndNamesItsLine() throws Exception {
    Path csv = run.resolve("training.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(csv));
    lines.add("r,1,A,training,ten,0.5,loss,,,0.25");
    Files.write(csv, lines);
    refused(csv + ":" + lines.size() + ": iteration: not a number: 'ten'");
  }

  @Test
  void aProvenanceThatIsNotJsonKeepsTheReportAndSaysWhereInOneLine() throws Exception {
    Path prov = run.resolve("provenance.json");
    Files.writeString(prov, "{\"experiment\": \"x\",\n  \"seed\": oops\n}\n");
    refused(prov + ": not JSON (unrecognized token 'oops', line 2, column 16)");
    Files.writeString(prov, "{\"experiment\": \"x\",\n  \"seed\": 1");
    refused(prov + ": not JSON (unexpected end of file, line 2, column 12)");
    Files.writeString(prov, "<html>not a run</html>");
    refused(prov + ": not JSON (unexpected character '<', line 1, column 1)");
  }

  @Test
  void aCsvTheRunRecordedButIsGoneKeepsTheReport() throws Exception {
    Files.delete(run.resolve("count.csv"));
    refused(run.resolve("count.csv") + ": no such file, though provenance.json records it for probe count");
  }
}
