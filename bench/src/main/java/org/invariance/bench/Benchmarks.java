package org.invariance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.invariance.bus.Bus;
import org.invariance.bus.Events;
import org.invariance.config.WatchConfig;
import org.invariance.data.Dataset;
import org.invariance.data.DatasetSpec;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.metrics.ProcessStats;
import org.invariance.nn.Fused;
import org.invariance.nn.Gemm;
import org.invariance.plugin.PluginRegistry;
import org.invariance.plugins.frozenhead.SoftmaxHead;
import org.invariance.plugins.frozenhead.SoftmaxTraining;
import org.invariance.run.TrainingWatch;
import org.invariance.study.autoencoder.Encoder;
import org.invariance.study.autoencoder.TiedAutoencoder;
import org.invariance.study.autoencoder.TiedAutoencoderStep;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The figures of {@code ./invariance bench}, each measured with warm-up and repeats on this machine. */
public final class Benchmarks {
  static final int[] SIZES = {784, 512, 256, 128};
  static final int BATCH = 1000;
  private final int repeats;
  private final int warmup;

  public Benchmarks(int warmup, int repeats) {
    this.warmup = warmup;
    this.repeats = repeats;
  }

  static INDArray random(long rows, long cols, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[(int) (rows * cols)];
    for (int i = 0; i < v.length; i++) v[i] = (float) r.nextDouble();
    return Nd4j.create(v, new long[] {rows, cols}, 'c');
  }

  /** AE training step and its BLAS ceiling; returns rows [step, samples/s, GFLOP/s, gemms, overhead, faults]. */
  public List<BenchRow> autoencoderStep() {
    TiedAutoencoder ae = TiedAutoencoder.init(SIZES, 1, DataType.FLOAT);
    TiedAutoencoderStep step = new TiedAutoencoderStep(ae, BATCH, 0.9, 0.004);
    step.input().assign(random(BATCH, 784, 2));
    step.target().assign(step.input());
    double flops = TiedAutoencoderStep.flopsPerStep(SIZES, BATCH);
    Measurement it = Measurement.time(warmup, repeats, () -> step.step(0.01));
    long f0 = ProcessStats.pageFaults();
    int n = 20;
    for (int i = 0; i < n; i++) step.step(0.01);
    double faults = f0 < 0 ? Double.NaN : (ProcessStats.pageFaults() - f0) / (double) n;
    Measurement gemm = Measurement.time(warmup, repeats, step::gemmsOnly);
    List<BenchRow> rows = new ArrayList<>();
    rows.add(new BenchRow("ae step (batch 1000)", it.medianMs(), it.minMs(), it.maxMs(), "ms", "forward + BCE + backward + momentum/decay update"));
    rows.add(BenchRow.single("ae step throughput", BATCH / (it.medianMs() / 1000), "img/s", ""));
    rows.add(BenchRow.single("ae step GFLOP/s", flops / (it.medianMs() / 1000) / 1e9, "GFLOP/s", String.format("%.2f GFLOP per step (17 matmuls)", flops / 1e9)));
    rows.add(new BenchRow("ae step matmuls alone (ceiling)", gemm.medianMs(), gemm.minMs(), gemm.maxMs(), "ms",
        String.format("%.0f GFLOP/s", flops / (gemm.medianMs() / 1000) / 1e9)));
    rows.add(BenchRow.single("ae step overhead beyond matmuls", 100 * (it.medianMs() - gemm.medianMs()) / it.medianMs(), "%", "goal <= 25%"));
    rows.add(BenchRow.single("ae step page faults", faults, "/step", "steady state, over " + n + " steps"));
    // where the time goes: each part of the step timed alone, on the step's own buffers
    Measurement fwdP = Measurement.time(warmup, repeats, step::forwardProducts);
    Measurement fwdE = Measurement.time(warmup, repeats, step::forwardElementwise);
    Measurement bwdP = Measurement.time(warmup, repeats, step::backwardProducts);
    Measurement bias = Measurement.time(warmup, repeats, step::biasProducts);
    Measurement bwdE = Measurement.time(warmup, repeats, step::backwardElementwise);
    Measurement upd = Measurement.time(warmup, repeats, () -> step.update(0.0));
    rows.add(BenchRow.single("  profile: forward products", fwdP.medianMs(), "ms", "6 matmuls"));
    rows.add(BenchRow.single("  profile: forward bias+sigmoid", fwdE.medianMs(), "ms", "6 fused passes over 2.4M activations"));
    rows.add(BenchRow.single("  profile: backward products", bwdP.medianMs(), "ms", "11 matmuls"));
    rows.add(BenchRow.single("  profile: bias-gradient products", bias.medianMs(), "ms", "6 thin products (ones x delta)"));
    rows.add(BenchRow.single("  profile: backward element-wise", bwdE.medianMs(), "ms", "y - t and 5 fused sigmoid derivatives"));
    rows.add(BenchRow.single("  profile: update", upd.medianMs(), "ms", "fused momentum + decay over 566k weights and biases"));
    double parts = fwdP.medianMs() + fwdE.medianMs() + bwdP.medianMs() + bias.medianMs() + bwdE.medianMs() + upd.medianMs();
    rows.add(BenchRow.single("  profile: unaccounted", it.medianMs() - parts, "ms", "step minus its parts (dispatch, cache effects, noise)"));
    return rows;
  }

