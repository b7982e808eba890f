package org.invariance.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The run's metrics side channel: Micrometer meters tagged with the experiment, the run (its
 * directory's name) and the sweep point ("run" outside a sweep), and the progress
 * reporters that feed them and the terminal. Names use base units, as Prometheus shows them:
 *
 * <ul>
 *   <li>training, tags {@code experiment, model, phase}: {@code invariance_training_iteration},
 *       {@code _iterations_planned}, {@code _iterations_total}, {@code _samples_total}, {@code
 *       _loss}, {@code _learning_rate}, {@code invariance_training_phase_seconds} (long task
 *       timer: active while the phase runs), {@code invariance_training_duration_seconds};
 *       {@code invariance_training_watch} (tags also {@code metric, layer, amount}: a
 *       {@code watch:} probe's value as training goes on), {@code invariance_training_watch_time_seconds};
 *   <li>analysis, tags {@code experiment, probe}: {@code invariance_probe_steps_done},
 *       {@code _steps_planned} (also tag {@code phase}), {@code invariance_probe_rows_total},
 *       {@code invariance_probe_phase_seconds}, {@code invariance_probe_duration_seconds};
 *   <li>{@code invariance_run_state{state=...}} (1 for the current state), {@code
 *       invariance_bus_payload_bytes{address, kind}} (the array bytes a request or reply refers to), JVM and
 *       process meters (heap, GC, threads, CPU, {@code process_resident_memory_bytes}).
 * </ul>
 */
public final class RunMetrics {
  /** What the run is doing. */
  public enum State {
    PREPARING, TRAINING, PROBING, REPORTING, FINISHED, FAILED, INTERRUPTED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final MeterRegistry registry;
  private final String experiment;
  /** The run these meters describe (its directory's name). */
  private final String run;
  /** The sweep point these meters describe ("run" outside a sweep). */
  private final String point;
  private final PrintStream terminal;
  /** Gauges hold their state weakly; the holders live here for the run, shared by every view (run, point) of one registry. */
  private final Map<String, Object> holders;
  /** The state of this run and point: one holder per (experiment, run, point), whichever view sets it. */
  private final AtomicReference<State> state;
  /** The whole run's line, once {@link #plan planned}: one per (experiment, run, point), whichever view plans it. */
  private final AtomicReference<RunProgress> runLine;
  private JvmGcMetrics gc;

  public RunMetrics(MeterRegistry registry, String experiment, PrintStream terminal) {
    this(registry, experiment, experiment, "run", terminal, new ConcurrentHashMap<>());
  }

  private RunMetrics(MeterRegistry registry, String experiment, String run, String point, PrintStream terminal, Map<String, Object> holders) {
    this.registry = registry;
    this.experiment = experiment;
    this.run = run;
    this.point = point;
    this.terminal = terminal;
    this.holders = holders;
    this.state = holder("state\u0000" + experiment + "\u0000" + run + "\u0000" + point, () -> new AtomicReference<>(State.PREPARING));
    this.runLine = holder("run-line\u0000" + experiment + "\u0000" + run + "\u0000" + point, AtomicReference::new);
  }

  public static RunMetrics quiet(String experiment) {
    return new RunMetrics(new SimpleMeterRegistry(), experiment, null);
  }

  /** The meters of one point of a sweep: the same registry and terminal, every series tagged {@code point}. */
  public RunMetrics forPoint(String pointId) {
    return new RunMetrics(registry, experiment, run, pointId, terminal, holders);
  }

  /** The meters of a run (named by its directory), e.g. a unit a worker runs for a coordinator's run. */
  public RunMetrics forRun(String experimentName, String runName) {
    return new RunMetrics(registry, experimentName, runName, point, terminal, holders);
  }

  public String point() {
    return point;
  }

  public MeterRegistry registry() {
    return registry;
  }

  public String experiment() {
    return experiment;
  }

  /** JVM memory, GC, threads, class loading, CPU, uptime, open files and resident memory. */
  public RunMetrics bindJvmAndProcess() {
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    Gauge.builder("process.resident.memory", ProcessStats::rssBytes).baseUnit("bytes")
        .description("resident set size: the heap plus ND4J's native buffers").register(registry);
    return this;
  }

  /**
   * A unit of work ended: {@code kind} "train", "probes" or "point", {@code worker} who ran it
   * ("local" in one JVM), {@code outcome} finished, failed, reused or reoffered.
   */
  public void unit(String kind, String worker, String outcome, double seconds) {
    units(kind, worker, outcome).increment();
    if (outcome.equals("finished")) {
      Timer.builder("invariance.unit.duration").tags("experiment", experiment, "run", run, "kind", kind, "worker", worker)
          .description("time a unit took where it ran").register(registry).record((long) (seconds * 1e9), TimeUnit.NANOSECONDS);
    }
  }

  /**
   * A unit of {@code kind} went to {@code worker}: its counters exist at 0 for every outcome from
   * now on, so {@code rate} and {@code increase} count the first unit that ends (a counter born at 1
   * has no earlier sample to rise from).
   */
  public void unitLeased(String kind, String worker) {
    for (String outcome : List.of("finished", "failed", "reused", "reoffered")) units(kind, worker, outcome);
  }

  private Counter units(String kind, String worker, String outcome) {
    return Counter.builder("invariance.units").tags("experiment", experiment, "run", run, "kind", kind, "worker", worker, "outcome", outcome)
        .description("units of work ended, by outcome").register(registry);
  }

  /** The coordinator's view: units planned and still open, and the workers in the cluster. */
  public void clusterState(long planned, long open, int workers) {
    artifactBytes("sent", 0); // both directions exist at 0 before the first file moves, for rate()
    artifactBytes("received", 0);
    longGauge("invariance.units.planned", Tags.of("experiment", experiment, "run", run), 0, "units of work of this run").set(planned);
    longGauge("invariance.units.open", Tags.of("experiment", experiment, "run", run), 0, "units not yet done").set(open);
    longGauge("invariance.cluster.workers", Tags.of("experiment", experiment, "run", run), 0, "workers in the cluster").set(workers);
  }

  /** Bytes of artifacts (models, result files) moved between JVMs, by direction ("sent", "received"). */
  public void artifactBytes(String direction, long bytes) {
    Counter.builder("invariance.artifact.transfer").baseUnit("bytes").tags("experiment", experiment, "run", run, "direction", direction)
        .description("artifact bytes moved between cluster members").register(registry).increment(bytes);
  }

  /** Sets the state; its gauges appear with the first state set, so views that never run anything export none. */
  public void state(State s) {
    state.set(s);
    RunProgress whole = runLine.get();
    if (whole != null) whole.state(s);
    holder("state-gauges\u0000" + experiment + "\u0000" + run + "\u0000" + point, () -> {
      for (State each : State.values()) {
        Gauge.builder("invariance.run.state", state, st -> st.get() == each ? 1 : 0).tags("experiment", experiment, "run", run, "point", point, "state", each.label())
            .description("1 for the state the run is in").register(registry);
      }
      return Boolean.TRUE;
    });
  }

  public State state() {
    return state.get();
  }

  /**
   * Shows the whole run on the terminal (a line at each phase's end: models and probes done of {@code models} and
   * {@code probes}, elapsed time, time left when it can be told; see {@link RunProgress}). Only the runs a command
   * plans show one; without a terminal stream nothing is shown.
   */
  public RunMetrics plan(int models, int probes) {
    runLine.set(new RunProgress(models, probes, terminal, System::nanoTime));
    runLine.get().state(state.get());
    return this;
  }

  /** Progress of a model's training phase ("pretraining", "head"): iterations, samples, loss, learning rate. */
  public Progress training(String model, String phase, long total) {
    return training(model, phase, total, "iterations");
  }

  /** As {@link #training(String, String, long)}, its steps called {@code unit} (plural: "iterations", "epochs"). */
  public Progress training(String model, String phase, long total, String unit) {
    Tags tags = Tags.of("experiment", experiment, "run", run, "point", point, "model", model, "phase", phase);
    AtomicLong iteration = longGauge("invariance.training.iteration", tags, 0, "the last iteration done");
    longGauge("invariance.training.iterations.planned", tags, total, "iterations of the phase");
    Counter iterations = Counter.builder("invariance.training.iterations").tags(tags).description("iterations done").register(registry);
    Counter samples = Counter.builder("invariance.training.samples").tags(tags).description("training examples processed").register(registry);
    LongTaskTimer.Sample running = LongTaskTimer.builder("invariance.training.phase").tags(tags).description("training phases in progress").register(registry).start();
    Timer duration = Timer.builder("invariance.training.duration").tags(tags).description("finished training phases").register(registry);
    TerminalProgress line = new TerminalProgress(model + " " + phase, total, unit, terminal);
    RunProgress whole = runLine.get();
    return new Progress() {
      @Override
      public void done(long steps) {
        long before = iteration.getAndSet(steps);
        if (steps > before) iterations.increment(steps - before);
        line.done(steps);
      }

      @Override
      public void advance(long steps) {
        done(iteration.get() + steps);
      }

      @Override
      public void samples(long count) {
        samples.increment(count);
        line.samples(count);
      }

      @Override
      public void value(String name, double value) {
        switch (name) {
          case "loss" -> gauge("invariance.training.loss", tags, "training.loss", "the last minibatch loss").set(value);
          case "lr" -> gauge("invariance.training.learning.rate", tags, "training.lr", "the learning rate in use").set(value);
          default -> gauge("invariance.training.value", tags.and("name", name), "training.value." + name, "a trainer's own value").set(value);
        }
        line.value(name, value);
      }

      private boolean closed;

      @Override
      public synchronized void close() {
        if (closed) return;
        closed = true;
        long nanos = running.stop();
        duration.record(nanos, TimeUnit.NANOSECONDS);
        line.close();
        if (whole != null) whole.trained(model, nanos / 1e9);
      }
    };
  }

  /** A {@code watch:} probe's value on one layer and amount of a model in training, and the time the look took. */
  public void watched(String model, String phase, String metric, int layer, String amount, double value) {
    Tags tags = Tags.of("experiment", experiment, "run", run, "point", point, "model", model, "phase", phase, "metric", metric, "layer", Integer.toString(layer),
        "amount", amount);
    gauge("invariance.training.watch", tags, "training.watch", "a watch probe's value on a model in training").set(value);
  }

  public void watchTime(String model, long nanos) {
    Timer.builder("invariance.training.watch.time").tags("experiment", experiment, "run", run, "point", point, "model", model)
        .description("time spent looking at a model in training (watch:)").register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Progress of a probe's work: steps done of planned. */
  public Progress probe(String probe, String phase, long total) {
    return probe(probe, phase, total, ProgressLine.DEFAULT_UNIT);
  }

  /** As {@link #probe(String, String, long)}, its steps called {@code unit} (plural: "images", "pairs"). */
  public Progress probe(String probe, String phase, long total, String unit) {
    Tags tags = Tags.of("experiment", experiment, "run", run, "point", point, "probe", probe, "phase", phase);
    AtomicLong done = longGauge("invariance.probe.steps.done", tags, 0, "a probe's steps done");
    longGauge("invariance.probe.steps.planned", tags, total, "a probe's steps in all");
    TerminalProgress line = new TerminalProgress(probe, total, unit, terminal);
    RunProgress whole = runLine.get();
    return new Progress() {
      @Override
      public void done(long steps) {
        done.set(steps);
        line.done(steps);
      }

      @Override
      public void advance(long steps) {
        done.addAndGet(steps);
        line.advance(steps);
      }

      @Override
      public void value(String name, double value) {
        gauge("invariance.probe.value", tags.and("name", name), "probe.value." + name, "a probe's own value").set(value);
        line.value(name, value);
      }

      private boolean closed;

      @Override
      public synchronized void close() {
        if (closed) return;
        closed = true;
        line.close();
        if (whole != null) whole.phaseEnded();
      }
    };
  }

  /** Times a probe from start to finish (a long task while it runs); close the returned handle when it ends. */
  public AutoCloseable probeRunning(String probe) {
    Tags tags = Tags.of("experiment", experiment, "run", run, "point", point, "probe", probe);
    rows(probe); // at 0 before the first row: Prometheus's rate sees a counter's first step only from a sample before it
    LongTaskTimer.Sample running = LongTaskTimer.builder("invariance.probe.phase").tags(tags).description("probes in progress").register(registry).start();
    Timer duration = Timer.builder("invariance.probe.duration").tags(tags).description("finished probes").register(registry);
    RunProgress whole = runLine.get();
    return () -> {
      long nanos = running.stop();
      duration.record(nanos, TimeUnit.NANOSECONDS);
      if (whole != null) whole.probed(nanos / 1e9);
    };
  }

  /** Counts rows a probe wrote. */
  public void rowsWritten(String probe, long rows) {
    rows(probe).increment(rows);
  }

  private Counter rows(String probe) {
    return Counter.builder("invariance.probe.rows").tags("experiment", experiment, "run", run, "point", point, "probe", probe)
        .description("result rows written").register(registry);
  }


  /** Records the bytes of arrays a bus message refers to (they travel by reference, not copied). */
  public void busPayload(String address, String kind, long bytes) {
    DistributionSummary.builder("invariance.bus.payload").baseUnit("bytes").tags("experiment", experiment, "run", run, "point", point, "address", address, "kind", kind)
        .description("array bytes referenced by bus messages").register(registry).record(bytes);
  }

  /** Stops meters that hold resources (the GC listener). */
  public void close() {
    if (gc != null) gc.close();
  }

  @SuppressWarnings("unchecked")
  private <T> T holder(String key, Supplier<T> create) {
    return (T) holders.computeIfAbsent(key, k -> create.get());
  }

  /** A gauge over a settable long, set to {@code initial}; the same name and tags give the same holder. */
  private AtomicLong longGauge(String name, Tags tags, long initial, String description) {
    AtomicLong h = holder(name + tags, () -> {
      AtomicLong a = new AtomicLong();
      Gauge.builder(name, a, AtomicLong::get).tags(tags).description(description).register(registry);
      return a;
    });
    h.set(initial);
    return h;
  }

  private DoubleHolder gauge(String name, Tags tags, String key, String description) {
    return holder(key + tags, () -> {
      DoubleHolder h = new DoubleHolder();
      Gauge.builder(name, h, DoubleHolder::get).tags(tags).description(description).register(registry);
      return h;
    });
  }

  /** A settable double for gauges. */
  private static final class DoubleHolder {
    private volatile double value = Double.NaN;

    void set(double v) {
      value = v;
    }

    double get() {
      return value;
    }
  }
}
