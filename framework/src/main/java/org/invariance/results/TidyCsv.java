package org.invariance.results;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Appends tidy rows to {@code <probe>.csv}, flushing every batch so written rows survive a crash. */
public final class TidyCsv implements AutoCloseable {
  private final BufferedWriter out;
  private final List<String> keyColumns;
  private long rows;

  public TidyCsv(Path file, List<String> keyColumns) throws IOException {
    this.keyColumns = List.copyOf(keyColumns);
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    List<String> header = new ArrayList<>();
    header.add("model");
    header.add("dataset");
    header.addAll(keyColumns);
    header.add("metric");
    header.add("value");
    writeLine(header);
    out.flush();
  }

  public List<String> keyColumns() {
    return keyColumns;
  }

  public void write(List<ResultRow> batch) throws IOException {
    List<String> cells = new ArrayList<>();
    for (ResultRow r : batch) {
      if (r.keys().size() != keyColumns.size()) {
        throw new IllegalArgumentException("row has " + r.keys().size() + " key values for key columns " + keyColumns);
      }
      cells.clear();
      cells.add(r.model());
      cells.add(r.dataset());
      for (Object k : r.keys()) cells.add(k == null ? "" : String.valueOf(k));
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

  static String formatValue(double v) {
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
