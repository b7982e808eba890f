package org.invariance.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.config.ConfigMapper;
import org.invariance.data.ImageShape;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ReportContext} one probe's figures get, built from provenance: its tables, its config
 * as written and as the run resolved it, its models and its setting. Each probe gets its own, and
 * what it is handed of provenance is a copy, so no probe's figures can change what the report (or
 * another probe) reads.
 */
record FiguresContext(String probeName, ResultTable results, ResultTable summaries, JsonNode section, JsonNode resolved, List<String> models,
    Setting setting, List<Figure> figures, List<Claim> claims) implements ReportContext {
  // logged as the report, as it always was
  private static final Logger LOG = LoggerFactory.getLogger(Report.class);

  /** Probe {@code probe} of provenance {@code prov}, with its tables; figures and claims are added to the lists given. */
  static FiguresContext of(JsonNode prov, JsonNode probe, ResultTable results, ResultTable summaries, List<Figure> figures, List<Claim> claims) {
    String name = probe.path("name").asText();
    JsonNode section = prov.path("config").path("probes").path(name);
    // the config as the run resolved it (the defaults its transform decides filled in); an older run has only its YAML
    JsonNode resolved = prov.path("config_with_defaults").path("probes").path(name).path("config");
    List<String> models = models(probe);
    return new FiguresContext(name, results, summaries, section, resolved.isObject() ? resolved : section, models, setting(prov, probe, models), figures, claims);
  }

  /**
   * The probe's section as the experiment wrote it: a copy, so changing it changes nothing the
   * report reads (neither the next call's answer, nor the page's configuration, nor another probe's).
   */
  @Override
  public JsonNode config() {
    return section.deepCopy();
  }

  /** Bound as the run bound it: the experiment binder's mapper, from the config with its defaults resolved. */
  @Override
  public <C> C config(Class<C> type) {
    return ReportContext.bindSection(resolved, type, ConfigMapper.MAPPER);
  }

  @Override
  public void figure(Figure figure) {
    figures.add(figure);
  }

  @Override
  public void claim(Claim claim) {
    claims.add(claim);
  }

  /** The models a probe measured, in provenance's order. */
  static List<String> models(JsonNode probe) {
    List<String> models = new ArrayList<>();
    probe.path("models").forEach(m -> models.add(m.asText()));
    return models;
  }

  /** A probe's setting, from provenance: the data's name, its transform and the plugins behind its models. */
  static Setting setting(JsonNode prov, JsonNode probe, List<String> models) {
    String transform = probe.path("transform").asText("");
    String transformPlugin = prov.path("config").path("transforms").path(transform).path("plugin").asText(transform);
    Map<String, String> plugins = new LinkedHashMap<>();
    for (String m : models) plugins.put(m, prov.path("models").path(m).path("plugin").asText("?"));
    List<String> classes = new ArrayList<>();
    prov.path("data").path("classes").forEach(c -> classes.add(c.asText()));
    return new Setting(prov.path("data").path("name").asText("?"), transform, transformPlugin, plugins, classes, imageShape(prov.path("data")));
  }

  /** The data's image shape as provenance records it ({@code image_shape}, or a grey {@code image_size} of an older run); null when absent. */
  static ImageShape imageShape(JsonNode data) {
    try {
      if (data.path("image_shape").isTextual()) return ImageShape.parse(data.path("image_shape").asText(), "image_shape");
      if (data.path("image_size").isTextual()) return ImageShape.parse(data.path("image_size").asText(), "image_size");
    } catch (IllegalArgumentException e) {
      LOG.warn("report: provenance's image shape is unreadable ({}); figures of images assume square grey ones", e.getMessage());
    }
    return null;
  }
}
