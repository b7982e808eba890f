package org.invariance.strayed.archtest;

/** A framework class in a package that has no tier (ArchitectureTest). */
public final class Stray {
  private Stray() {}
}
