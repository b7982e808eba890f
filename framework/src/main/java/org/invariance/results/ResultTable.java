package org.invariance.results;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A probe's tidy CSV read back for figures: columns {@code run_id, seed, model, dataset, <keys...>,
 * metric, value} as {@link TidyCsv} writes them ({@code run_id} and {@code seed} may be absent, as
 * in tables built by hand or CSVs of older runs; cells are read as written). Filtering returns views that share the rows, so slicing a large table is cheap.
 */
public final class ResultTable {
  /** One row; cells are strings as written, {@link #value()} is the number. */
  public static final class Row {
    private final ResultTable table;
    private final String[] cells;
    private final double value;
    private final long line;

    private Row(ResultTable table, String[] cells, long line) {
      this.table = table;
      this.cells = cells;
      this.line = line;
      String v = cells[table.index("value")];
      try {
        this.value = v.isEmpty() ? Double.NaN : Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(table.source + ":" + line + ": value: not a number: '" + shown(v) + "'");
      }
    }

    public String get(String column) {
      return cells[table.index(column)];
    }

    public String model() {
      return get("model");
    }

    public String dataset() {
      return get("dataset");
    }

    public String metric() {
      return get("metric");
    }

    public double value() {
      return value;
    }

    /** A key column read as a number. */
    public double number(String column) {
      String s = get(column);
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(table.source + ":" + line + ": " + column + ": not a number: '" + shown(s) + "'");
      }
    }

