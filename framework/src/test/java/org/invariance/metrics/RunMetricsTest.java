package org.invariance.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RunMetricsTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RunMetrics metrics = new RunMetrics(registry, "exp", null);

  /** The value of one sample line of the scrape, e.g. {@code name{a="b",...}}. */
  private double sample(String name, String... labels) {
    for (String line : registry.scrape().split("\n")) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) continue;
      boolean all = true;
      for (String l : labels) all &= line.contains(l);
      if (all) return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
    throw new AssertionError("no sample " + name + " with " + String.join(",", labels) + " in\n" + registry.scrape());
  }

  @Test
  void trainingProgressBecomesPrometheusSeriesWithBaseUnits() {
    Progress p = metrics.training("AER", "pretraining", 100);
    LongTaskTimer phase = registry.get("invariance.training.phase").tags("model", "AER", "phase", "pretraining").longTaskTimer();
    assertEquals(1, phase.activeTasks(), "a long task while the phase runs");
    p.done(10);
    p.samples(1000);
    p.done(30);
    p.samples(1000);
    p.value("loss", 95.5);
    p.value("lr", 0.01);
    p.value("momentum", 0.9);
    String[] tags = {"experiment=\"exp\"", "model=\"AER\"", "phase=\"pretraining\""};
    assertEquals(30, sample("invariance_training_iteration", tags));
    assertEquals(30, sample("invariance_training_iterations_total", tags), "the counter adds what done() moved on");
    assertEquals(100, sample("invariance_training_iterations_planned", tags));
    assertEquals(2000, sample("invariance_training_samples_total", tags));
    assertEquals(95.5, sample("invariance_training_loss", tags));
    assertEquals(0.01, sample("invariance_training_learning_rate", tags));
    assertEquals(0.9, sample("invariance_training_value", "name=\"momentum\""));
    p.close();
    p.close();
    assertEquals(0, phase.activeTasks());
    Timer done = registry.get("invariance.training.duration").tags("model", "AER").timer();
    assertEquals(1, done.count(), "closing twice records once");
    assertTrue(registry.scrape().contains("invariance_training_duration_seconds_count"), "timers in seconds");
  }

  @Test
  void aLeasedUnitsCountersAndTheArtifactCountersExistAtZeroBeforeTheirFirstIncrement() {
    metrics.unitLeased("train", "w1");
    metrics.clusterState(3, 3, 1);
    String[] unit = {"kind=\"train\"", "worker=\"w1\""};
    for (String outcome : new String[] {"finished", "failed", "reused", "reoffered"}) {
      assertEquals(0, sample("invariance_units_total", unit[0], unit[1], "outcome=\"" + outcome + "\""), outcome);
    }
    assertEquals(0, sample("invariance_artifact_transfer_bytes_total", "direction=\"sent\""));
    assertEquals(0, sample("invariance_artifact_transfer_bytes_total", "direction=\"received\""));
    metrics.unit("train", "w1", "finished", 2.0);
    assertEquals(1, sample("invariance_units_total", unit[0], unit[1], "outcome=\"finished\""), "the same series counts on");
  }

  @Test
  void probesRowsStateAndPayloads() throws Exception {
    assertFalse(registry.scrape().contains("invariance_run_state"), "no state before a run sets one");
    metrics.state(RunMetrics.State.PREPARING);
    assertEquals(1, sample("invariance_run_state", "state=\"preparing\""));
    metrics.state(RunMetrics.State.PROBING);
    assertEquals(0, sample("invariance_run_state", "state=\"preparing\""));
    assertEquals(1, sample("invariance_run_state", "state=\"probing\""));

    try (AutoCloseable running = metrics.probeRunning("sta"); Progress p = metrics.probe("sta", "sta", 10)) {
      assertEquals(1, registry.get("invariance.probe.phase").tag("probe", "sta").longTaskTimer().activeTasks());
      p.advance(3);
      p.advance(4);
      assertEquals(7, sample("invariance_probe_steps_done", "probe=\"sta\""));
      assertEquals(10, sample("invariance_probe_steps_planned", "probe=\"sta\""));
    }
    assertEquals(1, registry.get("invariance.probe.duration").tag("probe", "sta").timer().count());
    metrics.rowsWritten("sta", 512);
    metrics.rowsWritten("sta", 88);
    assertEquals(600, sample("invariance_probe_rows_total", "probe=\"sta\""));
    metrics.busPayload("invariance.activations.requested", "reply", 4096);
    metrics.busPayload("invariance.activations.requested", "reply", 1024);
    assertEquals(5120, sample("invariance_bus_payload_bytes_sum", "kind=\"reply\""));
    assertEquals(2, sample("invariance_bus_payload_bytes_count", "kind=\"reply\""));
  }

  // a probe's rows counter exists at 0 from its start, so rate() over the scrapes sees the rows it then writes at once
  @Test
  void aProbesRowCounterStartsAtZeroBeforeItsFirstRow() throws Exception {
    try (AutoCloseable running = metrics.probeRunning("cka")) {
      assertEquals(0, sample("invariance_probe_rows_total", "probe=\"cka\""));
      metrics.rowsWritten("cka", 336);
      assertEquals(336, sample("invariance_probe_rows_total", "probe=\"cka\""));
    }
  }

  @Test
  void everyViewOfOneRunAndPointSharesOneStateAndPointsHaveTheirOwn() {
    // the CLI makes the run's view from a first one; with the same names both must drive the same gauges
    RunMetrics run = metrics.forRun("exp", "exp");
    run.state(RunMetrics.State.TRAINING);
    metrics.state(RunMetrics.State.FINISHED);
    assertEquals(1, sample("invariance_run_state", "state=\"finished\"}"), registry.scrape());
    assertEquals(0, sample("invariance_run_state", "state=\"training\"}"));
    RunMetrics p1 = run.forPoint("0-seed=1");
    p1.state(RunMetrics.State.PROBING);
    assertEquals(1, sample("invariance_run_state", "point=\"0-seed=1\",run=\"exp\",state=\"probing\""));
    assertEquals(1, sample("invariance_run_state", "point=\"run\",run=\"exp\",state=\"finished\""), "the run's own state is untouched");
  }

  @Test
  void jvmAndProcessMetersAreBound() {
    metrics.bindJvmAndProcess();
    String scrape = registry.scrape();
    for (String name : new String[] {"jvm_memory_used_bytes", "jvm_threads_live_threads", "process_cpu_usage", "process_uptime_seconds"}) {
      assertTrue(scrape.contains(name), name);
    }
    assertTrue(sample("process_resident_memory_bytes") > 10e6, "resident memory of a JVM is more than 10 MB");
    metrics.close();
  }

  /**
   * Micrometer warns (once a JVM) when a gauge is registered again; logback.xml keeps that warning off the terminal
   * because Vert.x's meters do it by design. The framework's own meters must never: the same phase, probe and state
   * again register nothing twice.
   */
  @Test
  void theFrameworksMetersAreNeverRegisteredTwice() {
    ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.micrometer.core.instrument.MeterRegistry");
    ch.qos.logback.classic.Level before = log.getLevel();
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen = new ch.qos.logback.core.read.ListAppender<>();
    seen.start();
    log.addAppender(seen);
    log.setLevel(ch.qos.logback.classic.Level.DEBUG); // the warning turns to debug after its first time in this JVM
    try {
      for (int round = 0; round < 2; round++) {
        for (RunMetrics view : new RunMetrics[] {metrics, metrics.forRun("exp", "exp"), metrics.forPoint("0-seed=1")}) {
          try (Progress p = view.training("AER", "pretraining", 10)) {
            p.done(5);
            p.samples(50);
            p.value("loss", 1.5);
            p.value("lr", 0.1);
            p.value("momentum", 0.9);
          }
          try (Progress p = view.probe("accuracy", "evaluate", 4)) {
            p.advance(2);
            p.value("rows", 3);
          }
          view.state(RunMetrics.State.TRAINING);
          view.state(RunMetrics.State.PROBING);
          view.clusterState(3, 1, 2);
        }
      }
    } finally {
      log.detachAppender(seen);
      log.setLevel(before);
    }
    assertTrue(seen.list.stream().noneMatch(e -> e.getFormattedMessage().contains("already registered")), seen.list.toString());
  }
}