  /**
   * The cost of {@code watch:} as the default experiment sets it (cka and distance, 200 test
   * images, 6 amounts, every 250 iterations) on the study's autoencoder: one look (the encoder on
   * the sample and its 6 copies, both probes on each layer and amount) beside the training
   * iterations between two looks. The copies are made once per run, so they are not in a look.
   */
  public List<BenchRow> watchCost() {
    PluginRegistry plugins = PluginRegistry.discover();
    List<String> probes = new ArrayList<>();
    for (String p : List.of("cka", "distance")) if (plugins.trainingProbes().containsKey(p)) probes.add(p);
    if (probes.isEmpty()) return List.of(BenchRow.single("watch look", Double.NaN, "ms", "no training probe on the class path (run it through ./invariance bench)"));
    List<Double> amounts = List.of(-90.0, -60.0, -30.0, 30.0, 60.0, 90.0);
    int every = 250;
    WatchConfig config = new WatchConfig(probes, every, 200, amounts, null);
    int n = 2000;
    float[] px = new float[n * 784];
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < px.length; i++) px[i] = (float) r.nextDouble();
    Images test = new Images("bench", 28, 28, px, new byte[n]);
    // the copies' transform does not matter for the cost of a look (they are made once): a copy
    TransformFamily family = new TransformFamily("copy",
        (a, w, h) -> (src, so, dst, d) -> System.arraycopy(src, so, dst, d, w * h), amounts, 28, 28);
    TrainingWatch watch = new TrainingWatch(config, plugins, test, 1);
    Encoder enc = TiedAutoencoder.init(SIZES, 1, DataType.FLOAT).encoder();
    int values = watch.look(enc, family);
    Measurement look = Measurement.time(Math.min(warmup, 3), Math.max(5, repeats / 3), () -> watch.look(enc, family));
    TiedAutoencoder ae = TiedAutoencoder.init(SIZES, 1, DataType.FLOAT);
    TiedAutoencoderStep step = new TiedAutoencoderStep(ae, BATCH, 0.9, 0.004);
    step.input().assign(random(BATCH, 784, 2));
    step.target().assign(step.input());
    Measurement it = Measurement.time(warmup, repeats, () -> step.step(0.01));
    double share = 100 * look.medianMs() / (look.medianMs() + every * it.medianMs());
    return List.of(
        new BenchRow("watch look (cka + distance, 200 images x 6 amounts)", look.medianMs(), look.minMs(), look.maxMs(), "ms", values + " numbers: 4 layers x 6 amounts x " + probes.size() + " probes"),
        BenchRow.single("watch cost, every 250 iterations", share, "%", String.format("of training time, beside %.1f ms per ae step (batch 1000); goal < 5%%", it.medianMs())));
  }

  public List<BenchRow> headStep() {
    INDArray features = random(8000, 128, 3);
    int[] labels = new int[8000];
    for (int i = 0; i < labels.length; i++) labels[i] = i % 10;
    int iters = 200;
    Measurement m = Measurement.time(1, Math.max(3, repeats / 5), () -> SoftmaxTraining.train(features, labels, 10, 0.05, 128, iters, 1, null));
    return List.of(new BenchRow("head step (batch 128)", m.medianMs() / iters, m.minMs() / iters, m.maxMs() / iters, "ms", "softmax on 128 frozen features"));
  }

  public List<BenchRow> encoderForward() {
    TiedAutoencoder ae = TiedAutoencoder.init(SIZES, 1, DataType.FLOAT);
    Encoder enc = ae.encoder();
    int n = 10_000;
    INDArray x = random(n, 784, 4);
    Measurement m = Measurement.time(2, Math.max(3, repeats / 3), () -> enc.layers(x));
    INDArray[] outs = {Nd4j.zeros(DataType.FLOAT, n, 512), Nd4j.zeros(DataType.FLOAT, n, 256), Nd4j.zeros(DataType.FLOAT, n, 128)};
    Measurement g = Measurement.time(2, Math.max(3, repeats / 3), () -> {
      INDArray in = x;
      for (int i = 0; i < 3; i++) {
        Gemm.gemm(in, enc.weights().get(i), outs[i], false, false, 1.0, 0.0);
        in = outs[i];
      }
    });
    Measurement f = Measurement.time(2, Math.max(3, repeats / 3), () -> {
      for (int i = 0; i < 3; i++) Fused.biasSigmoid(outs[i], enc.biases().get(i));
    });
    long f0 = ProcessStats.pageFaults();
    enc.layers(x);
    long faults = f0 < 0 ? -1 : ProcessStats.pageFaults() - f0;
    return List.of(
        new BenchRow("encoder forward (10k images)", n / (m.medianMs() / 1000), n / (m.maxMs() / 1000), n / (m.minMs() / 1000), "img/s", "all layers kept for the probes"),
        BenchRow.single("encoder forward vs matmul ceiling", 100 * g.medianMs() / m.medianMs(), "%", "goal >= 80%"),
        BenchRow.single("  profile: products", g.medianMs(), "ms", "3 matmuls into reused buffers"),
        BenchRow.single("  profile: bias+sigmoid", f.medianMs(), "ms", "fused passes"),
        BenchRow.single("  profile: fresh output buffers", m.medianMs() - g.medianMs() - f.medianMs(), "ms",
            faults + " page faults per pass: the kept activations need new memory (by difference)"));
  }

  /**
   * The analysis work every probe shares: activations (all layers + softmax) of two models on the
   * study's six datasets, for growing numbers of images; it should grow linearly.
   */
  public List<BenchRow> analysisScaling() {
    Encoder enc = TiedAutoencoder.init(SIZES, 1, DataType.FLOAT).encoder();
    SoftmaxHead head = new SoftmaxHead(random(128, 10, 7).subi(0.5), Nd4j.zeros(DataType.FLOAT, 1, 10));
    List<BenchRow> rows = new ArrayList<>();
    double base = Double.NaN;
    for (int n : new int[] {1000, 2000, 5000, 10000}) {
      INDArray[] sets = new INDArray[6];
      for (int d = 0; d < 6; d++) sets[d] = random(n, 784, 10 + d);
      Measurement m = Measurement.time(1, 3, () -> {
        for (int model = 0; model < 2; model++) {
          for (INDArray x : sets) {
            List<INDArray> layers = enc.layers(x);
            head.probabilities(layers.get(layers.size() - 1));
          }
        }
      });
      double perImage = m.medianMs() / n;
      if (Double.isNaN(base)) base = perImage;
      rows.add(new BenchRow("activations, 2 models x 6 sets, " + n / 1000 + "k", m.medianMs() / 1000, m.minMs() / 1000, m.maxMs() / 1000, "s",
          String.format("%.1f us per image per set per model; %.2f x the 1k cost per image (1.00 = linear)", perImage * 1000 / 12, perImage / base)));
    }
    return rows;
  }

  /** An activations-sized payload (10k x 1680 floats) through the bus in one JVM, and through loopback TCP. */
  public List<BenchRow> bus() throws Exception {
    int n = 10_000;
    INDArray payload = random(n, 784 + 512 + 256 + 128, 5);
    long bytes = payload.length() * 4;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      Bus.registerCodecs(vertx);
      Dataset ds = new Dataset(DatasetSpec.at(0), "bench", payload, new int[n], new double[n], 28, 28);
      vertx.eventBus().consumer("bench.payload", m -> m.reply(ds));
      Measurement m = Measurement.time(20, 200, () -> Bus.await(Bus.request(vertx, "bench.payload", new Events.DatasetRequest(ds.spec()))));
      double local = bytes / (m.medianMs() / 1000) / 1e6;
      double tcp = tcpCopy(payload.data().asBytes());
      return List.of(
          BenchRow.single("bus, one JVM (by reference)", local, "MB/s", String.format("%.0f MB activations payload, %.3f ms per request", bytes / 1e6, m.medianMs())),
          BenchRow.single("raw loopback TCP copy", tcp, "MB/s", "the same bytes through a 127.0.0.1 socket"));
    } finally {
      Bus.await(vertx.close());
    }
  }

  static double tcpCopy(byte[] data) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread reader = new Thread(() -> {
        try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
          byte[] buf = new byte[1 << 20];
          while (in.read(buf) >= 0) { /* drain */ }
        } catch (IOException ignored) {
          // the writer reports the failure
        }
      });
      reader.start();
      long t0;
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()); OutputStream out = s.getOutputStream()) {
        out.write(data, 0, Math.min(data.length, 1 << 20)); // warm-up
        t0 = System.nanoTime();
        for (int k = 0; k < 3; k++) out.write(data);
      }
      reader.join();
      return 3.0 * data.length / ((System.nanoTime() - t0) / 1e9) / 1e6;
    }
  }

  /** The same AE step in PyTorch (bench/tied_ae.py), with its best settings. */
  public List<BenchRow> pytorch(Path script, String python, double ourMs) {
    try {
      PeerResult r = Peer.run(script, python, "--iterations", Integer.toString(repeats), "--warmup", Integer.toString(warmup));
      Measurement m = r.step();
      return List.of(new BenchRow("pytorch ae step (batch 1000)", m.medianMs(), m.minMs(), m.maxMs(), "ms", r.settings()),
          BenchRow.single("invariance / pytorch throughput", m.medianMs() / ourMs, "x", "goal >= 1.2"));
    } catch (Peer.Unavailable e) {
      return List.of(BenchRow.single("pytorch ae step", Double.NaN, "ms", "peer unavailable: " + e.getMessage()));
    }
  }

  /** The AE step under JMH with its GC profiler: allocation per step and rate. */
  public List<BenchRow> jmhAllocation() {
    try {
      Options o = new OptionsBuilder()
          .include(AeStepBenchmark.class.getName()).addProfiler(GCProfiler.class)
          .verbosity(VerboseMode.SILENT).build();
      var results = new Runner(o).run();
      List<BenchRow> rows = new ArrayList<>();
      for (var r : results) {
        var primary = r.getPrimaryResult();
        rows.add(BenchRow.single("jmh ae step", primary.getScore(), "ms", String.format("+- %.2f (99.9%%), 1 fork, 5 x 2 s", primary.getScoreError())));
        var secondary = r.getSecondaryResults();
        if (secondary.containsKey("gc.alloc.rate.norm")) rows.add(BenchRow.single("jmh ae step allocation", secondary.get("gc.alloc.rate.norm").getScore(), "B/step", "Java garbage per step (GC profiler)"));
        if (secondary.containsKey("gc.alloc.rate")) rows.add(BenchRow.single("jmh ae step allocation rate", secondary.get("gc.alloc.rate").getScore(), "MB/s", ""));
        if (secondary.containsKey("gc.count")) rows.add(BenchRow.single("jmh ae step GCs", secondary.get("gc.count").getScore(), "count", "during the measurement"));
      }
      return rows;
    } catch (Exception e) {
      return List.of(BenchRow.single("jmh ae step", Double.NaN, "ms", "JMH failed: " + e.getMessage()));
    }
  }

  /** Peak RSS recorded by the last run of the default experiment, if there is one. */
  public static List<BenchRow> peakRss(Path provenance) {
    try {
      if (!Files.isRegularFile(provenance)) return List.of(BenchRow.single("default experiment peak RSS", Double.NaN, "MB", "no run yet: ./invariance run experiments.yaml"));
      JsonNode p = new ObjectMapper().readTree(provenance.toFile());
      return List.of(BenchRow.single("default experiment peak RSS", p.path("peak_rss_bytes").asDouble(Double.NaN) / 1e6, "MB",
          "from " + provenance + " (" + p.path("finished").asText("") + ", wall " + BenchRow.num(p.path("wall_seconds").asDouble(Double.NaN)) + " s)"));
    } catch (IOException e) {
      return List.of(BenchRow.single("default experiment peak RSS", Double.NaN, "MB", e.getMessage()));
    }
  }
}
