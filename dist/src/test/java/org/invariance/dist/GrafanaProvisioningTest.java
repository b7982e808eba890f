package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invariance.metrics.Progress;
import org.invariance.metrics.RunMetrics;
import org.junit.jupiter.api.Test;

/**
 * The shipped Grafana files parse, every panel uses the one provisioned datasource, the template
 * variables select experiment, run, sweep point and worker, and every query names series that
 * {@link RunMetrics} really exports, with labels those series carry.
 */
class GrafanaProvisioningTest {
  static final Path GRAFANA = Path.of("..", "grafana");
  static final Path DASHBOARD = GRAFANA.resolve("dashboards/invariance.json");
  /**
   * How a panel says that a plain single run (no sweep, no cluster) feeds it nothing: its
   * description begins so. Grafana shows the description as the panel's tooltip.
   */
  static final Pattern NOT_IN_A_PLAIN_RUN = Pattern.compile("^(Sweeps and clusters|Clusters) only: ");
  /** The variables every per-run query filters by, each multi-select with "All" as the regex {@code .*}. */
  static final List<String> VARIABLES = List.of("experiment", "run", "point", "worker");
  private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
  private static final Pattern MATCHER = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(,|$)");
  /** Series names a query may read: the framework's, Micrometer's JVM and process binders', Vert.x's. */
  private static final Pattern METRIC_NAME = Pattern.compile("\\b(?:invariance|jvm|process|system|vertx)_[a-zA-Z0-9_]+\\b");

  /**
   * A panel's query: its PromQL, whether Grafana evaluates it at one instant (stat panels) or over
   * the range, and whether a plain single run feeds it (false for the sweep and cluster panels).
   */
  record PanelQuery(String panel, String expr, boolean instant, boolean plainRun) {}

