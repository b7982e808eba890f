package org.invariance.run;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.invariance.bus.Addresses;
import org.invariance.bus.Bus;
import org.invariance.bus.Events;
import org.invariance.data.Dataset;
import org.invariance.data.DatasetSpec;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.PluginUse;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.model.Model;
import org.invariance.plugin.PluginException;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeContext;
import org.invariance.plugin.ProbeTransform;
import org.invariance.results.KeyColumns;
import org.invariance.results.ResultRow;
import org.invariance.results.ResultWriter;

/** Runs one probe (on the probe pool) when asked at {@code invariance.probe.run.<id>}. */
final class ProbeService extends VerticleBase {
  private static final int BATCH = 512;
  private final RunEnvironment env;
  private final Experiment.ProbeUse probe;
  private final PluginUse use;

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
      try {
        probe.run(ctx, use.config());
      } catch (Bus.BusFailure e) {
        throw e; // another service failed (data, activations): its message says which
      } catch (Exception | LinkageError e) {
        throw PluginException.threw(use.plugin(), probe, e); // names the plugin's class and jar
      }
      rows = ctx.close();
    } finally {
      ctx.giveBack();
      env.probeSeeds.put(use.id(), ctx.seeds.json()); // a failed probe's too: what it drew before it failed
    }
    if (ctx.changed != null) throw ctx.changed;
    return new Events.ProbeDone(use.id(), rows, (System.nanoTime() - t0) / 1e9);
  }

  private final class Context implements ProbeContext {
    private Writer writer;
    private Writer summary;
    /** Set when the probe gave back activations it had changed: it fails with this once it ends. */
    private volatile IllegalStateException changed;
    /** Activations lent to the probe and not yet given back. */
    private final List<Activations> lent = new ArrayList<>();
    /** What the probe asked, for provenance. */
    final SeedsAsked seeds = new SeedsAsked(env.experiment.seed());

    @Override public String probeName() { return use.id(); }

    @Override public List<String> models() { return probe.models(); }

    @Override
    public Model model(String name) {
      return Bus.await(Bus.request(vertx, Addresses.MODEL_REQUESTED, new Events.ModelRequest(name)));
    }

    @Override public List<String> classes() { return env.split.classes(); }

    @Override public List<Double> amounts() { return env.experiment.transforms().get(probe.transform()).amounts(); }

    @Override public ProbeTransform transform() { return env.experiment.probeTransform(probe.transform()); }

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
        try {
          a.requireUnchanged("probe " + use.id() + " (plugin '" + use.plugin() + "')");
        } catch (IllegalStateException wrote) {
          if (changed == null) changed = wrote; // the probe fails once it ends; the activation service computes them again for the next

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
      writer = writer(writer, false, keyColumns);
      return writer;
    }

    @Override
    public synchronized ResultWriter summary(String... keyColumns) {
      summary = writer(summary, true, keyColumns);
      return summary;
    }

    private Writer writer(Writer existing, boolean isSummary, String... keyColumns) {
      List<String> keys = List.of(keyColumns);
      if (existing != null && !existing.keys.equals(keys)) {
        throw new IllegalStateException("probe " + use.id() + " asked for key columns " + keys + " after " + existing.keys + "; one CSV has one set of columns");
      }
      return existing != null ? existing : new Writer(isSummary, keys);
    }

    @Override public long seed(String purpose) { return seeds.derive(use.id() + "/" + purpose); }

    @Override public Progress progress(String phase, long total) { return env.metrics.probe(use.id(), phase, total); }

    @Override public Progress progress(String phase, long total, String unit) { return env.metrics.probe(use.id(), phase, total, unit); }

    /** Sends what is left; a writer asked for but given no rows still makes its CSV (a header), so a finished probe always has its files. */
    long close() {
      long rows = 0;
      for (Writer w : new Writer[] {summary, writer}) {
        if (w == null) continue;
        w.close();
        rows += w.sent;
      }
      return rows;
    }
  }

  private final class Writer implements ResultWriter {
    final boolean summary;
    final List<String> keys;
    private List<ResultRow> pending = new ArrayList<>();
    long sent;
    private boolean opened;
    /** Checks each key's kind as the probe writes it, so a mix fails at the row that makes it. */
    private final KeyColumns kinds;

    Writer(boolean summary, List<String> keys) {
      this.summary = summary;
      this.keys = keys;
      this.kinds = new KeyColumns(keys);
    }

    @Override
    public synchronized void row(String model, String dataset, String metric, double value, Object... keyValues) {
      if (keyValues.length != keys.size()) throw new IllegalArgumentException("expected values for " + keys + ", got " + keyValues.length);
      for (int i = 0; i < keyValues.length; i++) kinds.cell(i, keyValues[i]);
      pending.add(new ResultRow(model, dataset, Arrays.asList(keyValues.clone()), metric, value));
      if (pending.size() >= BATCH) flush();
    }

    @Override
    public synchronized void flush() {
      if (pending.isEmpty()) return;
      List<ResultRow> batch = pending;
      pending = new ArrayList<>();
      send(batch);
    }

    synchronized void close() {
      flush();
      if (!opened) send(List.of());
    }

    private void send(List<ResultRow> batch) {
      Bus.await(Bus.request(vertx, Addresses.PROBE_RESULT, new Events.ResultBatch(use.id(), summary, keys, batch)));
      opened = true;
      sent += batch.size();
      env.metrics.rowsWritten(use.id(), batch.size());
    }
  }
}
