package org.invariance.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The run's own line: models and probes done of planned, elapsed time, and a time left only from what was measured. */
class RunProgressTest {
  private static final long S = TimeUnit.SECONDS.toNanos(1);

  @Test
  void aLineAtEachPhasesEndWithATimeLeftOnlyFromWhatWasMeasured() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicLong now = new AtomicLong(7 * S);
    RunProgress run = new RunProgress(2, 3, new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);
    run.state(RunMetrics.State.PREPARING);
    now.addAndGet(10 * S);
    run.phaseEnded(); // loading the data: counted, no line of its own
    run.state(RunMetrics.State.TRAINING);
    now.addAndGet(60 * S);
    run.trained("A", 60);
    now.addAndGet(60 * S);
    run.trained("B", 60);
    run.state(RunMetrics.State.PROBING);
    now.addAndGet(20 * S);
    run.phaseEnded(); // the probe's own phase
    run.probed(20);
    now.addAndGet(40 * S);
    run.probed(40);
    run.state(RunMetrics.State.REPORTING);
    assertEquals(List.of(
        "run: models 1/2 · probes 0/3 · 2 phases done · elapsed 1m10s · eta ?", // no probe measured yet
        "run: models 2/2 · probes 0/3 · 3 phases done · elapsed 2m10s · eta ?",
        "run: models 2/2 · probes 1/3 · 4 phases done · elapsed 2m30s · eta 40s", // 2 probes left at 20 s each
        "run: models 2/2 · probes 2/3 · 4 phases done · elapsed 3m10s · eta 30s"), // 1 left at the mean of 20 s and 40 s
        bytes.toString(StandardCharsets.UTF_8).lines().toList());
    assertEquals("run: models 2/2 · probes 3/3 · 4 phases done · elapsed 3m10s · eta 0s", run.line());
  }

  @Test
  void withoutProbesTheTrainingAloneGivesTheTimeLeftAndModelsFromTheStoreCountWhenTrainingEnds() {
    AtomicLong now = new AtomicLong(0);
    RunProgress run = new RunProgress(4, 0, null, now::get);
    run.state(RunMetrics.State.TRAINING);
    assertEquals("run: models 0/4 · probes 0/0 · 0 phases done · elapsed 0s · eta ?", run.line());
    now.addAndGet(30 * S);
    run.trained("A", 30); // 3 left at 30 s each
    assertEquals("run: models 1/4 · probes 0/0 · 1 phase done · elapsed 30s · eta 1m30s", run.line());
    run.state(RunMetrics.State.PROBING); // the other three came from the store
    assertEquals("run: models 4/4 · probes 0/0 · 1 phase done · elapsed 30s · eta 0s", run.line());
  }

  @Test
  void aPlannedRunPrintsItsLineWhenATrainingPhaseOrAProbeEndsAndAnUnplannedOneNever() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    RunMetrics unplanned = new RunMetrics(new SimpleMeterRegistry(), "e", out);
    unplanned.training("A", "head", 1).close();
    assertEquals(1, bytes.toString(StandardCharsets.UTF_8).lines().count(), "only the phase's own line");
    bytes.reset();
    RunMetrics metrics = new RunMetrics(new SimpleMeterRegistry(), "e", out).forRun("e", "run-1").plan(1, 1);
    metrics.state(RunMetrics.State.TRAINING);
    try (Progress p = metrics.training("A", "head", 2, "epochs")) {
      p.done(2);
    }
    metrics.state(RunMetrics.State.PROBING);
    try (AutoCloseable running = metrics.probeRunning("cka"); Progress p = metrics.probe("cka", "cka", 1, "pairs")) {
      p.done(1);
    }
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(4, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).startsWith("A head 100% 2/2 epochs "), lines.get(0));
    assertTrue(lines.get(1).startsWith("run: models 1/1 · probes 0/1 · 1 phase done · elapsed "), lines.get(1));
    assertTrue(lines.get(2).startsWith("cka 100% 1/1 pairs "), lines.get(2));
    assertTrue(lines.get(3).startsWith("run: models 1/1 · probes 1/1 · 2 phases done · elapsed ") && lines.get(3).endsWith(" · eta 0s"), lines.get(3));
  }
}
