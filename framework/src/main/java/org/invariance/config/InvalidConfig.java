package org.invariance.config;

/**
 * Thrown by a config record's constructor (or a plugin's check) when a value is well-typed but
 * wrong. {@code field} is relative to the record ("iterations", "angles[2]"); the binder turns it
 * into file:line:col.
 */
public final class InvalidConfig extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InvalidConfig(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }

  /** Throws unless {@code ok}; the common one-liner in compact constructors. */
  public static void require(boolean ok, String field, String message) {
    if (!ok) throw new InvalidConfig(field, message);
  }
}
