package org.invariance.plugin;

/** The config of a plugin that takes none: its YAML section may hold only {@code plugin}. */
public record NoConfig() {}
