package org.invariance.bus;

import java.util.List;
import org.invariance.data.DatasetSpec;
import org.invariance.results.ResultRow;

/** The messages that travel the bus (heavy payloads travel as replies, by reference). */
public final class Events {
  private Events() {}

  public record DatasetRequest(DatasetSpec spec) {}

  /** Asks for the model stage called {@code name} (trained, or read from the store). */
  public record ModelRequest(String name) {}

  /** Asks for (or, at {@code activations.released}, gives back) the activations of a model on a dataset. */
  public record ActivationsRequest(String model, DatasetSpec spec) {}

  /**
   * Rows of one probe, raw ({@code <probe>.csv}) or {@code summary} ({@code <probe>_summary.csv});
   * {@code keyColumns} fix the CSV's columns on the first batch.
   */
  public record ResultBatch(String probe, boolean summary, List<String> keyColumns, List<ResultRow> rows) {
    /** The file's name without {@code .csv}. */
    public String file() {
      return summary ? probe + "_summary" : probe;
    }
  }

  public record Ack(long count) {}

  public record ProbeRun(String probe) {}

  public record ProbeDone(String probe, long rows, double seconds) {}

  /** A probe ended: its CSV is closed and, if it {@code finished}, renamed from {@code .csv.partial} to {@code .csv}. */
  public record ProbeCompleted(String probe, boolean finished) {}

  /** Something is ready: what (e.g. "AER/classifier", "MNIST_30", "AER@MNIST_30") and how long it took. */
  public record Ready(String what, double seconds, String detail) {}
}
