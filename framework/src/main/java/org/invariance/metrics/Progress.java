package org.invariance.metrics;

/**
 * Progress of one long phase (a model's training, a probe): steps done of a total, plus named
 * values (loss, learning rate). Shown in the terminal and exported as metrics; a side channel that
 * never changes results.
 */
public interface Progress extends AutoCloseable {
  /** Sets the number of steps done. */
  void done(long steps);

  /** Adds to the number of steps done. */
  void advance(long steps);

  /** Records a named value ("loss", "lr") shown beside the bar and exported as a gauge. */
  void value(String name, double value);

  /** Counts examples processed (a training step's batch), for samples per second. */
  default void samples(long count) {}

  /** Marks the phase finished. */
  @Override
  void close();

  /** A progress that shows nothing (tests, nested phases). */
  static Progress silent() {
    return new Progress() {
      @Override public void done(long steps) {}
      @Override public void advance(long steps) {}
      @Override public void value(String name, double value) {}
      @Override public void close() {}
    };
  }
}
