package org.invariance.dist;

import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PfxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invariance.cluster.ClusterKey;
import org.invariance.cluster.Compatibility;
import org.invariance.cluster.Protocol;
import org.invariance.plugin.PluginRegistry;

/**
 * The strongest rogue the cluster test starts: one that learnt the Hazelcast cluster name (it
 * travels unencrypted, so anyone on the network can read it) but holds another key. It joins
 * Hazelcast with that name, then behaves as a worker would on the event bus, with its own
 * certificate (trusting any server's): it asks for work with a worker's hello and announces
 * files for a unit, every second, printing each outcome. The bus of every member holding the key
 * requires the cluster's certificate, so none of it may get through.
 *
 * <p>Arguments: cluster name, Hazelcast port, members, the other key's file (password in the
 * environment, as a member's).
 */
public final class ClusterEavesdropper {
  private ClusterEavesdropper() {}

  public static void main(String[] args) throws Exception {
    String name = args[0];
    int port = Integer.parseInt(args[1]);
    String members = args[2];
    Path otherKey = Path.of(args[3]);
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(name);
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig net = hz.getNetworkConfig();
    net.setPort(port).setPortAutoIncrement(false).setPublicAddress("127.0.0.1:" + port);
    net.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    net.getJoin().getMulticastConfig().setEnabled(false);
    net.getJoin().getAutoDetectionConfig().setEnabled(false);
    net.getJoin().getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
    for (String m : members.split(",")) net.getJoin().getTcpIpConfig().addMember(m);
    HazelcastClusterManager manager = new HazelcastClusterManager(hz);
    EventBusOptions bus = new EventBusOptions().setHost("127.0.0.1").setPort(0).setClusterPublicHost("127.0.0.1").setSsl(true).setTrustAll(true)
        .setKeyCertOptions(new PfxOptions().setValue(Buffer.buffer(Files.readAllBytes(otherKey))).setPassword(System.getenv(ClusterKey.PASSWORD_ENV)));
    Vertx vertx = Vertx.builder().with(new VertxOptions().setEventBusOptions(bus)).withClusterManager(manager).buildClustered()
        .toCompletionStage().toCompletableFuture().get();
    String me = manager.getNodeId();
    System.out.println("eavesdropper joined the Hazelcast cluster: " + manager.getHazelcastInstance().getCluster().getMembers().size() + " members");
    JsonObject hello = new JsonObject().put("worker", "eavesdropper").put("node", me).put("version", Compatibility.version())
        .put("kernel", Compatibility.kernel()).put("plugins", Compatibility.plugins(PluginRegistry.discover())).put("has", new JsonArray());
    while (true) {
      report("asked for work", vertx.eventBus().<JsonObject>request(Protocol.WORK, hello, new DeliveryOptions().setSendTimeout(3000)));
      List<String> others = new ArrayList<>(manager.getNodes());
      others.remove(me);
      for (String node : others) {
        JsonObject done = new JsonObject().put("unit", "probes:0-seed=1").put("worker", "eavesdropper").put("node", me).put("ok", true)
            .put("artifacts", new JsonArray()).put("origin", "probed").put("seconds", 1.0);
        report("announced files to " + node, vertx.eventBus().<JsonObject>request(Protocol.done(node), done, new DeliveryOptions().setSendTimeout(3000)));
      }
      Thread.sleep(1000);
    }
  }

  private static void report(String what, Future<Message<JsonObject>> f) {
    try {
      JsonObject body = f.toCompletionStage().toCompletableFuture().get().body();
      System.out.println(what + ": ANSWERED " + body.encode());
    } catch (Exception e) {
      System.out.println(what + ": failed (" + (e.getCause() == null ? e : e.getCause()).getMessage() + ")");
    }
  }
}
