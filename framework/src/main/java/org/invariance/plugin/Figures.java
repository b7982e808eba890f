package org.invariance.plugin;

import java.util.Optional;

/**
 * Draws a probe's figures and judges claims (those of a study its results repeat) from the rows that probe wrote. A probe
 * plugin registers one next to its probe, under the same name ({@code figures("sta")} in its
 * {@link PluginModule}); the report calls it with that probe's finished CSV, so figures can be
 * redrawn from a run directory without recomputing anything.
 */
public interface Figures {
  void draw(ReportContext context) throws Exception;

  /**
   * The words the report should use for the claims and numbered figures of results in this setting
   * (their data, transform and models), when they repeat a study this plugin knows: the report asks
   * each probe's figures, in the run's order, and takes the first wording given, else its plain
   * words ({@link ReportContext.Wording#PLAIN}). By default none.
   */
  default Optional<ReportContext.Wording> wording(ReportContext.Setting setting) {
    return Optional.empty();
  }
}
