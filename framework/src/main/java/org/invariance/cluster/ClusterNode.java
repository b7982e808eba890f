package org.invariance.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.invariance.bus.Bus;
import org.invariance.config.ClusterConfig;
import org.invariance.config.InvalidConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts this JVM's member of the cluster: Vert.x with Hazelcast's cluster manager, joined by TCP-IP
 * to the listed members (no multicast, no auto-detection), listening on the given host only (both
 * Hazelcast's port and the event bus's), with a failure detector quick enough that a killed
 * worker's units go back on offer within seconds. Only members holding the cluster's key
 * ({@link ClusterKey}) take part: Hazelcast's cluster name derives from it, and the event bus runs
 * TLS 1.3 with that key's certificate required on both sides.
 */
public final class ClusterNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
  /** Hazelcast drops a member that sent no heartbeat for this long (its default is 60 s). */
  static final int NO_HEARTBEAT_SECONDS = 10;
  private final Vertx vertx;
  private final HazelcastClusterManager manager;
  private final ClusterKey key;
  /** This member as Hazelcast names it in its log: by address and by the name it was given. */
  private final List<String> self;

  private ClusterNode(Vertx vertx, HazelcastClusterManager manager, ClusterKey key, List<String> self) {
    this.vertx = vertx;
    this.manager = manager;
    this.key = key;
    this.self = self;
  }

  /** Starts with the key the config names ({@code --cluster-key}, {@code cluster.key}), opened with the password from the environment. */
  public static ClusterNode start(ClusterConfig c) {
    return start(c, ClusterKey.of(c.key()));
  }

  public static ClusterNode start(ClusterConfig c, ClusterKey key) {
    String ip = check(c);
    ClusterLog.install(key.clusterName());
    Config hz = ConfigUtil.loadConfig(); // Vert.x's maps and multimaps (backup count 1) ...
    hz.setClusterName(key.clusterName()); // ... among the members holding this key only
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(NO_HEARTBEAT_SECONDS));
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    // Hazelcast listens on every interface unless told not to: on this member's address only
    hz.setProperty("hazelcast.socket.bind.any", "false");
    hz.setProperty("hazelcast.socket.client.bind.any", "false");
    NetworkConfig net = hz.getNetworkConfig(); // ... on our network: this interface, these members
    net.setPort(c.port()).setPortAutoIncrement(false).setPublicAddress(c.host() + ":" + c.port());
    net.getInterfaces().setEnabled(true).addInterface(ip); // Hazelcast matches interfaces by IP address
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
    for (String m : c.members()) join.getTcpIpConfig().addMember(m);
    if (c.members().isEmpty()) join.getTcpIpConfig().addMember(c.host() + ":" + c.port());
    hz.getMapConfig(Units.MAP).setBackupCount(1);
    HazelcastClusterManager manager = new HazelcastClusterManager(hz);
    // the event bus: TLS 1.3 on this host only; each side presents the cluster's certificate and trusts no other
    EventBusOptions bus = new EventBusOptions().setHost(ip).setPort(0).setClusterPublicHost(c.host())
        .setSsl(true).setClientAuth(ClientAuth.REQUIRED).setEnabledSecureTransportProtocols(Set.of("TLSv1.3"))
        .setKeyCertOptions(key.keyCertOptions()).setTrustOptions(key.trustOptions());
    VertxOptions options = new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(4).setEventBusOptions(bus);
    Vertx vertx;
    try {
      vertx = Bus.await(Vertx.builder().with(options).withClusterManager(manager).buildClustered());
    } catch (RuntimeException e) {
      throw startFailure(c, e);
    }
    LOG.info("cluster member {}:{} (listening on {} only; cluster key {}, certificate {}...)", c.host(), c.port(), ip, key.file(), key.shortFingerprint());
    return new ClusterNode(vertx, manager, key, List.of(ip + ":" + c.port(), c.host() + ":" + c.port()));
  }

  /**
   * What must hold before Hazelcast starts, each said in one line: the host resolves, is this
   * machine's and is one address (not 0.0.0.0), and the port is free there. Returns the host's IP
   * address. Members that do not resolve are only warned about (a container's name resolves once it
   * runs).
   */
  public static String check(ClusterConfig c) {
    InetAddress a;
    try {
      a = InetAddress.getByName(c.host());
    } catch (UnknownHostException e) {
      throw new InvalidConfig("cluster.host", "'" + c.host() + "' does not resolve to an address; use an address of this machine (127.0.0.1 by default), --cluster-host or cluster.host");
    }
    if (a.isAnyLocalAddress()) {
      throw new InvalidConfig("cluster.host", "'" + c.host() + "' would listen on every interface; give the one address this member is reached at (e.g. 10.0.0.2), --cluster-host or cluster.host");
    }
    try {
      if (NetworkInterface.getByInetAddress(a) == null) {
        throw new InvalidConfig("cluster.host", "cannot listen on " + c.host() + " (" + a.getHostAddress() + "): it is not an address of this machine; use one of its own, --cluster-host or cluster.host");
      }
    } catch (SocketException e) {
      // the interfaces cannot be listed here: Hazelcast will say
    }
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(a, c.port()));
    } catch (IOException e) {
      throw portTaken(c, e);
    }
    for (String m : c.members()) {
      String host = m.substring(0, m.lastIndexOf(':'));
      try {
        InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        LOG.warn("cluster member '{}' does not resolve to an address (yet): it cannot be asked to join until it does", m);
      }
    }
    return a.getHostAddress();
  }

  private static InvalidConfig portTaken(ClusterConfig c, Exception e) {
    return new InvalidConfig("cluster.port", "cannot listen on " + c.host() + ":" + c.port() + " for the cluster (" + ClusterKey.why(e)
        + "): another member or program holds the port; choose another with --cluster-port or cluster.port");
  }

  /** A start that failed after the checks (a port taken in between, an interface gone): one line, the address and the cause. */
  private static RuntimeException startFailure(ClusterConfig c, RuntimeException e) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException b) return portTaken(c, b);
      root = t;
    }
    String why = root.getMessage() == null ? root.toString() : root.getMessage().strip().lines().findFirst().orElse(root.toString());
    return new IllegalStateException("cannot start this cluster member on " + c.host() + ":" + c.port() + ": " + why, e);
  }

  public Vertx vertx() {
    return vertx;
  }

  /** This member's id in the cluster. */
  public String nodeId() {
    return manager.getNodeId();
  }

  public HazelcastClusterManager manager() {
    return manager;
  }

  public ClusterKey key() {
    return key;
  }

  /** How many members the cluster this JVM is in has, itself included. */
  public int members() {
    return manager.getHazelcastInstance().getCluster().getMembers().size();
  }

  /**
   * Why this member cannot be part of the cluster it was pointed at, or null: it is alone and some
   * listed member refused it for holding another cluster key.
   */
  public String refusal() {
    Set<String> by = new TreeSet<>();
    self.forEach(s -> by.addAll(ClusterLog.refusedBy(s)));
    if (by.isEmpty() || members() > 1) return null;
    return "the cluster member" + (by.size() > 1 ? "s at " : " at ") + String.join(", ", by) + (by.size() > 1 ? " hold" : " holds")
        + " another cluster key than " + key.file() + " (certificate " + key.shortFingerprint() + "...), so this member cannot join; give every member the same --cluster-key";
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // leaving the cluster is best effort: the others notice a silent member anyway
    }
  }
}
