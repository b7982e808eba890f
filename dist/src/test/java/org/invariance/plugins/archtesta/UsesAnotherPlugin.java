package org.invariance.plugins.archtesta;

import org.invariance.plugins.archtestb.AnotherPlugin;

/** Breaks "no plugin imports another" on purpose (dist's ArchitectureTest). */
public final class UsesAnotherPlugin {
  private UsesAnotherPlugin() {}

  public static String other() {
    return AnotherPlugin.name();
  }
}
