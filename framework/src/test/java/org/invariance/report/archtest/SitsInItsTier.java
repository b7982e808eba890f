package org.invariance.report.archtest;

import org.invariance.bus.Bus;

/** Breaks the order on purpose (ArchitectureTest): {@code report} and {@code bus} share a tier, so report may not use bus. */
public final class SitsInItsTier {
  private SitsInItsTier() {}

  public static Class<?> sideways() {
    return Bus.class;
  }
}
