package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped Grafana files parse and every panel uses the one provisioned datasource. */
class GrafanaProvisioningTest {
  static final Path GRAFANA = Path.of("..", "grafana");
  static final Path DASHBOARD = GRAFANA.resolve("dashboards/invariance.json");

  /** A panel's query: its PromQL and whether Grafana evaluates it at one instant (stat panels) or over the range. */
  record PanelQuery(String panel, String expr, boolean instant) {}

  /** Every query of the dashboard, in panel order. */
  static List<PanelQuery> panelQueries() throws Exception {
    List<PanelQuery> out = new ArrayList<>();
    for (JsonNode p : new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels")) {
      for (JsonNode t : p.path("targets")) out.add(new PanelQuery(p.path("title").asText(), t.path("expr").asText(), t.path("instant").asBoolean(false)));
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
    Set<String> used = new HashSet<>();
    int targets = 0;
    for (JsonNode p : dash.path("panels")) {
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
        "invariance_probe_steps_done", "invariance_run_state", "vertx_eventbus_sent_total", "jvm_memory_used_bytes")) {
      assertTrue(all.contains(metric), "a panel reads " + metric);
    }

    JsonNode provider = new YAMLMapper().readTree(GRAFANA.resolve("provisioning/dashboards/invariance.yaml").toFile());
    assertEquals("file", provider.path("providers").get(0).path("type").asText());
    String path = provider.path("providers").get(0).path("options").path("path").asText();
    String compose = java.nio.file.Files.readString(Path.of("..", "docker", "compose.yaml"));
    assertTrue(compose.contains("../grafana/dashboards:" + path), "compose mounts the dashboards where the provider reads them");
    assertTrue(compose.contains("../grafana/provisioning:/etc/grafana/provisioning"));
  }
}
