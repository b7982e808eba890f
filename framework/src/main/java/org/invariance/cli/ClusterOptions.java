package org.invariance.cli;

import org.invariance.cluster.ClusterKey;
import org.invariance.cluster.ClusterNode;
import org.invariance.config.ClusterConfig;
import org.invariance.config.InvalidConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where this JVM meets the cluster; any of them given makes {@code run} a coordinator. */
final class ClusterOptions {
  @Option(names = "--cluster-host", paramLabel = "HOST", description = "the interface this JVM binds for the cluster (default: cluster.host, else 127.0.0.1)")
  String host;

  @Option(names = "--cluster-port", paramLabel = "PORT", description = "this JVM's cluster port (default: cluster.port, else 5701)")
  Integer port;

  @Option(names = "--members", paramLabel = "H1:P1,H2:P2", description = "members to join by TCP-IP, e.g. 127.0.0.1:5701,127.0.0.1:5702")
  String members;

  @Option(names = "--cluster-key", paramLabel = "FILE",
      description = "the cluster's key, the same file on every member (made by 'invariance cluster-key FILE'; its password in $INVARIANCE_CLUSTER_KEY_PASSWORD; default: cluster.key)")
  String key;

  boolean given() {
    return host != null || port != null || members != null || key != null;
  }

  /** The cluster settings, checked before anything else runs: the key opens, the host is this machine's, the port is free (InvalidConfig: one line, exit 2). */
  ClusterConfig apply(ClusterConfig base, CommandLine cmd) {
    ClusterConfig c;
    try {
      c = (base != null ? base : ClusterConfig.defaults()).with(host, port, members == null ? null : ClusterConfig.parseMembers(members)).withKey(key);
    } catch (InvalidConfig e) {
      throw new CommandLine.ParameterException(cmd, "--" + (e.field().startsWith("members") ? "members" : "cluster-" + e.field()) + ": " + e.getMessage());
    }
    ClusterKey.of(c.key());
    ClusterNode.check(c);
    return c;
  }
}
