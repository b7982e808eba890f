package org.invariance.config;

/**
 * The {@code checkpoints:} section: how often a trainer saves its state, so a killed run resumes
 * where it stopped. A checkpoint is due when either interval has passed; it never changes a number
 * the run computes, so it is not part of a model's identity.
 *
 * @param everySeconds seconds between checkpoints (default 120; 0 = not by time)
 * @param everyIterations iterations between checkpoints (default 0 = not by count)
 */
public record CheckpointConfig(Double everySeconds, Integer everyIterations) {
  public CheckpointConfig {
    if (everySeconds == null) everySeconds = 120.0;
    if (everyIterations == null) everyIterations = 0;
    InvalidConfig.require(everySeconds >= 0 && Double.isFinite(everySeconds), "every_seconds", "must be 0 (not by time) or a positive number of seconds, got " + everySeconds);
    InvalidConfig.require(everyIterations >= 0, "every_iterations", "must be 0 (not by count) or a positive number of iterations, got " + everyIterations);
  }

  public static CheckpointConfig defaults() {
    return new CheckpointConfig(null, null);
  }

  /** Whether no checkpoint is ever written. */
  public boolean off() {
    return everySeconds == 0 && everyIterations == 0;
  }
}
