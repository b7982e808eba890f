package org.invariance.metrics;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The whole run at a glance, one plain line at each phase's end (on a terminal and in a log alike), e.g.
 * {@code run: models 2/4 · probes 1/8 · 3 phases done · elapsed 4m12s · eta ?}. The time left is the mean time of
 * the models and probes finished so far times what remains of each, and "?" while a kind that remains has none
 * finished (the first probe says nothing about training, nor the reverse). Models read from the store count once
 * training has ended; the report after the probes is not in the estimate.
 */
final class RunProgress {
  private final PrintStream out;
  private final LongSupplier clock;
  private final long start;
  private final int modelsPlanned;
  private final int probesPlanned;
  private final Set<String> modelsTrained = new LinkedHashSet<>();
  private double modelSeconds;
  private int probesDone;
  private double probeSeconds;
  private int phasesDone;
  private RunMetrics.State state = RunMetrics.State.PREPARING;

  RunProgress(int models, int probes, PrintStream out, LongSupplier clock) {
    this.modelsPlanned = models;
    this.probesPlanned = probes;
    this.out = out;
    this.clock = clock;
    this.start = clock.getAsLong();
  }

  /** A model's training phase ended after {@code seconds}. */
  synchronized void trained(String model, double seconds) {
    phasesDone++;
    modelsTrained.add(model);
    modelSeconds += seconds;
    print();
  }

  /** A probe ended after {@code seconds}. */
  synchronized void probed(double seconds) {
    probesDone++;
    probeSeconds += seconds;
    print();
  }

  /** Any other phase ended (data loading, a probe's own phases): counted, its probe's end prints the line. */
  synchronized void phaseEnded() {
    phasesDone++;
  }

  synchronized void state(RunMetrics.State s) {
    state = s;
  }

  private void print() {
    if (out == null) return;
    out.println(line());
    out.flush();
  }

  /** The line now. */
  synchronized String line() {
    boolean trainingOver = state.ordinal() > RunMetrics.State.TRAINING.ordinal();
    boolean probingOver = state.ordinal() > RunMetrics.State.PROBING.ordinal();
    int models = trainingOver ? modelsPlanned : Math.min(modelsTrained.size(), modelsPlanned);
    int probes = probingOver ? probesPlanned : Math.min(probesDone, probesPlanned);
    double elapsed = Math.max(0, clock.getAsLong() - start) / 1e9;
    return "run: models " + models + "/" + modelsPlanned + " · probes " + probes + "/" + probesPlanned + " · " + phasesDone
        + (phasesDone == 1 ? " phase" : " phases") + " done · elapsed " + ProgressLine.duration(elapsed) + " · eta " + eta(models, probes);
  }

  private String eta(int models, int probes) {
    int modelsLeft = modelsPlanned - models;
    int probesLeft = probesPlanned - probes;
    if (modelsLeft == 0 && probesLeft == 0) return "0s";
    if (modelsLeft > 0 && modelsTrained.isEmpty() || probesLeft > 0 && probesDone == 0) return "?";
    double left = (modelsLeft > 0 ? modelsLeft * modelSeconds / modelsTrained.size() : 0) + (probesLeft > 0 ? probesLeft * probeSeconds / probesDone : 0);
    return ProgressLine.duration(left);
  }
}
