package org.invariance.results;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invariance.files.AtomicWrite;

/**
 * Appends tidy rows to {@code <probe>.csv} (or {@code <probe>_summary.csv}), flushing every batch so
 * written rows survive a crash. Columns: {@code run_id, seed, model, dataset, <keys...>, metric,
 * value}; every row carries the run's id and seed, so the CSVs of many runs concatenate.
 *
 * <p>A key column holds numbers or words, never both ({@link KeyColumns}), so {@code
 * pandas.read_csv} gives every column one dtype.
 */
public final class TidyCsv implements AutoCloseable {
  /** The columns before a probe's key columns. */
  public static final List<String> LEADING = List.of("run_id", "seed", "model", "dataset");

  private final BufferedWriter out;
  private final Path file;
  private final String runId;
  private final String seed;
  private final KeyColumns keys;
  private long rows;

  public TidyCsv(Path file, String runId, long seed, List<String> keyColumns) throws IOException {
    this.keys = new KeyColumns(keyColumns);
    for (String k : keys.names()) {
      if (LEADING.contains(k) || k.equals("metric") || k.equals("value")) throw new IllegalArgumentException("key column '" + k + "' is one of the framework's columns");
    }
    this.runId = runId;
    this.seed = Long.toString(seed);
    this.file = file;
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    List<String> header = new ArrayList<>(LEADING);
    header.addAll(keys.names());
    header.add("metric");
    header.add("value");
    writeLine(header);
    out.flush();
  }

  public List<String> keyColumns() {
    return keys.names();
  }

  public void write(List<ResultRow> batch) throws IOException {
    try {
      append(batch);
    } catch (IOException e) {
      throw AtomicWrite.named(file, e);
    }
  }

  private void append(List<ResultRow> batch) throws IOException {
    List<String> cells = new ArrayList<>();
    for (ResultRow r : batch) {
      if (r.keys().size() != keys.names().size()) {
        throw new IllegalArgumentException("row has " + r.keys().size() + " key values for key columns " + keys.names());
      }
      cells.clear();
      cells.add(runId);
      cells.add(seed);
      cells.add(r.model());
      cells.add(r.dataset());
      for (int i = 0; i < r.keys().size(); i++) cells.add(keys.cell(i, r.keys().get(i)));
      cells.add(r.metric());
      cells.add(formatValue(r.value()));
      writeLine(cells);
      rows++;
    }
    out.flush();
  }

  public long rows() {
    return rows;
  }

  /** A number as the CSVs write it: whole numbers without a fraction ({@code 30}), others in Java's shortest round-trip form. */
  public static String formatValue(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return Double.toString(v);
  }

  private void writeLine(List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) out.write(',');
      out.write(quote(cells.get(i)));
    }
    out.write('\n');
  }

  static String quote(String s) {
    if (s == null) return "";
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
