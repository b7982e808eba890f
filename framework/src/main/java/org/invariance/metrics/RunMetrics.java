package org.invariance.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * The run's metrics side channel: a Micrometer registry tagged with the experiment, and the
 * progress reporters that feed it and the terminal.
 */
public final class RunMetrics {
  private final MeterRegistry registry;
  private final String experiment;
  private final PrintStream terminal;
  private final Map<String, AtomicLong> longs = new ConcurrentHashMap<>();
  private final Map<String, DoubleAdder> doubles = new ConcurrentHashMap<>();

  public RunMetrics(MeterRegistry registry, String experiment, PrintStream terminal) {
    this.registry = registry;
    this.experiment = experiment;
    this.terminal = terminal;
  }

  public static RunMetrics quiet(String experiment) {
    return new RunMetrics(new SimpleMeterRegistry(), experiment, null);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public String experiment() {
    return experiment;
  }

  /**
   * A progress reporter for {@code phase} of {@code subject} (e.g. phase "pretraining", subject
   * "AER"), with {@code total} steps.
   */
  public Progress progress(String subject, String phase, long total) {
    Tags tags = Tags.of("experiment", experiment, "subject", subject, "phase", phase);
    AtomicLong done = longs.computeIfAbsent("done" + tags, k -> new AtomicLong());
    done.set(0);
    AtomicLong tot = longs.computeIfAbsent("total" + tags, k -> new AtomicLong());
    tot.set(total);
    Gauge.builder("invariance.progress.steps", done, AtomicLong::get).tags(tags).description("steps done in a phase").register(registry);
    Gauge.builder("invariance.progress.total.steps", tot, AtomicLong::get).tags(tags).description("steps of a phase").register(registry);
    return new TerminalProgress(subject + " " + phase, total, terminal, done, (name, value) -> {
      String key = name + tags;
      DoubleAdder holder = doubles.computeIfAbsent(key, k -> {
        DoubleAdder a = new DoubleAdder();
        Gauge.builder("invariance.phase." + name, a, DoubleAdder::sum).tags(tags).register(registry);
        return a;
      });
      holder.reset();
      holder.add(value);
    });
  }
}
