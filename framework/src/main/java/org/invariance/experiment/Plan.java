package org.invariance.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import org.invariance.config.ClusterConfig;

/**
 * What one command runs: a single experiment, or a sweep's points (each a whole experiment with
 * its seed and grid values applied, run in its own directory).
 *
 * @param base the experiment as written (with command-line overrides), sweep aside
 * @param sweep the sweep section, or null for a single run
 * @param points the points in order: grid combinations in file order, seeds innermost; one point
 *     (the base) when there is no sweep
 * @param cluster the {@code cluster:} section, or null
 * @param overrides the command line's {@code --set} overrides it was made with (a cluster's workers
 *     and a redrawn report make the same plan from the same file)
 */
public record Plan(Experiment base, SweepSpec sweep, List<Point> points, ClusterConfig cluster, List<String> overrides) {

  /**
   * One point of a sweep.
   *
   * @param id a directory name: its index and what it sets, e.g. {@code 003-seed=2,iterations=500}
   * @param seed its seed
   * @param grid the grid values it sets, dotted key -> value as written in YAML flow style
   * @param experiment the experiment it runs
   */
  public record Point(String id, long seed, LinkedHashMap<String, String> grid, Experiment experiment) {
    /** The grid values alone (the seed aside): points that differ only by seed share it. */
    public String setting() {
      StringBuilder b = new StringBuilder();
      grid.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
      return b.toString();
    }
  }

  public boolean isSweep() {
    return sweep != null;
  }
}
