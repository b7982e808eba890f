package org.invariance.experiment;

/**
 * A problem in an experiment file, pinned to the place a researcher has to edit: file, line, column
 * and the dotted field path. {@link #getMessage()} is the one line the CLI prints.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final int line;
  private final int column;
  private final String field;
  private final String problem;

  public ConfigException(String source, int line, int column, String field, String problem) {
    super(format(source, line, column, field, problem));
    this.source = source;
    this.line = line;
    this.column = column;
    this.field = field;
    this.problem = problem;
  }

  private static String format(String source, int line, int column, String field, String problem) {
    StringBuilder b = new StringBuilder(source);
    if (line > 0) {
      b.append(':').append(line);
      if (column > 0) b.append(':').append(column);
    }
    b.append(": ");
    if (field != null && !field.isEmpty()) b.append(field).append(": ");
    return b.append(problem).toString();
  }

  public String source() { return source; }
  public int line() { return line; }
  public int column() { return column; }
  public String field() { return field; }
  public String problem() { return problem; }
}
