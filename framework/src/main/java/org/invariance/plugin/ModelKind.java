package org.invariance.plugin;

/** What a trainer produces, so the loader can check it is declared in the right section. */
public enum ModelKind {
  /** An encoder (stack of layers), declared under {@code encoders:}. */
  ENCODER,
  /** A classifier on top of a frozen encoder, declared under {@code heads:}. */
  CLASSIFIER;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
