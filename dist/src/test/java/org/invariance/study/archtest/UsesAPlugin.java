package org.invariance.study.archtest;

import org.invariance.plugins.archtestb.AnotherPlugin;

/** Breaks "the study's library names no plugin" on purpose (dist's ArchitectureTest). */
public final class UsesAPlugin {
  private UsesAPlugin() {}

  public static String plugin() {
    return AnotherPlugin.name();
  }
}
