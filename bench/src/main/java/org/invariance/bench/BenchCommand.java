package org.invariance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.invariance.run.Platform;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./invariance bench}: the figures that decide how close the default experiment comes to the
 * study. Its own module (with JMH), so the framework's runtime jar carries no benchmark code; the
 * launcher runs it for {@code ./invariance bench}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure the training loop, its BLAS ceiling, PyTorch's same step, the dl4j plugin's CNN step beside PyTorch's, analysis and the bus;"
        + " append to bench/results/<date>.csv.",
        "Parts, in order: ae (the AE step; its PyTorch peer bench/tied_ae.py), jmh, cnn (Deeplearning4j's fit on the shipped example's CNN,"
        + " batch 64, and the forward of 1,000 images; its PyTorch peer bench/cnn.py), watch (one look of the default experiment's watch: beside the training between two looks), head, encoder, analysis, bus, rss, cluster (a small sweep in one JVM and on"
        + " a coordinator with two workers, coordination cost per unit, artifact transfer beside raw loopback TCP)."
        + " --only cnn runs one part alone (--only ae,cnn several)."})
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--repeats", description = "timed repetitions per figure (default ${DEFAULT-VALUE})")
  int repeats = 30;

  @Option(names = "--warmup", description = "untimed repetitions first (default ${DEFAULT-VALUE})")
  int warmup = 10;

  @Option(names = "--rounds", description = "rounds of each comparison with PyTorch, the two sides alternating (default ${DEFAULT-VALUE})")
  int rounds = 3;

  @Option(names = "--no-peer", description = "skip the PyTorch comparison")
  boolean noPeer;

  @Option(names = "--no-jmh", description = "skip the JMH run (allocation per step through its GC profiler)")
  boolean noJmh;

  /** The parts of the run, in the order they run. */
  enum Part { AE, JMH, CNN, WATCH, HEAD, ENCODER, ANALYSIS, BUS, RSS, CLUSTER }

  @Option(names = "--only", split = ",", paramLabel = "PART",
      description = "run only these parts (${COMPLETION-CANDIDATES}; comma-separated, any case); default: all")
  List<Part> only;

  @Option(names = "--python", description = "the Python that has torch (default: $INVARIANCE_PYTHON or /usr/bin/python3)")
  String python;

  @Option(names = "--home", description = "the project directory (bench/ script, results, runs/; default: $INVARIANCE_HOME or .)")
  Path home;

  @Option(names = "--experiment", description = "the experiment whose last run's peak RSS is reported (default: experiments.yaml in the project directory)")
  Path experiment;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  /** The latest run of an experiment file: runs/<its name>/latest. */
  static Path runDir(Path root, Path experimentFile) throws IOException {
    JsonNode name = new YAMLMapper().readTree(experimentFile.toFile()).path("name");
    return root.resolve("runs").resolve(name.asText("unnamed")).resolve("latest");
  }

  @Override
  public Integer call() throws Exception {
    Path root = home != null ? home : Path.of(System.getenv().getOrDefault("INVARIANCE_HOME", "."));
    PrintStream out = System.out;
    out.println("invariance bench: " + LocalDateTime.now().withNano(0) + ", " + Platform.describe());
    Benchmarks b = new Benchmarks(warmup, repeats);
    List<BenchRow> rows = new ArrayList<>();
    String py = python != null ? python : System.getenv().getOrDefault("INVARIANCE_PYTHON", "/usr/bin/python3");
    // each comparison with PyTorch runs in rounds, the two sides alternating, so both see the same load;
    // the ratios are summed up over the rounds (median, min, max) at the end
    Map<String, List<Double>> ratios = new LinkedHashMap<>();
    if (runs(Part.AE)) {
      for (int r = 0; r < rounds; r++) {
        List<BenchRow> ae = b.autoencoderStep();
        print(out, rows, ae);
        if (!noPeer) print(out, rows, ratios, b.pytorch(root.resolve("bench").resolve("tied_ae.py"), py, ae.get(0).value()));
      }
    }
    if (!noJmh && runs(Part.JMH)) print(out, rows, b.jmhAllocation());
    if (runs(Part.CNN)) {
      // the two peers back to back, so they see the same machine
      CnnBench cnn = new CnnBench(warmup, repeats);
      for (int r = 0; r < rounds; r++) {
        print(out, rows, cnn.dl4j());
        if (!noPeer) print(out, rows, ratios, cnn.pytorch(root.resolve("bench").resolve("cnn.py"), py));
      }
    }
    if (!ratios.isEmpty()) {
      out.println("-- against PyTorch in this invocation, " + rounds + " interleaved rounds (> 1: ours faster) --");
      List<BenchRow> summary = new ArrayList<>();
      ratios.forEach((name, v) -> {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Measurement m = Measurement.of(a);
        summary.add(new BenchRow(name + ", interleaved", m.medianMs(), m.minMs(), m.maxMs(), "x", a.length + " rounds: median [min .. max] of each round's ratio of medians"));
      });
      print(out, rows, summary);
    }
    if (runs(Part.WATCH)) print(out, rows, b.watchCost());
    if (runs(Part.HEAD)) print(out, rows, b.headStep());
    if (runs(Part.ENCODER)) print(out, rows, b.encoderForward());
    if (runs(Part.ANALYSIS)) print(out, rows, b.analysisScaling());
    if (runs(Part.BUS)) print(out, rows, b.bus());
    Path exp = experiment != null ? experiment : root.resolve("experiments.yaml");
    if (runs(Part.RSS) && Files.isRegularFile(exp)) print(out, rows, Benchmarks.peakRss(runDir(root, exp).resolve("provenance.json")));
    if (runs(Part.CLUSTER)) {
      ClusterBench cluster = new ClusterBench(root);
      print(out, rows, cluster.transfer());
      print(out, rows, cluster.sweep());
    }
    Path file = root.resolve("bench").resolve("results").resolve(LocalDate.now() + ".csv");
    append(file, rows);
    out.println("appended to " + file);
    return 0;
  }

  private boolean runs(Part p) {
    return only == null || only.isEmpty() || only.contains(p);
  }

  /** Prints the rows and keeps each ratio against PyTorch (unit x, "/ pytorch" in its name) for the summary. */
  private static void print(PrintStream out, List<BenchRow> all, Map<String, List<Double>> ratios, List<BenchRow> rows) {
    print(out, all, rows);
    for (BenchRow r : rows) {
      if (r.unit().equals("x") && r.name().contains("/ pytorch") && !Double.isNaN(r.value())) ratios.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(r.value());
    }
  }

  private static void print(PrintStream out, List<BenchRow> all, List<BenchRow> rows) {
    for (BenchRow r : rows) {
      out.println(r.format());
      out.flush();
    }
    all.addAll(rows);
  }

  private static void append(Path file, List<BenchRow> rows) throws IOException {
    Files.createDirectories(file.getParent());
    boolean fresh = !Files.exists(file);
    StringBuilder b = new StringBuilder();
    if (fresh) b.append("time,figure,value,min,max,unit,note,settings\n");
    String time = LocalDateTime.now().withNano(0).toString();
    String settings = quote(Platform.describe());
    for (BenchRow r : rows) {
      b.append(time).append(',').append(quote(r.name())).append(',').append(fmt(r.value())).append(',').append(fmt(r.min())).append(',')
          .append(fmt(r.max())).append(',').append(r.unit()).append(',').append(quote(r.note())).append(',').append(settings).append('\n');
    }
    Files.writeString(file, b.toString(), fresh ? new OpenOption[] {StandardOpenOption.CREATE}
        : new OpenOption[] {StandardOpenOption.APPEND});
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
  }

  private static String quote(String s) {
    return s == null ? "" : '"' + s.replace("\"", "\"\"") + '"';
  }
}
