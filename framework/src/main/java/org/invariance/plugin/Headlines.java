package org.invariance.plugin;

import org.invariance.results.ResultTable;

/**
 * The numbers of a probe's CSV worth comparing across seeds and parameter points: a sweep's summary
 * gives each the mean, standard deviation and 95% interval over seeds. A probe plugin registers one
 * under its probe's name ({@code headlines("distance")} in its {@link PluginModule}) when its rows
 * are per image, neuron or pixel (which mean nothing across differently trained networks); without
 * one, every row of the CSV is a headline number.
 *
 * <p>Return a table with the same columns minus those reduced away (e.g. {@code
 * rows.meanOver("sample")}), or a filtered one ({@code rows.filter(r -> r.get("neuron").isEmpty())}).
 */
@FunctionalInterface
public interface Headlines {
  ResultTable headlines(ResultTable rows);
}
