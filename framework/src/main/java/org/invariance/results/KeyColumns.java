package org.invariance.results;

import java.util.List;

/**
 * A tidy CSV's key columns and the kind each holds: numbers or words, never both, so {@code
 * pandas.read_csv} gives every column one dtype. A column's first non-empty value (a {@link Number}
 * or a {@link String}) decides its kind; a later value of the other kind is refused.
 */
public final class KeyColumns {
  private final List<String> names;
  /** Per column: null until its first value, then whether it holds numbers. */
  private final Boolean[] numeric;

  public KeyColumns(List<String> names) {
    this.names = List.copyOf(names);
    this.numeric = new Boolean[this.names.size()];
  }

  public List<String> names() {
    return names;
  }

  /** Key {@code column}'s cell for {@code v}: empty for null, a whole number without a fraction ({@code 30.0} as {@code 30}), text as it is. */
  public synchronized String cell(int column, Object v) {
    if (v == null) return "";
    String name = names.get(column);
    boolean number = v instanceof Number;
    if (!number && !(v instanceof String)) throw new IllegalArgumentException(name + ": a key is a number or a string, not a " + v.getClass().getSimpleName());
    if (numeric[column] == null) numeric[column] = number;
    else if (numeric[column] != number) {
      throw new IllegalArgumentException("key column '" + name + "' holds " + (numeric[column] ? "numbers" : "text") + ", not " + (number ? v : "'" + v + "'")
          + ": one column, one kind");
    }
    if (!number) return (String) v;
    double d = ((Number) v).doubleValue();
    if (!Double.isFinite(d)) throw new IllegalArgumentException("key column '" + name + "': " + v + " is not a finite number");
    return v instanceof Double || v instanceof Float ? TidyCsv.formatValue(d) : v.toString();
  }
}
