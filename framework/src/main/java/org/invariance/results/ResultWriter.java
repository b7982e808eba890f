package org.invariance.results;

/**
 * Tidy (long-format) rows of one probe: columns {@code model, dataset, <keys...>, metric, value},
 * one row per number. Rows are sent to the results service as they accumulate and written at once.
 */
public interface ResultWriter {
  /**
   * @param keys values of the key columns declared for this writer, in order (null for "not
   *     applicable", written as an empty cell)
   */
  void row(String model, String dataset, String metric, double value, Object... keys);

  /** Sends buffered rows now (also happens automatically every few hundred rows and at the end). */
  void flush();
}
