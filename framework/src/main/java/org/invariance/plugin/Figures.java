package org.invariance.plugin;

/**
 * Draws a probe's figures and judges the study's claims from the rows that probe wrote. A probe
 * plugin registers one next to its probe, under the same name ({@code figures("sta")} in its
 * {@link PluginModule}); the report calls it with that probe's finished CSV, so figures can be
 * redrawn from a run directory without recomputing anything.
 */
public interface Figures {
  void draw(ReportContext context) throws Exception;
}
