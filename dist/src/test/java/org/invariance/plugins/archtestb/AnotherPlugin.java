package org.invariance.plugins.archtestb;

/** A stand-in for a plugin's class (dist's ArchitectureTest). */
public final class AnotherPlugin {
  private AnotherPlugin() {}

  public static String name() {
    return "another";
  }
}
