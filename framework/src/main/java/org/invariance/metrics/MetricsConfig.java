package org.invariance.metrics;

import org.invariance.config.InvalidConfig;


/**
 * The {@code metrics:} section: where the Prometheus scrape endpoint listens ({@code /metrics}).
 *
 * @param host the interface; 127.0.0.1 by default (0.0.0.0 only inside a container)
 * @param port the port; 0 picks a free one (the log prints it). Default 9464; when that is taken,
 *     the run falls back to a free port and says so, since metrics must never stop a run
 */
public record MetricsConfig(String host, Integer port) {
  public static final int DEFAULT_PORT = 9464;

  public MetricsConfig {
    if (host == null) host = "127.0.0.1";
    InvalidConfig.require(!host.isBlank(), "host", "must not be empty");
    InvalidConfig.require(port == null || (port >= 0 && port <= 65535), "port", "must be 0 (a free port) to 65535, got " + port);
  }

  public static MetricsConfig defaults() {
    return new MetricsConfig(null, null);
  }

  /** Whether the port was chosen (in YAML or on the command line) rather than defaulted. */
  public boolean explicitPort() {
    return port != null;
  }

  public int portOrDefault() {
    return port == null ? DEFAULT_PORT : port;
  }

  public MetricsConfig withPort(int p) {
    return new MetricsConfig(host, p);
  }

  public MetricsConfig withHost(String h) {
    return new MetricsConfig(h, port);
  }
}
