package org.invariance.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.eventbus.DeliveryOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.invariance.bus.Bus;
import org.invariance.config.ClusterConfig;
import org.invariance.config.InvalidConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members in this JVM: two holding the key talk over the bus's TLS, one holding another key is
 * refused at the join (and can say by whom), every port listens on the given host only, and a
 * host or port that cannot be used is one line naming it.
 */
class ClusterNodeTest {
  @TempDir Path dir;

  @Test
  void membersHoldingTheKeyTalkOthersAreRefusedAndNothingListensBeyondTheHost() throws Exception {
    ClusterKey key = ClusterKey.create(dir.resolve("cluster.p12"), ClusterKeyTest.PASSWORD);
    ClusterKey other = ClusterKey.create(dir.resolve("other.p12"), ClusterKeyTest.PASSWORD);
    int pa = freePort();
    int pb = freePort();
    List<String> members = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
    try (ClusterNode a = ClusterNode.start(new ClusterConfig("127.0.0.1", pa, members, null, null), key);
        ClusterNode b = ClusterNode.start(new ClusterConfig("127.0.0.1", pb, members, null, null), key)) {
      Bus.await(a.vertx().eventBus().<String>consumer("test.hello", m -> m.reply("hello " + m.body())).completion());
      String answer = null;
      for (int i = 0; i < 100 && answer == null; i++) { // the consumer reaches the other member within seconds
        try {
          answer = Bus.await(b.vertx().eventBus().<String>request("test.hello", "b", new DeliveryOptions().setSendTimeout(2000)).map(m -> m.body()));
        } catch (RuntimeException e) {
          Thread.sleep(100);
        }
      }
      assertEquals("hello b", answer, "over TLS, each side presenting the cluster's certificate");
      assertEquals(2, a.members());
      assertNull(a.refusal());

      int bus = a.manager().getNodeInfo().port();
      for (int port : new int[] {pa, bus}) {
        List<String> bound = listeningOn(port);
        assertEquals(List.of("127.0.0.1"), bound, "port " + port + " listens on 127.0.0.1 only: " + bound);
      }

      int pc = freePort();
      try (ClusterNode c = ClusterNode.start(new ClusterConfig("127.0.0.1", pc, members, null, null), other)) {
        assertEquals(1, c.members(), "not let in");
        String refusal = c.refusal();
        assertTrue(refusal != null && refusal.matches("the cluster members? at 127\\.0\\.0\\.1:(" + pa + "|" + pb + ").* holds? another cluster key than "
            + Pattern.quote(other.file().toString()) + " \\(certificate [0-9A-F:]{23}\\.\\.\\.\\), so this member cannot join; give every member the same --cluster-key"), refusal);
        assertEquals(2, a.members(), "the cluster did not take it in");
      }
    }
  }

  @Test
  void aHostOrPortThatCannotBeUsedIsOneLine() throws Exception {
    assertEquals("'no-such-host.invalid' does not resolve to an address; use an address of this machine (127.0.0.1 by default), --cluster-host or cluster.host",
        fails("no-such-host.invalid", 5701, "cluster.host"));
    assertEquals("'0.0.0.0' would listen on every interface; give the one address this member is reached at (e.g. 10.0.0.2), --cluster-host or cluster.host",
        fails("0.0.0.0", 5701, "cluster.host"));
    assertEquals("cannot listen on 192.0.2.1 (192.0.2.1): it is not an address of this machine; use one of its own, --cluster-host or cluster.host",
        fails("192.0.2.1", 5701, "cluster.host"));
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertEquals("cannot listen on 127.0.0.1:" + port + " for the cluster (Address already in use): another member or program holds the port; "
          + "choose another with --cluster-port or cluster.port", fails("127.0.0.1", port, "cluster.port"));
    }
  }

  private static String fails(String host, int port, String field) {
    InvalidConfig e = assertThrows(InvalidConfig.class, () -> ClusterNode.check(new ClusterConfig(host, port, null, null, null)));
    assertEquals(field, e.field());
    return e.getMessage();
  }

  /** The addresses this JVM listens on at {@code port} (TCP, IPv4 and IPv6 tables of /proc/self/net). */
  static List<String> listeningOn(int port) throws IOException {
    List<String> out = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6")) {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/net", table));
      for (String line : lines.subList(1, lines.size())) {
        String[] c = line.trim().split("\\s+");
        String[] local = c[1].split(":");
        if (!c[3].equals("0A") || Integer.parseInt(local[1], 16) != port) continue;
        out.add(address(local[0]));
      }
    }
    return out;
  }

  /** /proc's hex address (each 32-bit word in the machine's byte order); an IPv4-mapped IPv6 address as its IPv4 address. */
  static String address(String hex) throws IOException {
    byte[] bytes = new byte[hex.length() / 2];
    boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    for (int w = 0; w < bytes.length / 4; w++) {
      for (int i = 0; i < 4; i++) {
        int at = w * 8 + (little ? 3 - i : i) * 2;
        bytes[w * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    return InetAddress.getByAddress(bytes).getHostAddress();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      return s.getLocalPort();
    }
  }
}
