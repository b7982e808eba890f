package org.invariance.plugin;

/**
 * An analysis of trained models. It asks the context for datasets, activations and classifiers
 * (served over the bus, computed once and shared) and writes tidy rows. One class plus its YAML
 * section; adding one touches no framework file.
 */
public interface Probe<C> extends Plugin<C> {
  void run(ProbeContext context, C config) throws Exception;
}
