package org.invariance.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.invariance.data.DataConfig;
import org.invariance.metrics.MetricsConfig;

/**
 * A validated, immutable experiment: everything a run needs, resolved from the YAML file and its
 * command-line overrides.
 *
 * @param file the experiment file
 * @param name the experiment's name (run directory {@code runs/<name>/})
 * @param seed the one seed every random choice derives from
 * @param data where digits come from
 * @param transform the transform plugin that builds the rotated datasets
 * @param mix the amounts MNIST_mix (and corruption by mix) draws from
 * @param encoders encoder trainers by model name, in file order
 * @param heads the head trainer applied to every encoder (classifier named after its encoder)
 * @param probes probes by name, in file order
 * @param metrics where the Prometheus scrape endpoint listens
 * @param resolved the resolved document (after overrides), for provenance
 */
public record Experiment(
    Path file,
    String name,
    long seed,
    DataConfig data,
    PluginUse transform,
    List<Double> mix,
    Map<String, PluginUse> encoders,
    PluginUse heads,
    Map<String, PluginUse> probes,
    MetricsConfig metrics,
    ObjectNode resolved) {}