    public int integer(String column) {
      return (int) number(column);
    }
  }

  private final String source;
  private final List<String> columns;
  private final Map<String, Integer> index;
  private final List<Row> rows;

  private ResultTable(String source, List<String> columns, Map<String, Integer> index, List<Row> rows) {
    this.source = source;
    this.columns = columns;
    this.index = index;
    this.rows = rows;
  }

  /** The columns every tidy CSV has. */
  private static final List<String> TIDY = List.of("model", "dataset", "metric", "value");

  /** Reads a tidy CSV; errors name the file and line, in one line of plain words. */
  public static ResultTable read(Path csv) throws IOException {
    return read(csv, TIDY);
  }

  /**
   * Reads a CSV of other columns ({@code training.csv}) the same way: {@code required} must be in
   * its header, {@code value} among them (each row's value is read as a number).
   */
  public static ResultTable read(Path csv, List<String> required) throws IOException {
    if (!required.contains("value")) throw new IllegalArgumentException("a table has a value column");
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    String source = csv.toString();
    // strictly UTF-8, as TidyCsv writes (from bytes, Jackson would guess UTF-16 or UTF-32 from zero bytes)
    java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT).onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    try (java.io.BufferedReader text = new java.io.BufferedReader(new java.io.InputStreamReader(java.nio.file.Files.newInputStream(csv), utf8), 1 << 16)) {
      text.mark(1);
      if (text.read() != '\uFEFF') text.reset(); // a byte order mark, as spreadsheets write
      return read(source, mapper.readerFor(String[].class).readValues(text), required);
    } catch (IOException | RuntimeException e) {
      throw problem(csv, e);
    }
  }

  /** Distinct values a column may have and still be pooled. */
  private static final int POOLED = 50_000;

  private static ResultTable read(String source, MappingIterator<String[]> rows, List<String> required) throws IOException {
    try (MappingIterator<String[]> it = rows) {
      if (!it.hasNext()) throw new IOException(source + ": empty file, expected a header line");
      List<String> columns = List.of(it.next());
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        if (index.put(columns.get(i), i) != null) throw new IOException(source + ":1: header names column '" + shown(columns.get(i)) + "' twice");
      }
      for (String column : required) {
        if (!index.containsKey(column)) throw new IOException(source + ":1: header lacks column '" + column + "': " + shown(columns.toString()));
      }
      ResultTable table = new ResultTable(source, columns, index, new ArrayList<>());
      // a column's few distinct words (run id, model, dataset, layer, metric) repeat on every row:
      // each is kept once, so a table of half a million rows stays small on a 512 MB heap
      List<Map<String, String>> pools = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) pools.add(new HashMap<>());
      // a row starts on the line after the previous one ends (a quoted cell may hold line breaks)
      long next = it.getParser().currentLocation().getLineNr();
      while (it.hasNext()) {
        long line = next;
        String[] cells = it.next();
        next = it.getParser().currentLocation().getLineNr();
        if (cells.length != columns.size()) {
          throw new IOException(source + ":" + line + ": " + cells.length + " cells, the header has " + columns.size());
        }
        for (int i = 0; i < cells.length; i++) {
          Map<String, String> pool = pools.get(i);
          if (pool == null) continue;
          String kept = pool.putIfAbsent(cells[i], cells[i]);
          if (kept != null) cells[i] = kept;
          else if (pool.size() > POOLED) pools.set(i, null); // a column of many distinct values (the value) is left as it is
        }
        table.rows.add(new Row(table, cells, line));
      }
      return table;
    }
  }

  /**
   * What went wrong, in one line naming the file: text that is not UTF-8 (at its byte), the CSV
   * parser's complaint ("Missing closing quote for value") at its line and column, or a bad row.
   */
  private static IOException problem(Path csv, Exception e) {
    if (e instanceof RuntimeException && e.getCause() instanceof IOException io && !(io instanceof com.fasterxml.jackson.core.JsonProcessingException)) {
      return problem(csv, io); // MappingIterator wraps what the reader threw
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof java.nio.charset.CharacterCodingException) return notUtf8(csv, e);
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
        com.fasterxml.jackson.core.JsonLocation at = j.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + (at.getColumnNr() > 0 ? ":" + at.getColumnNr() : "");
        String why = j.getOriginalMessage() == null ? "" : j.getOriginalMessage().lines().findFirst().orElse("").strip();
        return new IOException(csv + where + ": not valid CSV" + (why.isEmpty() ? "" : ": " + shown(why)), e);
      }
    }
    if (e instanceof java.nio.file.NoSuchFileException) return new IOException(csv + ": no such file", e);
    if (e instanceof java.nio.file.AccessDeniedException) return new IOException(csv + ": not readable (permission denied)", e);
    if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(csv + ":")) return io; // ours
    boolean ours = e.getMessage() != null && e.getMessage().startsWith(csv + ":"); // a bad row (Row's IllegalArgumentException)
    if (e instanceof RuntimeException r && !ours) throw r; // a bug, not a bad file
    return new IOException(ours ? e.getMessage() : csv + ": cannot be read: " + shown(String.valueOf(e.getMessage())), e);
  }

  private static IOException notUtf8(Path csv, Exception e) {
    String where = "";
    try {
      byte[] bytes = java.nio.file.Files.readAllBytes(csv);
      java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
      java.nio.charset.CoderResult r = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(in, java.nio.CharBuffer.allocate(bytes.length), true);
      if (r.isError()) where = String.format(" (byte 0x%02X at offset %d)", bytes[in.position()] & 0xff, in.position());
    } catch (IOException | RuntimeException ignored) {
      // the offset is a courtesy
    }
    return new IOException(csv + ": not UTF-8 text" + where, e);
  }

  /** A cell as it may stand in a one-line message: line breaks and other control characters escaped, long ones cut. */
  static String shown(String s) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    for (; i < s.length() && b.length() < 80; i++) {
      char c = s.charAt(i);
      if (c == '\n') b.append("\\n");
      else if (c == '\r') b.append("\\r");
      else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return i < s.length() ? b + "..." : b.toString();
  }

  /** A table of no rows with the columns every tidy CSV has (a probe that wrote no summary). */
  public static ResultTable empty() {
    List<String> columns = new ArrayList<>(TidyCsv.LEADING);
    columns.addAll(List.of("metric", "value"));
    return of(columns, List.of());
  }

  /** Builds a table in memory (tests, derived tables). */
  public static ResultTable of(List<String> columns, List<List<String>> cells) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) index.put(columns.get(i), i);
    ResultTable table = new ResultTable("<memory>", List.copyOf(columns), index, new ArrayList<>());
    long line = 1;
    for (List<String> c : cells) table.rows.add(new Row(table, c.toArray(String[]::new), ++line));
    return table;
  }

  int index(String column) {
    Integer i = index.get(column);
    if (i == null) throw new IllegalArgumentException(source + ": no column '" + column + "' (columns: " + columns + ")");
    return i;
  }

  public String source() {
    return source;
  }

  public List<String> columns() {
    return columns;
  }

  public List<Row> rows() {
    return Collections.unmodifiableList(rows);
  }

  public int size() {
    return rows.size();
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public ResultTable filter(Predicate<Row> keep) {
    List<Row> kept = new ArrayList<>();
    for (Row r : rows) if (keep.test(r)) kept.add(r);
    return new ResultTable(source, columns, index, kept);
  }

  public ResultTable where(String column, String value) {
    int i = index(column);
    return filter(r -> r.cells[i].equals(value));
  }

  public ResultTable metric(String metric) {
    return where("metric", metric);
  }

  /** The distinct values of a column, in order of first appearance. */
  public List<String> distinct(String column) {
    int i = index(column);
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    for (Row r : rows) seen.add(r.cells[i]);
    return List.copyOf(seen);
  }

  public double[] values() {
    double[] v = new double[rows.size()];
    for (int k = 0; k < v.length; k++) v[k] = rows.get(k).value;
    return v;
  }

  /** The value of the only row; an error naming the filter's result otherwise. */
  public double value() {
    if (rows.size() != 1) throw new IllegalStateException(source + ": expected one row, found " + rows.size());
    return rows.get(0).value;
  }

  public double mean() {
    if (rows.isEmpty()) throw new IllegalStateException(source + ": mean of no rows");
    double s = 0;
    for (Row r : rows) s += r.value;
    return s / rows.size();
  }

  /**
   * The mean value over the given columns: one row per distinct combination of the other key
   * columns (in order of first appearance), those columns dropped. E.g. per-image distances ->
   * the mean distance per model, pair, layer and metric. Empty values (NaN) are left out of a mean.
   */
  public ResultTable meanOver(String... reduced) {
    List<String> kept = new ArrayList<>();
    for (String c : columns) if (!List.of(reduced).contains(c)) kept.add(c);
    for (String c : reduced) index(c);
    int valueAt = kept.indexOf("value");
    Map<List<String>, double[]> sums = new java.util.LinkedHashMap<>();
    for (Row r : rows) {
      List<String> key = new ArrayList<>(kept.size() - 1);
      for (String c : kept) if (!c.equals("value")) key.add(r.get(c));
      double[] s = sums.computeIfAbsent(key, k -> new double[2]);
      if (!Double.isNaN(r.value)) {
        s[0] += r.value;
        s[1]++;
      }
    }
    List<List<String>> cells = new ArrayList<>();
    sums.forEach((key, s) -> {
      List<String> row = new ArrayList<>(key);
      row.add(valueAt, s[1] == 0 ? "" : Double.toString(s[0] / s[1]));
      cells.add(row);
    });
    ResultTable t = of(kept, cells);
    return new ResultTable(source, t.columns, t.index, t.rows);
  }
}
