package org.invariance.report.archtest;

import org.invariance.plugins.archtest.SomePlugin;

/** Breaks "the core never names a plugin" on purpose (ArchitectureTest). */
public final class NamesAPlugin {
  private NamesAPlugin() {}

  public static String plugin() {
    return SomePlugin.name();
  }
}
