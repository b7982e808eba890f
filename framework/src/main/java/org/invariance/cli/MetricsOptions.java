package org.invariance.cli;

import org.invariance.metrics.MetricsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where this JVM serves its Prometheus metrics (run and worker). */
final class MetricsOptions {
  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "serve Prometheus metrics on this port (default: metrics.port in the YAML, else 9464, else a free one; 0 = any free port)")
  Integer port;

  @Option(names = "--metrics-host", paramLabel = "HOST", description = "the interface for metrics (default: metrics.host, else 127.0.0.1)")
  String host;

  MetricsConfig apply(MetricsConfig base, CommandLine cmd) {
    MetricsConfig mc = base;
    if (port != null) {
      if (port < 0 || port > 65535) throw new CommandLine.ParameterException(cmd, "--metrics-port: 0 to 65535, got " + port);
      mc = mc.withPort(port);
    }
    return host != null ? mc.withHost(host) : mc;
  }
}
