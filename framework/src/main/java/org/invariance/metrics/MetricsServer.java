package org.invariance.metrics;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.invariance.config.InvalidConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus scrape endpoint: {@code GET /metrics} on the configured host and port, served by
 * the JDK's HTTP server on one daemon thread. It lives outside the run's Vert.x instance so it can
 * keep serving the last values after the run (the {@code --linger} option). With {@value
 * PrometheusTarget#ENV} set, the address it bound is announced there for Prometheus's file-based
 * discovery until it stops ({@link PrometheusTarget}).
 */
public final class MetricsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private final HttpServer server;
  private final ExecutorService executor;
  private PrometheusTarget target;

  private MetricsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Whether an address belongs to this machine (a port taken there is the port's fault, not the host's). */
  private static boolean local(InetSocketAddress a) {
    try {
      return a.getAddress().isAnyLocalAddress() || a.getAddress().isLoopbackAddress() || NetworkInterface.getByInetAddress(a.getAddress()) != null;
    } catch (SocketException e) {
      return true;
    }
  }

  /**
   * Starts serving {@code registry}, announced to Prometheus with {@code labels} in the directory
   * {@value PrometheusTarget#ENV} names (nowhere when it is unset).
   */
  public static MetricsServer start(PrometheusMeterRegistry registry, MetricsConfig config, Map<String, String> labels) throws IOException {
    return start(registry, config, PrometheusTarget.directory(System.getenv()), labels);
  }

  public static MetricsServer start(PrometheusMeterRegistry registry, MetricsConfig config) throws IOException {
    return start(registry, config, null, Map.of());
  }

  /**
   * Starts serving {@code registry}. A taken default port falls back to a free one (with a
   * warning); a taken explicit port is an error, since the user asked for that port. With {@code
   * targetsDir} (may be null), the address bound is announced there for Prometheus.
   */
  public static MetricsServer start(PrometheusMeterRegistry registry, MetricsConfig config, Path targetsDir, Map<String, String> labels) throws IOException {
    InetSocketAddress address = new InetSocketAddress(config.host(), config.portOrDefault());
    if (address.isUnresolved()) {
      throw new InvalidConfig("metrics.host", "'" + config.host() + "' does not resolve to an address; use an address of this machine (127.0.0.1 by default), --metrics-host or metrics.host");
    }
    HttpServer http;
    try {
      http = HttpServer.create(address, 16);
    } catch (BindException e) {
      if (!local(address)) {
        throw new InvalidConfig("metrics.host", "cannot listen on " + config.host() + ": it is not an address of this machine (" + e.getMessage() + "); use one of its own, --metrics-host or metrics.host");
      }
      if (config.explicitPort()) {
        throw new InvalidConfig("metrics.port", "cannot listen on " + config.host() + ":" + config.portOrDefault() + " (" + e.getMessage()
            + "); choose another with --metrics-port or metrics.port (0 = any free port)");
      }
      LOG.warn("metrics: port {} is taken ({}); using a free port instead", config.portOrDefault(), e.getMessage());
      http = HttpServer.create(new InetSocketAddress(config.host(), 0), 16);
    }
    http.createContext("/metrics", exchange -> {
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    http.createContext("/", exchange -> {
      byte[] body = "invariance: metrics at /metrics\n".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/") ? 200 : 404, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "metrics-http");
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(executor);
    http.start();
    MetricsServer server = new MetricsServer(http, executor);
    if (targetsDir != null) server.target = PrometheusTarget.announce(targetsDir, http.getAddress(), labels);
    return server;
  }

  /** The file that announces this endpoint to Prometheus, if one was written. */
  public Optional<Path> targetFile() {
    return Optional.ofNullable(target).map(PrometheusTarget::file);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    String host = server.getAddress().getHostString();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/metrics";
  }

  @Override
  public void close() {
    // first, so that Prometheus stops looking for an endpoint about to go
    if (target != null) target.close();
    server.stop(0);
    executor.shutdownNow();
  }
}
