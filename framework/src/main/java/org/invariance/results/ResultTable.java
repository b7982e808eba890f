package org.invariance.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    Row(ResultTable table, String[] cells, long line) {
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
  final List<Row> rows;

  ResultTable(String source, List<String> columns, Map<String, Integer> index, List<Row> rows) {
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
    return CsvTableReader.read(csv, required);
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
    Map<List<String>, double[]> sums = new LinkedHashMap<>();
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
