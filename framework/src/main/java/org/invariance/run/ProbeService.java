package org.invariance.run;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import org.invariance.bus.Addresses;
import org.invariance.bus.Bus;
import org.invariance.bus.Events;
import org.invariance.data.Dataset;
import org.invariance.data.DatasetSpec;
import org.invariance.experiment.Experiment;
import org.invariance.config.Seeds;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.model.Model;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeContext;
import org.invariance.results.ResultRow;
import org.invariance.results.ResultWriter;

/** Runs one probe (on the probe pool) when asked at {@code invariance.probe.run.<id>}. */
final class ProbeService extends VerticleBase {
  private static final int BATCH = 512;
  private final RunEnvironment env;
  private final Experiment.ProbeUse probe;
  private final org.invariance.experiment.PluginUse use;

  ProbeService(RunEnvironment env, Experiment.ProbeUse probe) {
    this.env = env;
    this.probe = probe;
    this.use = probe.use();
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<Events.ProbeRun>consumer(Addresses.probeRun(use.id()), m -> {
      Future<Events.ProbeDone> f = env.probe(this::runProbe).onSuccess(d -> vertx.eventBus().publish(Addresses.PROBE_DONE, d));
      Replies.reply(m, f, "probe " + use.id(), env.metrics);
    }).completion();
  }

  private Events.ProbeDone runProbe() throws Exception {
    long t0 = System.nanoTime();
    @SuppressWarnings("unchecked")
    Probe<Object> probe = (Probe<Object>) env.plugins.probes().get(use.plugin());
    Context ctx = new Context();
    long rows;
    try (AutoCloseable timing = env.metrics.probeRunning(use.id())) {
      probe.run(ctx, use.config());
      rows = ctx.close();
    } finally {
      ctx.giveBack();
    }
    return new Events.ProbeDone(use.id(), rows, (System.nanoTime() - t0) / 1e9);
  }

  private final class Context implements ProbeContext {
    private Writer writer;
    /** Activations lent to the probe and not yet given back. */
    private final List<Activations> lent = new ArrayList<>();

    @Override public String probeName() { return use.id(); }

    @Override public List<String> models() { return probe.models(); }

    @Override
    public Model model(String name) {
      return Bus.await(Bus.request(vertx, Addresses.MODEL_REQUESTED, new Events.ModelRequest(name)));
    }

    @Override public List<String> classes() { return env.split.classes(); }

    @Override public List<Double> amounts() { return env.experiment.transforms().get(probe.transform()).amounts(); }

    @Override
    public Dataset dataset(DatasetSpec spec) {
      return Bus.await(Bus.request(vertx, Addresses.DATASET_REQUESTED, new Events.DatasetRequest(spec.withDefaultTransform(probe.transform()))));
    }

    @Override
    public Activations activations(String model, DatasetSpec spec) {
      Events.ActivationsRequest r = new Events.ActivationsRequest(model, spec.withDefaultTransform(probe.transform()));
      Activations a = Bus.<Activations>await(Bus.request(vertx, Addresses.ACTIVATIONS_REQUESTED, r));
      Activations[] self = new Activations[1];
      self[0] = a.leased(() -> {
        synchronized (lent) {
          lent.remove(self[0]);
        }
        vertx.eventBus().send(Addresses.ACTIVATIONS_RELEASED, r);
      });
      synchronized (lent) {
        lent.add(self[0]);
      }
      return self[0];
    }

    /** Gives back what the probe did not close itself. */
    void giveBack() {
      List<Activations> rest;
      synchronized (lent) {
        rest = new ArrayList<>(lent);
      }
      rest.forEach(Activations::close);
    }

    @Override
    public synchronized ResultWriter results(String... keyColumns) {
      List<String> keys = List.of(keyColumns);
      if (writer != null && !writer.keys.equals(keys)) {
        throw new IllegalStateException("probe " + use.id() + " asked for key columns " + keys + " after " + writer.keys + "; one CSV has one set of columns");
      }
      if (writer == null) writer = new Writer(keys);
      return writer;
    }

    @Override public long seed(String purpose) { return Seeds.derive(env.experiment.seed(), use.id() + "/" + purpose); }

    @Override public Progress progress(String phase, long total) { return env.metrics.probe(use.id(), phase, total); }

    long close() {
      if (writer == null) return 0;
      writer.flush();
      return writer.sent;
    }
  }

  private final class Writer implements ResultWriter {
    final List<String> keys;
    private List<ResultRow> pending = new ArrayList<>();
    long sent;

    Writer(List<String> keys) {
      this.keys = keys;
    }

    @Override
    public synchronized void row(String model, String dataset, String metric, double value, Object... keyValues) {
      if (keyValues.length != keys.size()) throw new IllegalArgumentException("expected values for " + keys + ", got " + keyValues.length);
      pending.add(new ResultRow(model, dataset, java.util.Arrays.asList(keyValues.clone()), metric, value));
      if (pending.size() >= BATCH) flush();
    }

    @Override
    public synchronized void flush() {
      if (pending.isEmpty()) return;
      List<ResultRow> batch = pending;
      pending = new ArrayList<>();
      Bus.await(Bus.request(vertx, Addresses.PROBE_RESULT, new Events.ResultBatch(use.id(), keys, batch)));
      sent += batch.size();
      env.metrics.rowsWritten(use.id(), batch.size());
    }
  }
}
