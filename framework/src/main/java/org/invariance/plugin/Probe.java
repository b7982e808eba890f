package org.invariance.plugin;

import java.util.List;
import java.util.Map;
import org.invariance.data.DatasetSpec;

/**
 * An analysis of trained models. It asks the context for datasets, activations and classifiers
 * (served over the bus, computed once and shared) and writes tidy rows. One class plus its YAML
 * section; adding one touches no framework file.
 */
public interface Probe<C> extends Plugin<C> {
  void run(ProbeContext context, C config) throws Exception;

  /**
   * The config with every default that depends on the probe's transform filled in: a reference at
   * the transform's identity, datasets among its declared amounts ({@link ProbeTransform} has the
   * usual choices). Called when the experiment is loaded, before any data; {@link #run} and the
   * run's provenance get what it returns, and the report binds that. A default it cannot fill is an
   * {@link org.invariance.config.InvalidConfig} naming the field. Returns the config as it is by default.
   */
  default C withDefaults(C config, ProbeTransform transform) {
    return config;
  }

  /**
   * Every dataset {@link #run} will ask for with this config (defaults filled in), keyed by the field
   * that names it, dotted as {@code InvalidConfig} names fields ({@code "datasets.2"},
   * {@code "reference"}, {@code "pairs.0.1"}). {@code validate} and the run prepare each before any
   * data loads, so an amount the transform refuses or does not declare is reported at its line. None
   * by default (nothing is checked).
   */
  default Map<String, DatasetSpec> datasets(C config, ProbeTransform transform) {
    return Map.of();
  }

  /**
   * Checks the config against the data's classes (a class index beyond them), before any work:
   * by {@code validate} when the source tells its classes before loading, and by the run once the
   * data is loaded. An {@link org.invariance.config.InvalidConfig} names the field. Checks nothing by default.
   *
   * @param classes the data's class names, by index
   */
  default void check(C config, List<String> classes) {}
}
