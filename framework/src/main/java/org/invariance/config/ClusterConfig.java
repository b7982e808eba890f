package org.invariance.config;

import java.util.List;

/**
 * The {@code cluster:} section (or the {@code --cluster-*} options): where this JVM listens for the
 * cluster and whom it asks to join. Membership is by TCP-IP join on the listed members; multicast
 * stays off.
 *
 * @param host the interface this JVM binds and announces (127.0.0.1 for one machine)
 * @param port the Hazelcast member port (the event bus takes a free port on the same host)
 * @param members the members to join, {@code host:port} each (this JVM may be among them)
 * @param lease seconds a worker holds a unit without renewing before it is offered again
 * @param key the cluster's key file (a PKCS#12 keystore made by {@code invariance cluster-key}),
 *     the same on every member; its password comes from INVARIANCE_CLUSTER_KEY_PASSWORD, never from
 *     here. A relative path is resolved against the working directory.
 */
public record ClusterConfig(String host, Integer port, List<String> members, Integer lease, String key) {
  public static final int DEFAULT_PORT = 5701;
  public static final int DEFAULT_LEASE = 20;

  public ClusterConfig {
    if (host == null) host = "127.0.0.1";
    if (port == null) port = DEFAULT_PORT;
    if (members == null) members = List.of();
    if (lease == null) lease = DEFAULT_LEASE;
    InvalidConfig.require(!host.isBlank(), "host", "must not be empty");
    InvalidConfig.require(port > 0 && port <= 65535, "port", "must be 1 to 65535, got " + port);
    InvalidConfig.require(lease >= 2, "lease", "must be at least 2 seconds, got " + lease);
    for (int i = 0; i < members.size(); i++) {
      String m = members.get(i);
      InvalidConfig.require(m != null && m.matches("[^:\\s]+:\\d{1,5}") && Integer.parseInt(m.substring(m.lastIndexOf(':') + 1)) <= 65535,
          "members." + i, "expected host:port, e.g. 127.0.0.1:5701, got '" + m + "'");
    }
    members = List.copyOf(members);
    InvalidConfig.require(key == null || !key.isBlank(), "key", "must name the cluster's key file, e.g. cluster.p12 (made by 'invariance cluster-key FILE')");
  }

  /** The defaults: 127.0.0.1:5701, no members, the default lease, no key. */
  public static ClusterConfig defaults() {
    return new ClusterConfig(null, null, null, null, null);
  }

  /** Parses {@code --members H1:P1,H2:P2}. */
  public static List<String> parseMembers(String csv) {
    if (csv == null || csv.isBlank()) return List.of();
    return List.of(csv.trim().split("\\s*,\\s*"));
  }

  public ClusterConfig with(String h, Integer p, List<String> m) {
    return new ClusterConfig(h != null ? h : host, p != null ? p : port, m != null ? m : members, lease, key);
  }

  public ClusterConfig withKey(String k) {
    return new ClusterConfig(host, port, members, lease, k != null ? k : key);
  }
}
