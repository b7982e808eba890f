package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
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
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invariance.metrics.Progress;
import org.invariance.metrics.RunMetrics;
import org.junit.jupiter.api.Test;

/**
 * The shipped Grafana files parse, every panel and query reads the datasource the variable {@code
 * datasource} chose (the provisioned one by default, any Prometheus where the dashboard is
 * imported), the template variables select experiment, run, sweep point and worker, every query
 * names series that {@link RunMetrics} really exports with labels those series carry, every legend
 * tells runs, points and JVMs apart, and the run-state panel shows each state as its word in its
 * colour; and the panels read at a glance: every panel has its unit, counters are drawn as rates or
 * increases, losses on a log axis, CKA from 0 to 1, one crosshair across panels, legends as tables
 * of last values.
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
  /** The datasource variable; every panel, query and query variable names its datasource by it. */
  static final String DATASOURCE_VARIABLE = "datasource";
  /** The labels of Vert.x's event bus meters (not RunMetrics's, so not in {@link #exported}): its own and Main's common tags. */
  static final Set<String> VERTX_LABELS = Set.of("experiment", "worker", "address", "side");
  /** The colour each run state shows in: finished green, failed red, interrupted orange, the rest (still going) blue. */
  static final Map<String, String> STATE_COLOURS = Map.of("preparing", "blue", "training", "blue", "probing", "blue", "reporting", "blue",
      "finished", "green", "failed", "red", "interrupted", "orange");
  private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");
  /** An aggregation, with its {@code by} or {@code without} clause if any. */
  private static final Pattern AGGREGATION = Pattern.compile("\\b(?:sum|min|max|avg|count|group|stddev|stdvar)\\s*(?:(by|without)\\s*\\(([^)]*)\\))?\\s*\\(");
  /** A run-state query's code for a state: {@code state="failed"} * 6. */
  private static final Pattern STATE_CODE = Pattern.compile("state=\"([a-z]+)\"}\\s*\\*\\s*(\\d+)");
  private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
  private static final Pattern MATCHER = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(,|$)");
  /** A counter read as Grafana should draw it: the selector (with a range) directly inside rate or increase. */
  private static final String IN_RATE = "\\b(?:rate|irate|increase)\\(\\s*%s\\s*(?:\\{[^}]*})?\\s*\\[[^\\]]+]\\s*\\)";
  /** Units per second Grafana knows, besides a custom "suffix:.../s". */
  private static final Set<String> PER_SECOND = Set.of("Bps", "bps", "ops", "reqps", "rps", "wps", "iops", "cps");
  /** Series names a query may read: the framework's, Micrometer's JVM and process binders', Vert.x's. */
  private static final Pattern METRIC_NAME = Pattern.compile("\\b(?:invariance|jvm|process|system|vertx)_[a-zA-Z0-9_]+\\b");

  /**
   * A panel's query: its PromQL, whether Grafana evaluates it at one instant (stat panels) or over
   * the range, and whether a plain single run feeds it (false for the sweep and cluster panels).
   */
  record PanelQuery(String panel, String expr, boolean instant, boolean plainRun, String legend) {}

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
        out.add(new PanelQuery(p.path("title").asText(), t.path("expr").asText(), t.path("instant").asBoolean(false), plainRunFeeds(p),
            t.path("legendFormat").asText()));
      }
    }
    return out;
  }

  /**
   * No panel, query or query variable names a datasource by a fixed uid (another Grafana, where the
   * dashboard is imported, has no such uid and would show no data): each names the datasource
   * variable, a Prometheus chosen from those the Grafana has, its default unless chosen, and the
   * provisioned datasource is the default.
   */
  @Test
  void everyPanelAndQueryUsesTheDatasourceVariable() throws Exception {
    JsonNode ds = new YAMLMapper().readTree(GRAFANA.resolve("provisioning/datasources/prometheus.yaml").toFile());
    assertEquals(1, ds.path("apiVersion").asInt());
    assertEquals(1, ds.path("datasources").size(), "one datasource");
    JsonNode source = ds.path("datasources").get(0);
    assertEquals("prometheus", source.path("type").asText());
    assertTrue(source.path("isDefault").asBoolean(), "the provisioned datasource is the default, so the variable chooses it");
    String uid = source.path("uid").asText();
    assertFalse(uid.isEmpty());

    JsonNode dash = new ObjectMapper().readTree(DASHBOARD.toFile());
    assertFalse(dash.path("uid").asText().isEmpty());
    // the variable: one Prometheus, first so that the query variables may use it
    JsonNode variable = dash.path("templating").path("list").path(0);
    assertEquals(DATASOURCE_VARIABLE, variable.path("name").asText(), "the first variable chooses the datasource");
    assertEquals("datasource", variable.path("type").asText());
    assertEquals("prometheus", variable.path("query").asText(), "it offers the Grafana's Prometheus datasources");
    assertFalse(variable.path("multi").asBoolean(), "one datasource at a time");
    assertFalse(variable.path("includeAll").asBoolean());
    int datasourceVariables = 0;
    for (JsonNode v : dash.path("templating").path("list")) {
      if (v.path("type").asText().equals("datasource")) datasourceVariables++;
    }
    assertEquals(1, datasourceVariables);

    // nothing names the provisioned uid, nor a placeholder only the import dialog fills in (file
    // provisioning would leave ${DS_...} as it is)
    List<String> fixed = new ArrayList<>();
    strings(dash, "", (where, text) -> {
      if (text.contains(uid)) fixed.add(where + ": " + text);
      if (text.contains("${DS_")) fixed.add(where + ": " + text);
    });
    assertTrue(fixed.isEmpty(), "the dashboard names a datasource by a fixed uid or an import placeholder: " + fixed);
    assertTrue(dash.path("__inputs").isMissingNode(), "no __inputs: provisioning does not fill them in, the variable does their work");
    // what an import needs: Prometheus and every panel type used
    Set<String> required = new TreeSet<>();
    for (JsonNode r : dash.path("__requires")) required.add(r.path("type").asText() + "/" + r.path("id").asText());
    assertTrue(required.contains("datasource/prometheus"), "__requires: " + required);
    assertTrue(required.contains("grafana/grafana"), "__requires: " + required);

    for (JsonNode r : dash.path("panels")) {
      if (r.path("type").asText().equals("row")) {
        assertFalse(r.path("title").asText().isEmpty(), "a row has a title");
        assertTrue(r.path("targets").isMissingNode(), "row " + r.path("title") + " has no query of its own");
        assertTrue(r.path("datasource").isMissingNode(), "row " + r.path("title") + " names no datasource");
      }
    }
    String byVariable = "prometheus/${" + DATASOURCE_VARIABLE + "}";
    List<String> problems = new ArrayList<>();
    int targets = 0;
    for (JsonNode p : panels()) {
      String title = p.path("title").asText();
      assertFalse(title.isEmpty());
      assertTrue(required.contains("panel/" + p.path("type").asText()), "__requires lists the panel type " + p.path("type") + ": " + required);
      if (!byVariable.equals(datasource(p))) problems.add("panel " + title + ": " + p.path("datasource"));
      assertTrue(p.path("targets").size() > 0, "panel " + title + " has a query");
      for (JsonNode t : p.path("targets")) {
        if (!byVariable.equals(datasource(t))) problems.add("panel " + title + ", query " + t.path("refId").asText() + ": " + t.path("datasource"));
        assertFalse(t.path("expr").asText().isBlank());
        targets++;
      }
    }
    for (JsonNode v : dash.path("templating").path("list")) {
      if (v.path("type").asText().equals("query") && !byVariable.equals(datasource(v))) problems.add("variable " + v.path("name").asText() + ": " + v.path("datasource"));
    }
    assertTrue(problems.isEmpty(), "not the datasource variable ${" + DATASOURCE_VARIABLE + "}:\n" + String.join("\n", problems));
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
    String compose = Files.readString(Path.of("..", "docker", "compose.yaml"));
    assertTrue(compose.contains("../grafana/dashboards:" + path + ":ro"), "compose mounts the dashboards where the provider reads them");
    assertTrue(compose.contains("../grafana/provisioning/dashboards:/etc/grafana/provisioning/dashboards:ro"));
    assertTrue(compose.contains("../grafana/provisioning/datasources:/etc/grafana/provisioning/datasources:ro"));
  }

  /** "type/uid" of a panel's, query's or variable's datasource. */
  private static String datasource(JsonNode n) {
    return n.path("datasource").path("type").asText() + "/" + n.path("datasource").path("uid").asText();
  }

  /** Calls {@code each} with every string in the tree and where it is (a JSON pointer). */
  private static void strings(JsonNode n, String where, BiConsumer<String, String> each) {
    if (n.isTextual()) {
      each.accept(where, n.asText());
    } else if (n.isObject()) {
      n.fields().forEachRemaining(e -> {
        each.accept(where + "/" + e.getKey() + " (key)", e.getKey());
        strings(e.getValue(), where + "/" + e.getKey(), each);
      });
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) strings(n.get(i), where + "/" + i, each);
    }
  }

  @Test
  void variablesSelectExperimentRunPointAndWorker() throws Exception {
    JsonNode dash = new ObjectMapper().readTree(DASHBOARD.toFile());
    Map<String, JsonNode> vars = new LinkedHashMap<>();
    for (JsonNode v : dash.path("templating").path("list")) vars.put(v.path("name").asText(), v);
    List<String> all = new ArrayList<>(List.of(DATASOURCE_VARIABLE));
    all.addAll(VARIABLES);
    assertEquals(all, List.copyOf(vars.keySet()), "the variables, each after those it depends on");
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

  /**
   * Two runs at once (or a sweep's points, or a cluster's JVMs) stay apart in every panel: a
   * query keeps the labels {@code run}, {@code point} and {@code worker} of the series it reads
   * (its aggregations group by them) and its legend shows them; a JVM's own series (memory, CPU,
   * the bus), which carry no run, show {@code instance}, the endpoint Prometheus scraped. And no
   * legend names a label its query's result does not carry (Grafana would show it empty).
   */
  @Test
  void legendsTellRunsPointsAndJvmsApart() throws Exception {
    Map<String, Set<String>> exported = exported(true);
    List<String> problems = new ArrayList<>();
    for (PanelQuery q : panelQueries()) {
      Set<String> carried = seriesLabels(q.expr(), exported);
      Set<String> result = resultLabels(q.expr(), exported);
      Set<String> shown = legendLabels(q.legend());
      for (String label : shown) {
        if (!result.contains(label)) problems.add(q.panel() + ": the legend shows {{" + label + "}}, which the result " + result + " does not carry: " + q.legend());
      }
      List<String> apart = new ArrayList<>();
      for (String label : List.of("run", "point", "worker")) {
        if (carried.contains(label)) apart.add(label);
      }
      if (!carried.contains("run")) apart.add("instance"); // a JVM's own series: one JVM per endpoint
      for (String label : apart) {
        if (!result.contains(label)) problems.add(q.panel() + ": the query's aggregation drops " + label + " (keeps " + result + "): " + q.expr());
        if (!shown.contains(label)) problems.add(q.panel() + ": the legend lacks {{" + label + "}}: \"" + q.legend() + "\"");
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /**
   * What a reviewer asked of every panel: a unit (never Grafana's "short", which says nothing);
   * every counter (a {@code _total}, or a timer's or summary's {@code _sum}/{@code _count}, except a
   * long task timer's, which falls when its task ends) drawn through rate or increase, and a panel
   * of rates in a unit per second; the loss panels on a log axis; CKA panels from 0 to 1; one
   * crosshair across all panels; time series legends as tables with the last value, sorted.
   */
  @Test
  void panelsReadAtAGlance() throws Exception {
    JsonNode dash = new ObjectMapper().readTree(DASHBOARD.toFile());
    assertEquals(1, dash.path("graphTooltip").asInt(), "a shared crosshair (graphTooltip 1)");
    Set<String> counters = counters();
    assertTrue(counters.containsAll(Set.of("invariance_training_samples_total", "invariance_probe_rows_total", "invariance_units_total",
        "invariance_artifact_transfer_bytes_total", "invariance_probe_duration_seconds_sum", "invariance_bus_payload_bytes_sum")), "counters: " + counters);
    assertFalse(counters.contains("invariance_training_phase_seconds_sum"), "a long task timer's sum falls when its task ends: no counter");
    List<String> problems = new ArrayList<>();
    int losses = 0;
    int ckas = 0;
    for (JsonNode p : panels()) {
      String title = p.path("title").asText();
      JsonNode defaults = p.path("fieldConfig").path("defaults");
      String unit = defaults.path("unit").asText();
      if (unit.isEmpty() || unit.equals("short")) problems.add(title + ": no unit of its own (\"" + unit + "\")");
      boolean rates = false;
      boolean loss = false;
      boolean cka = false;
      for (JsonNode t : p.path("targets")) {
        String expr = t.path("expr").asText();
        rates |= expr.matches("(?s).*\\b(?:rate|irate)\\(.*");
        loss |= expr.contains("invariance_training_loss");
        cka |= expr.contains("metric=\"cka\"");
        Matcher n = METRIC_NAME.matcher(expr);
        int named = 0;
        Map<String, Integer> counted = new TreeMap<>();
        while (n.find()) {
          if (counters.contains(n.group()) || n.group().endsWith("_total")) counted.merge(n.group(), 1, Integer::sum);
          named++;
        }
        for (Map.Entry<String, Integer> c : counted.entrySet()) {
          Matcher in = Pattern.compile(IN_RATE.formatted(Pattern.quote(c.getKey()))).matcher(expr);
          int wrapped = 0;
          while (in.find()) wrapped++;
          if (wrapped != c.getValue()) problems.add(title + ": the counter " + c.getKey() + " drawn raw, not through rate or increase: " + expr);
        }
        assertTrue(named > 0, title + " reads a series: " + expr);
      }
      if (rates && !(PER_SECOND.contains(unit) || unit.matches("suffix:.+/s"))) problems.add(title + ": rates per second in the unit \"" + unit + "\"");
      JsonNode scale = defaults.path("custom").path("scaleDistribution");
      if (loss) {
        losses++;
        if (!scale.path("type").asText().equals("log") || !Set.of(2, 10).contains(scale.path("log").asInt())) problems.add(title + ": a loss not on a log-2 or log-10 axis: " + scale);
      }
      if (cka) {
        ckas++;
        if (!defaults.path("min").isNumber() || defaults.path("min").asDouble() != 0 || !defaults.path("max").isNumber() || defaults.path("max").asDouble() != 1) {
          problems.add(title + ": CKA is in [0, 1], the axis is [" + defaults.path("min") + ", " + defaults.path("max") + "]");
        }
      }
      if (unit.equals("percentunit") && p.path("type").asText().equals("bargauge") && defaults.path("max").asDouble() != 1) problems.add(title + ": a share up to 1");
      if (p.path("type").asText().equals("timeseries")) {
        JsonNode legend = p.path("options").path("legend");
        Set<String> calcs = new TreeSet<>();
        legend.path("calcs").forEach(c -> calcs.add(c.asText()));
        if (!legend.path("displayMode").asText().equals("table") || !legend.path("showLegend").asBoolean(true)) problems.add(title + ": the legend is no table: " + legend);
        if (!calcs.contains("lastNotNull") && !calcs.contains("last")) problems.add(title + ": the legend lacks the last value: " + calcs);
        // Grafana sorts by a calculation's column name: "Last *" (last not null), "Last", "Max", "Min", "Mean"
        Map<String, String> columns = Map.of("lastNotNull", "Last *", "last", "Last", "max", "Max", "min", "Min", "mean", "Mean");
        if (calcs.stream().map(columns::get).noneMatch(legend.path("sortBy").asText()::equals)) problems.add(title + ": the legend is not sorted by one of its columns: " + legend);
        if (!p.path("options").path("tooltip").path("mode").asText().equals("multi")) problems.add(title + ": the tooltip shows one series, not all at the crosshair");
      }
    }
    assertTrue(losses >= 2 && ckas >= 1, "loss panels " + losses + ", CKA panels " + ckas);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /**
   * Series that only grow (until their process restarts), in Prometheus form: counters, and the
   * {@code _sum} and {@code _count} of timers and summaries, but not of long task timers.
   */
  static Set<String> counters() {
    Set<String> out = new TreeSet<>();
    for (boolean sweeps : List.of(false, true)) {
      exported(sweeps, out);
    }
    return out;
  }

  /**
   * The run-state panel shows each run's state as its word in its colour: the query turns the
   * state label into a number (one per {@link RunMetrics.State}), and a value mapping turns each
   * number into the state's label and colour: finished green, failed red, interrupted orange,
   * those still going blue. No threshold colours a state (a failed run once showed green).
   */
  @Test
  void runStateShowsEachStateAsItsWordInItsColour() throws Exception {
    JsonNode panel = runStatePanel();
    assertEquals("stat", panel.path("type").asText());
    assertEquals("background", panel.path("options").path("colorMode").asText(), "the tile takes the state's colour");
    assertTrue(Set.of("value", "value_and_name").contains(panel.path("options").path("textMode").asText()), "the tile shows the state's word");
    assertEquals(1, panel.path("targets").size());
    String expr = panel.path("targets").get(0).path("expr").asText();
    assertTrue(expr.matches("(?s)^max without \\(state\\) \\(.*\\)$"), "one series per run, point and JVM, the state as its number: " + expr);

    Map<String, String> codes = new TreeMap<>(); // state label -> number
    Matcher m = STATE_CODE.matcher(expr);
    while (m.find()) assertNull(codes.put(m.group(1), m.group(2)), "state " + m.group(1) + " once: " + expr);
    Set<String> labels = new TreeSet<>();
    for (RunMetrics.State st : RunMetrics.State.values()) labels.add(st.label());
    assertEquals(labels, codes.keySet(), "every state, and only those, has its number");
    assertEquals(codes.size(), new HashSet<>(codes.values()).size(), "numbers apart: " + codes);
    assertFalse(codes.containsValue("0"), "0 is no state (a scrape between two states)");
    assertEquals(labels, STATE_COLOURS.keySet());

    Map<String, JsonNode> mapped = stateMappings(panel);
    assertEquals(new TreeSet<>(codes.values()), new TreeSet<>(mapped.keySet()), "a mapping for each number, and no other");
    for (Map.Entry<String, String> e : codes.entrySet()) {
      JsonNode to = mapped.get(e.getValue());
      assertEquals(e.getKey(), to.path("text").asText(), "number " + e.getValue() + " shows as its state's word");
      assertEquals(STATE_COLOURS.get(e.getKey()), to.path("color").asText(), e.getKey() + "'s colour");
    }
    assertEquals("red", mapped.get(codes.get("failed")).path("color").asText(), "a failed run shows red");
    JsonNode steps = panel.path("fieldConfig").path("defaults").path("thresholds").path("steps");
    assertTrue(steps.size() <= 1, "only a base colour, for a value no mapping knows: " + steps);
    for (JsonNode step : steps) {
      assertFalse(STATE_COLOURS.containsValue(step.path("color").asText()), "the base colour is no state's: " + step);
    }
  }

  /** The panel that shows the runs' states (the one that reads invariance_run_state). */
  static JsonNode runStatePanel() throws Exception {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode p : panels()) {
      for (JsonNode t : p.path("targets")) {
        if (t.path("expr").asText().contains("invariance_run_state")) {
          found.add(p);
          break;
        }
      }
    }
    assertEquals(1, found.size(), "one panel reads invariance_run_state");
    return found.get(0);
  }

  /** The run-state panel's value mappings: the number Prometheus returns (as text) to the state's word. */
  static Map<String, String> stateWords() throws Exception {
    Map<String, String> out = new TreeMap<>();
    stateMappings(runStatePanel()).forEach((number, to) -> out.put(number, to.path("text").asText()));
    return out;
  }

  private static Map<String, JsonNode> stateMappings(JsonNode panel) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode mapping : panel.path("fieldConfig").path("defaults").path("mappings")) {
      assertEquals("value", mapping.path("type").asText(), "value mappings: " + mapping);
      mapping.path("options").fields().forEachRemaining(e -> assertNull(out.put(e.getKey(), e.getValue()), "number " + e.getKey() + " mapped once"));
    }
    return out;
  }

  /** The labels a legend format shows ({@code {{run}}} and so on). */
  static Set<String> legendLabels(String legend) {
    Set<String> out = new TreeSet<>();
    Matcher m = LEGEND_LABEL.matcher(legend);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  /** The labels all the series a query reads carry, with Prometheus's {@code job} and {@code instance}. */
  private static Set<String> seriesLabels(String expr, Map<String, Set<String>> exported) {
    Set<String> out = null;
    Matcher n = METRIC_NAME.matcher(expr);
    while (n.find()) {
      Set<String> labels = n.group().startsWith("vertx_") ? VERTX_LABELS : exported.get(n.group());
      if (labels == null) continue; // queriesNameOnlySeriesRunMetricsExportsWithTheirLabels says so
      if (out == null) {
        out = new TreeSet<>(labels);
      } else {
        out.retainAll(labels);
      }
    }
    if (out == null) out = new TreeSet<>();
    out.addAll(Set.of("job", "instance"));
    return out;
  }

  /** The labels a query's result carries: those of its series, less what its aggregations drop. */
  static Set<String> resultLabels(String expr, Map<String, Set<String>> exported) {
    Set<String> out = seriesLabels(expr, exported);
    Matcher a = AGGREGATION.matcher(expr);
    while (a.find()) {
      if (a.group(1) == null) {
        out.clear();
        continue;
      }
      Set<String> listed = new TreeSet<>();
      for (String l : a.group(2).split(",")) if (!l.isBlank()) listed.add(l.strip());
      if (a.group(1).equals("by")) {
        out.retainAll(listed);
      } else {
        out.removeAll(listed);
      }
    }
    return out;
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
    return exported(sweepsAndClusters, new TreeSet<>());
  }

  /** {@link #exported(boolean)}, adding the counters among them to {@code counters}. */
  private static Map<String, Set<String>> exported(boolean sweepsAndClusters, Set<String> counters) {
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
      scrape(local, out, counters);
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
      scrape(worker, out, counters);
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
    m.watched("AER-encoder", "pretraining", "cka", 2, "30", 0.9);
    m.watched("AER-encoder", "pretraining", "normalized_distance", 2, "30", 0.1);
    m.watchTime("AER-encoder", 1_000_000);
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
  private static void scrape(PrometheusMeterRegistry registry, Map<String, Set<String>> out, Set<String> counters) {
    Pattern sample = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+.*$");
    Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");
    Pattern type = Pattern.compile("^# TYPE (\\S+) (counter|summary|histogram)$");
    // a long task timer is exported as a summary, yet its sum and count fall when a task ends
    Set<String> longTasks = new TreeSet<>();
    for (Meter m : registry.getMeters()) {
      if (m instanceof LongTaskTimer) longTasks.add(m.getId().getName().replace('.', '_') + "_seconds");
    }
    for (String line : registry.scrape().split("\n")) {
      Matcher t = type.matcher(line);
      if (t.matches() && !longTasks.contains(t.group(1))) {
        if (t.group(2).equals("counter")) {
          counters.add(t.group(1).endsWith("_total") ? t.group(1) : t.group(1) + "_total");
        } else {
          counters.addAll(List.of(t.group(1) + "_sum", t.group(1) + "_count", t.group(1) + "_bucket"));
        }
      }
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
