package org.invariance.nn;

/** A trained model the framework can store, reuse and serve: an {@link Encoder} or a {@link Classifier}. */
public sealed interface Model permits Encoder, Classifier {}
