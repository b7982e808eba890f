package org.invariance.results;

/**
 * Tidy (long-format) rows of one probe: columns {@code run_id, seed, model, dataset, <keys...>,
 * metric, value}, one row per number (the framework fills in {@code run_id} and {@code seed}).
 * Rows are sent to the results service as they accumulate and written at once.
 */
public interface ResultWriter {
  /**
   * @param keys values of the key columns declared for this writer, in order: a {@link Number}
   *     (Integer, Double...) or a String, each column always the same kind; null for "not
   *     applicable", written as an empty cell
   */
  void row(String model, String dataset, String metric, double value, Object... keys);

  /** Sends buffered rows now (also happens automatically every few hundred rows and at the end). */
  void flush();
}