  /** The dashboard's panels in order, those inside a collapsed row included; rows themselves are left out. */
  static List<JsonNode> panels() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels")) {
      if (p.path("type").asText().equals("row")) {
        p.path("panels").forEach(out::add);
      } else {
        out.add(p);
      }
    }
    return out;
  }

  static boolean plainRunFeeds(JsonNode panel) {
    return !NOT_IN_A_PLAIN_RUN.matcher(panel.path("description").asText()).find();
  }

  /** Every query of the dashboard, in panel order. */
  static List<PanelQuery> panelQueries() throws Exception {
    List<PanelQuery> out = new ArrayList<>();
    for (JsonNode p : panels()) {
      for (JsonNode t : p.path("targets")) {
        out.add(new PanelQuery(p.path("title").asText(), t.path("expr").asText(), t.path("instant").asBoolean(false), plainRunFeeds(p)));
      }
    }
    return out;
  }

  @Test
  void everyPanelAndVariableUsesTheProvisionedDatasource() throws Exception {
    JsonNode ds = new YAMLMapper().readTree(GRAFANA.resolve("provisioning/datasources/prometheus.yaml").toFile());
    assertEquals(1, ds.path("apiVersion").asInt());
    assertEquals(1, ds.path("datasources").size(), "one datasource");
    JsonNode source = ds.path("datasources").get(0);
    assertEquals("prometheus", source.path("type").asText());
    String uid = source.path("uid").asText();
    assertFalse(uid.isEmpty());

    JsonNode dash = new ObjectMapper().readTree(DASHBOARD.toFile());
    assertFalse(dash.path("uid").asText().isEmpty());
    for (JsonNode r : dash.path("panels")) {
      if (r.path("type").asText().equals("row")) {
        assertFalse(r.path("title").asText().isEmpty(), "a row has a title");
        assertTrue(r.path("targets").isMissingNode(), "row " + r.path("title") + " has no query of its own");
      }
    }
    Set<String> used = new HashSet<>();
    int targets = 0;
    for (JsonNode p : panels()) {
      assertFalse(p.path("title").asText().isEmpty());
      used.add(p.path("datasource").path("type").asText() + "/" + p.path("datasource").path("uid").asText());
      assertTrue(p.path("targets").size() > 0, "panel " + p.path("title") + " has a query");
      for (JsonNode t : p.path("targets")) {
        used.add(t.path("datasource").path("type").asText() + "/" + t.path("datasource").path("uid").asText());
        assertFalse(t.path("expr").asText().isBlank());
        targets++;
      }
    }
    for (JsonNode v : dash.path("templating").path("list")) {
      used.add(v.path("datasource").path("type").asText() + "/" + v.path("datasource").path("uid").asText());
    }
    assertEquals(Set.of("prometheus/" + uid), used, "only the provisioned datasource, by uid");
    assertTrue(targets >= 12);

    // the panels the issue asks for, by the metrics they read
    String all = String.join("\n", panelQueries().stream().map(PanelQuery::expr).toList());
    for (String metric : List.of("invariance_training_loss", "invariance_training_learning_rate", "invariance_training_samples_total",
        "invariance_probe_steps_done", "invariance_run_state", "vertx_eventbus_sent_total", "jvm_memory_used_bytes",
        // the per-worker view
        "invariance_units_total", "invariance_unit_duration_seconds_sum", "invariance_units_open", "invariance_units_planned",
        "invariance_cluster_workers", "invariance_artifact_transfer_bytes_total", "process_resident_memory_bytes", "process_cpu_usage")) {
      assertTrue(all.contains(metric), "a panel reads " + metric);
    }

    JsonNode provider = new YAMLMapper().readTree(GRAFANA.resolve("provisioning/dashboards/invariance.yaml").toFile());
    assertEquals("file", provider.path("providers").get(0).path("type").asText());
    String path = provider.path("providers").get(0).path("options").path("path").asText();
    String compose = java.nio.file.Files.readString(Path.of("..", "docker", "compose.yaml"));
    assertTrue(compose.contains("../grafana/dashboards:" + path), "compose mounts the dashboards where the provider reads them");
    assertTrue(compose.contains("../grafana/provisioning:/etc/grafana/provisioning"));
  }

  @Test
  void variablesSelectExperimentRunPointAndWorker() throws Exception {
    JsonNode dash = new ObjectMapper().readTree(DASHBOARD.toFile());
    Map<String, JsonNode> vars = new LinkedHashMap<>();
    for (JsonNode v : dash.path("templating").path("list")) vars.put(v.path("name").asText(), v);
    assertEquals(VARIABLES, List.copyOf(vars.keySet()), "the variables, each after those it depends on");
    for (String name : VARIABLES) {
      JsonNode v = vars.get(name);
      assertEquals("query", v.path("type").asText(), name);
      assertTrue(v.path("multi").asBoolean(), name + " is multi-select");
      assertTrue(v.path("includeAll").asBoolean(), name + " offers All");
      assertEquals(".*", v.path("allValue").asText(), name + ": All matches any value, and series without the label (a worker's JVM)");
      String q = v.path("query").path("query").asText();
      assertTrue(q.matches("label_values\\(invariance_run_state(\\{.*})?, " + name + "\\)"), name + ": " + q);
      assertEquals(q, v.path("definition").asText(), name);
      // a variable may refer only to those listed before it
      for (String later : VARIABLES.subList(VARIABLES.indexOf(name), VARIABLES.size())) {
        assertFalse(q.contains("$" + later), name + " refers to $" + later + ": " + q);
      }
    }
    // every variable a query uses is defined (or one of Grafana's own)
    Pattern ref = Pattern.compile("\\$(\\w+)");
    for (PanelQuery q : panelQueries()) {
      Matcher m = ref.matcher(q.expr());
      while (m.find()) {
        String name = m.group(1);
        assertTrue(vars.containsKey(name) || Set.of("__rate_interval", "__range", "__interval").contains(name), q.panel() + ": unknown $" + name);
      }
    }
  }

  /**
   * Every series a query names is one {@link RunMetrics} exports (in Prometheus form, taken from a
   * real scrape of meters driven through its whole API), every label matcher names a label those
   * series carry, and every query of a per-run series filters it by the variables.
   */
  @Test
  void queriesNameOnlySeriesRunMetricsExportsWithTheirLabels() throws Exception {
    Map<String, Set<String>> plain = exported(false);
    Map<String, Set<String>> all = exported(true);
    Set<String> sweepOrClusterOnly = new TreeSet<>(all.keySet());
    sweepOrClusterOnly.removeAll(plain.keySet());
    assertTrue(sweepOrClusterOnly.contains("invariance_units_total"), "units are counted only by sweeps and clusters: " + sweepOrClusterOnly);

    List<String> problems = new ArrayList<>();
    Set<String> sweepOrClusterPanels = new TreeSet<>();
    for (PanelQuery q : panelQueries()) {
      Set<String> named = new LinkedHashSet<>();
      Matcher n = METRIC_NAME.matcher(q.expr());
      while (n.find()) named.add(n.group());
      boolean readsSweepOrCluster = false;
      for (String name : named) {
        if (name.startsWith("vertx_")) {
          if (!q.plainRun()) problems.add(q.panel() + ": a sweep or cluster panel reads " + name + ", which RunMetrics does not define");
          continue; // Vert.x's own meters: LiveMetricsTest sees them in a real run
        }
        if (!all.containsKey(name)) problems.add(q.panel() + ": " + name + " is not a series RunMetrics exports (" + all.keySet() + ")");
        readsSweepOrCluster |= sweepOrClusterOnly.contains(name);
      }
      if (!q.plainRun()) sweepOrClusterPanels.add(q.panel());
      if (q.plainRun() && readsSweepOrCluster) {
        problems.add(q.panel() + ": reads a series only sweeps and clusters export; say so at the start of its description (" + NOT_IN_A_PLAIN_RUN.pattern() + ")");
      }
      if (!q.plainRun() && !readsSweepOrCluster) {
        problems.add(q.panel() + ": marked as sweep or cluster only, but a plain run exports everything it reads: " + q.expr());
      }

      Matcher s = SELECTOR.matcher(q.expr());
      while (s.find()) {
        String name = s.group(1);
        Map<String, String> matchers = matchers(s.group(2), q, problems);
        if (!all.containsKey(name)) continue;
        Set<String> labels = new TreeSet<>(all.get(name));
        labels.addAll(Set.of("job", "instance")); // Prometheus's own
        for (String label : matchers.keySet()) {
          if (!labels.contains(label.split(" ")[0])) problems.add(q.panel() + ": " + name + " has no label " + label.split(" ")[0] + " (it has " + labels + ")");
        }
        // a per-run series is filtered by the run and point the viewer chose
        Set<String> filters = new TreeSet<>();
        if (labels.contains("run")) filters.addAll(List.of("experiment", "run"));
        if (labels.contains("point")) filters.add("point");
        for (String f : filters) {
          if (!("$" + f).equals(matchers.get(f + " =~"))) problems.add(q.panel() + ": " + name + " is not filtered by " + f + "=~\"$" + f + "\": " + q.expr());
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
    assertFalse(sweepOrClusterPanels.isEmpty(), "the per-worker panels are marked as sweep or cluster only");
    System.out.println("sweep and cluster panels: " + sweepOrClusterPanels + "; series only they read: " + sweepOrClusterOnly);
  }

  /** A selector's matchers as "label op" to value; a malformed one is a problem. */
  private static Map<String, String> matchers(String inside, PanelQuery q, List<String> problems) {
    Map<String, String> out = new TreeMap<>();
    Matcher m = MATCHER.matcher(inside);
    int at = 0;
    while (at < inside.length() && m.find(at) && m.start() == at) {
      out.put(m.group(1) + " " + m.group(2), m.group(3));
      at = m.end();
    }
    if (at < inside.strip().length() || (!inside.isBlank() && at == 0)) problems.add(q.panel() + ": cannot read the matchers {" + inside + "}");
    return out;
  }

  /**
   * The series a registry exports once RunMetrics has been driven through its API the way runs
   * drive it, by name with the labels each carries: a plain run's meters, and with {@code
   * sweepsAndClusters} also those only a sweep, a coordinator or a worker records.
   */
  static Map<String, Set<String>> exported(boolean sweepsAndClusters) {
    Map<String, Set<String>> out = new TreeMap<>();
    // a single JVM (a local run, or a coordinator): Main's common tags
    PrometheusMeterRegistry local = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    local.config().commonTags("experiment", "e", "worker", "local");
    RunMetrics run = new RunMetrics(local, "e", null).forRun("e", "r").bindJvmAndProcess();
    try {
      drive(sweepsAndClusters ? run.forPoint("0-seed=1") : run);
      if (sweepsAndClusters) {
        run.unit("point", "local", "finished", 1.5);
        run.unit("train", "w1", "reoffered", 0);
        run.clusterState(4, 1, 2);
        run.artifactBytes("received", 1024);
      }
      scrape(local, out);
    } finally {
      run.close();
      local.close();
    }
    if (!sweepsAndClusters) return out;
    // a worker: Main's worker command, then a unit of some coordinator's run
    PrometheusMeterRegistry worker = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    worker.config().commonTags("worker", "w1");
    RunMetrics w = new RunMetrics(worker, "worker", null).bindJvmAndProcess();
    try {
      drive(w.forRun("e", "r").forPoint("0-seed=1"));
      w.unit("probes", "w1", "finished", 2.5);
      w.artifactBytes("received", 2048);
      scrape(worker, out);
    } finally {
      w.close();
      worker.close();
    }
    return out;
  }

  /** Every meter a run's training, probes and bus record. */
  private static void drive(RunMetrics m) throws RuntimeException {
    m.state(RunMetrics.State.TRAINING);
    Progress t = m.training("AER-encoder", "pretraining", 10);
    t.done(5);
    t.samples(100);
    t.value("loss", 1.5);
    t.value("lr", 0.01);
    t.close();
    Progress p = m.probe("accuracy", "accuracy", 10);
    p.done(3);
    p.close();
    try {
      m.probeRunning("accuracy").close();
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
    m.rowsWritten("accuracy", 7);
    m.busPayload("invariance.dataset.requested", "request", 4096);
    m.state(RunMetrics.State.FINISHED);
  }

  /** Reads a scrape: series name to the label names its samples carry. */
  private static void scrape(PrometheusMeterRegistry registry, Map<String, Set<String>> out) {
    Pattern sample = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+.*$");
    Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");
    for (String line : registry.scrape().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      Matcher m = sample.matcher(line);
      assertTrue(m.matches(), "a sample line: " + line);
      Set<String> labels = out.computeIfAbsent(m.group(1), k -> new TreeSet<>());
      if (m.group(2) != null) {
        Matcher l = label.matcher(m.group(2));
        while (l.find()) labels.add(l.group(1));
      }
    }
  }
}
