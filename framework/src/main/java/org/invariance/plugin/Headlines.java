package org.invariance.plugin;

import org.invariance.results.ResultTable;

/**
 * The numbers of a probe's CSVs worth comparing across seeds and parameter points: a sweep's summary
 * gives each the mean, standard deviation and 95% interval over seeds. A probe plugin registers one
 * under its probe's name ({@code headlines("distance")} in its {@link PluginModule}) when its rows
 * are per image, neuron or pixel (which mean nothing across differently trained networks); without
 * one, every row of both CSVs is a headline number.
 *
 * <p>Return a table with the same columns minus those reduced away (e.g. {@code
 * rows.meanOver("sample")}), or a filtered one ({@code rows.filter(r -> r.get("neuron").isEmpty())});
 * {@code run_id} and {@code seed} may stay: the summary never groups by them.
 */
@FunctionalInterface
public interface Headlines {
  /** The headlines among the raw rows ({@code <probe>.csv}); none: {@code rows.filter(r -> false)}. */
  ResultTable headlines(ResultTable rows);

  /** The headlines among the probe's summary rows ({@code <probe>_summary.csv}): by default all of them. */
  default ResultTable summaries(ResultTable summaryRows) {
    return summaryRows;
  }
}
