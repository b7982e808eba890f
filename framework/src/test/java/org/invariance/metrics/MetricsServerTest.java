package org.invariance.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.invariance.config.InvalidConfig;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Test
  void servesTheScrapeOnAFreeLoopbackPort() throws Exception {
    Counter.builder("invariance.test.events").register(registry).increment(3);
    try (MetricsServer s = MetricsServer.start(registry, new MetricsConfig("127.0.0.1", 0))) {
      assertTrue(s.port() > 0);
      assertEquals("http://127.0.0.1:" + s.port() + "/metrics", s.url());
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s.url())).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
      assertTrue(r.body().contains("invariance_test_events_total 3.0"), r.body());
    }
  }

  @Test
  void aTakenPortIsAnErrorWhenAskedForAndAFallbackWhenDefaulted() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      InvalidConfig e = assertThrows(InvalidConfig.class, () -> MetricsServer.start(registry, new MetricsConfig("127.0.0.1", taken.getLocalPort())));
      assertEquals("metrics.port", e.field(), "a port given and taken is bad input at its key");
      assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()) && e.getMessage().contains("--metrics-port"), e.getMessage());
    }
    ServerSocket holder = null;
    try {
      try {
        holder = new ServerSocket(MetricsConfig.DEFAULT_PORT, 1, InetAddress.getLoopbackAddress());
      } catch (IOException alreadyTaken) {
        // someone else holds the default port: the fallback is exercised all the same
      }
      try (MetricsServer s = MetricsServer.start(registry, MetricsConfig.defaults())) {
        assertNotEquals(MetricsConfig.DEFAULT_PORT, s.port(), "the default port is taken, so a free one is used");
      }
    } finally {
      if (holder != null) holder.close();
    }
  }
}
