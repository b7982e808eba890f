package org.invariance.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invariance.files.AtomicWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This JVM's scrape endpoint announced to Prometheus by file-based service discovery
 * ({@code file_sd_configs}): {@code <hostname>-<pid>.json} in the directory that {@value #ENV}
 * names, holding {@code [{"targets": ["host:port"], "labels": {...}}]} with the port really bound
 * (a taken default falls back to a free one that no static target knows). Written atomically (the
 * temporary {@code .json.tmp} matches no {@code *.json} glob), removed on {@link #close()} and by
 * a shutdown hook (SIGTERM, Ctrl-C), so Prometheus drops the target when the process ends.
 */
public final class PrometheusTarget implements AutoCloseable {
  /** The directory Prometheus watches; unset or empty: nothing is written. */
  public static final String ENV = "INVARIANCE_PROMETHEUS_TARGETS";
  private static final Logger LOG = LoggerFactory.getLogger(PrometheusTarget.class);
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private final Path file;
  private final Thread hook;

  private PrometheusTarget(Path file, Thread hook) {
    this.file = file;
    this.hook = hook;
  }

  /** The directory the environment names, or null when discovery is off. */
  public static Path directory(Map<String, String> env) {
    String v = env.get(ENV);
    return v == null || v.isBlank() ? null : Path.of(v.strip());
  }

  /**
   * Announces {@code bound} in {@code dir}. Metrics never stop a run: a directory that cannot be
   * written is a warning and null.
   */
  static PrometheusTarget announce(Path dir, InetSocketAddress bound, Map<String, String> labels) {
    for (String name : labels.keySet()) {
      if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__")) throw new IllegalArgumentException("not a Prometheus label name: " + name);
    }
    String host = hostName();
    Path file = dir.resolve(host + "-" + ProcessHandle.current().pid() + ".json");
    ObjectMapper json = new ObjectMapper();
    ArrayNode list = json.createArrayNode();
    ObjectNode group = list.addObject();
    group.putArray("targets").add(address(bound));
    ObjectNode l = group.putObject("labels");
    new TreeMap<>(labels).forEach(l::put);
    try {
      Files.createDirectories(dir);
      removeStale(dir, host);
      AtomicWrite.text(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(list) + "\n");
    } catch (IOException | RuntimeException e) {
      LOG.warn("metrics: cannot announce the endpoint to Prometheus in {} ({}: {}); {} is not scraped unless configured by hand", dir, e.getClass().getSimpleName(), e.getMessage(), address(bound));
      return null;
    }
    // SIGTERM skips the run's finally blocks; the file must not outlive the process all the same
    Thread hook = new Thread(() -> delete(file), "prometheus-target-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    LOG.info("metrics: announced to Prometheus as {} in {}", address(bound), file);
    return new PrometheusTarget(file, hook);
  }

  public Path file() {
    return file;
  }

  /** "host:port" Prometheus can reach: the bound address, or this machine's own when bound to every interface. */
  static String address(InetSocketAddress bound) {
    InetAddress a = bound.getAddress();
    String host;
    if (a.isAnyLocalAddress()) {
      // 0.0.0.0 is no address to scrape; inside a container this is the container's address on its network
      try {
        host = InetAddress.getLocalHost().getHostAddress();
      } catch (UnknownHostException e) {
        host = "127.0.0.1";
      }
    } else {
      host = a.getHostAddress();
    }
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort();
  }

  /** This machine's name as a file name (PIDs repeat across machines sharing the directory). */
  public static String hostName() {
    String h;
    try {
      h = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      h = "localhost";
    }
    return h.replaceAll("[^A-Za-z0-9._]", "_");
  }

  /** Files this machine left behind when a process was killed outright (no hook runs on SIGKILL). */
  private static void removeStale(Path dir, String host) throws IOException {
    Pattern mine = Pattern.compile(Pattern.quote(host) + "-(\\d+)\\.json");
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, host + "-*.json")) {
      for (Path f : files) {
        Matcher m = mine.matcher(f.getFileName().toString());
        if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true)) delete(f);
      }
    }
  }

  private static void delete(Path f) {
    try {
      Files.deleteIfExists(f);
    } catch (IOException e) {
      LOG.warn("metrics: cannot remove {} ({}); Prometheus keeps a down target until it is deleted", f, e.getMessage());
    }
  }

  @Override
  public void close() {
    delete(file);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs, and deletes nothing more
    }
  }
}
