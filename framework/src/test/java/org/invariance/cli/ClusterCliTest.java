package org.invariance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.invariance.cluster.ClusterKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster's command-line side: making a key, and a member that cannot start saying why in one line (exit 2), before anything runs. */
class ClusterCliTest {
  @TempDir Path dir;

  @BeforeEach
  void password() {
    System.setProperty(ClusterKey.PASSWORD_PROPERTY, "correct horse");
  }

  @AfterEach
  void forget() {
    System.clearProperty(ClusterKey.PASSWORD_PROPERTY);
  }

  @Test
  void clusterKeyMakesAKeyOnceAndKeepsItIfAsked() {
    Path key = dir.resolve("cluster.p12");
    MainTest.Printed made = MainTest.printed("cluster-key", key.toString());
    assertEquals(0, made.code(), made.err());
    assertTrue(made.out().startsWith(key + ": a new cluster key (certificate SHA-256 "), made.out());
    MainTest.Result again = MainTest.exec("cluster-key", key.toString());
    assertEquals(2, again.code());
    assertEquals("cluster.key: " + key + " already exists: remove it first, or choose another file (a new key locks out every member holding the old one)",
        again.err().strip());
    MainTest.Printed kept = MainTest.printed("cluster-key", "--if-absent", key.toString());
    assertEquals(0, kept.code(), kept.err());
    assertTrue(kept.out().startsWith(key + ": kept the existing cluster key"), kept.out());
  }

  @Test
  void aMemberThatCannotStartSaysWhyInOneLine() throws Exception {
    Path key = dir.resolve("cluster.p12");
    assertEquals(0, MainTest.printed("cluster-key", key.toString()).code());
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")); ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String port = String.valueOf(free.getLocalPort());
      free.close();
      one("cluster.key: a cluster member needs the cluster's key: make one with 'invariance cluster-key FILE'", "worker", "--cluster-port", port);
      one("cluster.key: " + dir.resolve("none.p12") + " does not exist", "worker", "--cluster-port", port, "--cluster-key", dir.resolve("none.p12").toString());
      one("cluster.host: 'no-such-host.invalid' does not resolve to an address", "worker", "--cluster-port", port, "--cluster-key", key.toString(),
          "--cluster-host", "no-such-host.invalid");
      one("cluster.port: cannot listen on 127.0.0.1:" + taken.getLocalPort() + " for the cluster (", "worker", "--cluster-port",
          String.valueOf(taken.getLocalPort()), "--cluster-key", key.toString());
      System.setProperty(ClusterKey.PASSWORD_PROPERTY, "wrong horse");
      one("cluster.key: " + key + " does not open with the password in INVARIANCE_CLUSTER_KEY_PASSWORD (wrong password)", "worker", "--cluster-port", port,
          "--cluster-key", key.toString());
    }
  }

  private static void one(String starts, String... args) {
    String[] all = Stream.concat(Arrays.stream(args), Stream.of("--metrics-port", "0", "-q")).toArray(String[]::new);
    MainTest.Result r = MainTest.exec(all);
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    assertTrue(r.err().strip().startsWith(starts), r.err());
  }
}
