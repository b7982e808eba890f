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
 * A probe's tidy CSV read back for figures: columns {@code model, dataset, <keys...>, metric,
 * value}. Filtering returns views that share the rows, so slicing a large table is cheap.
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
        throw new IllegalArgumentException(table.source + ":" + line + ": value: not a number: '" + v + "'");
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
        throw new IllegalArgumentException(table.source + ":" + line + ": " + column + ": not a number: '" + s + "'");
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

  /** Reads a tidy CSV; errors name the file and line. */
  public static ResultTable read(Path csv) throws IOException {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    String source = csv.toString();
    try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(csv.toFile())) {
      if (!it.hasNext()) throw new IOException(source + ": empty file, expected a header line");
      List<String> columns = List.of(it.next());
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < columns.size(); i++) index.put(columns.get(i), i);
      for (String required : List.of("model", "dataset", "metric", "value")) {
        if (!index.containsKey(required)) throw new IOException(source + ":1: header lacks column '" + required + "': " + columns);
      }
      ResultTable table = new ResultTable(source, columns, index, new ArrayList<>());
      long line = 1;
      while (it.hasNext()) {
        String[] cells = it.next();
        line++;
        if (cells.length != columns.size()) {
          throw new IOException(source + ":" + line + ": " + cells.length + " cells, the header has " + columns.size());
        }
        table.rows.add(new Row(table, cells, line));
      }
      return table;
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e);
    }
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
