package org.invariance.plugins.archtest;

/** A stand-in for a plugin's class (ArchitectureTest). */
public final class SomePlugin {
  private SomePlugin() {}

  public static String name() {
    return "some";
  }
}
