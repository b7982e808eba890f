package org.invariance.files.archtest;

import org.invariance.run.Runner;

/** Breaks the order on purpose (ArchitectureTest): {@code files} is the lowest tier, yet this names {@code run}. */
public final class ReachesUp {
  private ReachesUp() {}

  public static Class<?> up() {
    return Runner.class;
  }
}
