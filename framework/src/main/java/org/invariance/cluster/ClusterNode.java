package org.invariance.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.concurrent.TimeUnit;
import org.invariance.bus.Bus;
import org.invariance.config.ClusterConfig;

/**
 * Starts this JVM's member of the cluster: Vert.x with Hazelcast's cluster manager, joined by TCP-IP
 * to the listed members (no multicast, no auto-detection), bound to one interface, with a failure
 * detector quick enough that a killed worker's units go back on offer within seconds.
 */
public final class ClusterNode implements AutoCloseable {
  /** Hazelcast drops a member that sent no heartbeat for this long (its default is 60 s). */
  static final int NO_HEARTBEAT_SECONDS = 10;
  private final Vertx vertx;
  private final HazelcastClusterManager manager;

  private ClusterNode(Vertx vertx, HazelcastClusterManager manager) {
    this.vertx = vertx;
    this.manager = manager;
  }

  public static ClusterNode start(ClusterConfig c) {
    Config hz = ConfigUtil.loadConfig(); // Vert.x's maps and multimaps (backup count 1) ...
    hz.setClusterName("invariance");
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(NO_HEARTBEAT_SECONDS));
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    NetworkConfig net = hz.getNetworkConfig(); // ... on our network: this interface, these members
    net.setPort(c.port()).setPortAutoIncrement(false).setPublicAddress(c.host() + ":" + c.port());
    net.getInterfaces().setEnabled(true).addInterface(address(c.host())); // Hazelcast matches interfaces by IP address
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
    for (String m : c.members()) join.getTcpIpConfig().addMember(m);
    if (c.members().isEmpty()) join.getTcpIpConfig().addMember(c.host() + ":" + c.port());
    hz.getMapConfig(Units.MAP).setBackupCount(1);
    HazelcastClusterManager manager = new HazelcastClusterManager(hz);
    VertxOptions options = new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(4)
        .setEventBusOptions(new EventBusOptions().setHost(c.host()).setPort(0).setClusterPublicHost(c.host()));
    Vertx vertx = Bus.await(Vertx.builder().with(options).withClusterManager(manager).buildClustered());
    return new ClusterNode(vertx, manager);
  }

  /** A host name (a compose service) or an address, as the IP address Hazelcast's interface list needs. */
  static String address(String host) {
    try {
      return java.net.InetAddress.getByName(host).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("cluster host '" + host + "' does not resolve to an address on this machine", e);
    }
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

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // leaving the cluster is best effort: the others notice a silent member anyway
    }
  }
}
