package org.invariance.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-based service discovery entry: what Prometheus reads, and that it goes with the server. */
class PrometheusTargetTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  @TempDir Path dir;

  @Test
  void announcesThePortReallyBoundAndRemovesItWhenTheServerStops() throws Exception {
    Path targets = dir.resolve("targets");
    Path file;
    int port;
    try (MetricsServer s = MetricsServer.start(registry, new MetricsConfig("127.0.0.1", 0), targets, Map.of("role", "run", "experiment", "e"))) {
      port = s.port();
      file = s.targetFile().orElseThrow();
      assertEquals(targets, file.getParent());
      assertEquals(PrometheusTarget.hostName() + "-" + ProcessHandle.current().pid() + ".json", file.getFileName().toString());
      JsonNode sd = new ObjectMapper().readTree(file.toFile());
      assertTrue(sd.isArray() && sd.size() == 1, "a list of one target group: " + sd);
      assertEquals(List.of("127.0.0.1:" + port), List.of(sd.at("/0/targets/0").asText()));
      assertEquals(1, sd.at("/0/targets").size());
      assertEquals("run", sd.at("/0/labels/role").asText());
      assertEquals("e", sd.at("/0/labels/experiment").asText());
      try (Stream<Path> files = Files.list(targets)) {
        assertEquals(List.of(file), files.toList(), "no temporary file left beside it");
      }
    }
    assertFalse(Files.exists(file), "removed when the server stops");
  }

  @Test
  void aTakenDefaultPortIsAnnouncedAsTheFreeOneUsedInstead() throws Exception {
    ServerSocket holder = null;
    try {
      try {
        holder = new ServerSocket(MetricsConfig.DEFAULT_PORT, 1, InetAddress.getLoopbackAddress());
      } catch (IOException alreadyTaken) {
        // taken by someone else: the same situation
      }
      try (MetricsServer s = MetricsServer.start(registry, new MetricsConfig("127.0.0.1", null), dir, Map.of("role", "worker"))) {
        JsonNode sd = new ObjectMapper().readTree(s.targetFile().orElseThrow().toFile());
        assertEquals("127.0.0.1:" + s.port(), sd.at("/0/targets/0").asText());
      }
    } finally {
      if (holder != null) holder.close();
    }
  }

  @Test
  void offWithoutADirectoryAndAnUnwritableOneNeverStopsTheServer() throws Exception {
    assertNull(PrometheusTarget.directory(Map.of()));
    assertNull(PrometheusTarget.directory(Map.of(PrometheusTarget.ENV, " ")));
    assertEquals(Path.of("/t"), PrometheusTarget.directory(Map.of(PrometheusTarget.ENV, "/t")));
    try (MetricsServer s = MetricsServer.start(registry, new MetricsConfig("127.0.0.1", 0))) {
      assertTrue(s.targetFile().isEmpty());
    }
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    try (MetricsServer s = MetricsServer.start(registry, new MetricsConfig("127.0.0.1", 0), notADirectory, Map.of("role", "run"))) {
      assertTrue(s.targetFile().isEmpty(), "a warning, and the endpoint still serves");
      assertTrue(s.port() > 0);
    }
  }

  @Test
  void aWildcardBindIsAnnouncedAsAnAddressOfThisMachineAndStaleFilesOfDeadProcessesGo() throws Exception {
    String announced = PrometheusTarget.address(new InetSocketAddress("0.0.0.0", 9464));
    assertFalse(announced.startsWith("0.0.0.0"), announced);
    assertTrue(announced.endsWith(":9464"), announced);
    // a file of this machine whose process is gone (killed outright: no hook ran)
    Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version").start();
    gone.waitFor();
    Path stale = Files.writeString(dir.resolve(PrometheusTarget.hostName() + "-" + gone.pid() + ".json"), "[]");
    Path other = Files.writeString(dir.resolve("elsewhere-1.json"), "[]");
    try (MetricsServer s = MetricsServer.start(registry, new MetricsConfig("127.0.0.1", 0), dir, Map.of("role", "run"))) {
      assertFalse(Files.exists(stale), "a dead process's file is removed");
      assertTrue(Files.exists(other), "another machine's file is left alone");
    }
  }
}
