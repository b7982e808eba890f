package org.invariance.plugin;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Where a trainer saves its state now and then, so a run killed mid-training resumes where it
 * stopped and ends with the same weights, bit for bit, as a run never stopped. The state must hold
 * everything the next iteration depends on: weights, optimizer state (momentum, Adam's moments), the
 * iteration count the learning-rate schedule reads, and the position in the data order and in every
 * random stream (drawing them again from their seeds, as many times as before, is enough).
 *
 * <pre>{@code
 * Checkpoint cp = ctx.checkpoint();
 * long start = cp.resume(in -> state.read(in));        // 0 when there is none
 * for (long it = start + 1; it <= iterations; it++) {
 *   state.step(it);
 *   cp.after(it, out -> state.write(out));              // writes only when one is due
 * }
 * }</pre>
 */
public interface Checkpoint {
  /** Writes a trainer's state. */
  @FunctionalInterface
  interface Save {
    void write(DataOutputStream out) throws IOException;
  }

  /** Reads back what {@link Save} wrote, into the trainer's freshly initialised state. */
  @FunctionalInterface
  interface Restore {
    void read(DataInputStream in) throws IOException;
  }

  /**
   * Restores the model's last checkpoint, if there is one, and returns the iteration it was taken
   * after; returns 0 and calls nothing when there is none (or it cannot be read: the log says why).
   */
  long resume(Restore restore) throws IOException;

  /** Called after each iteration; writes the state when a checkpoint is due, and is cheap when not. */
  void after(long iteration, Save save) throws IOException;

  /** Never saves, never resumes (tests, benchmarks, a training outside a run). */
  Checkpoint NONE = new Checkpoint() {
    @Override public long resume(Restore restore) {
      return 0;
    }

    @Override public void after(long iteration, Save save) {}
  };
}
