package org.invariance.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.plugin.Headlines;
import org.invariance.report.Report;
import org.invariance.results.Claim;
import org.invariance.results.ClaimsCsv;
import org.invariance.results.Provenance;
import org.invariance.results.ResultTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flat {@code metrics} block of {@code provenance.json}: the few numbers a reviewer looks at
 * first, each under one key, read back from what the run wrote (so they are the files' numbers):
 * {@code loss.<model>} (the last loss of its training curve), {@code accuracy.<probe>.<model>.<dataset>}
 * (a probe's headline accuracy of a model on a dataset) and {@code claims.held} / {@code claims.judged}
 * (rows of {@code report/claims.csv}; {@code claims.study.*} the study's own). Keys come in the run's
 * order, so the same YAML and seed give the same block.
 */
final class RunHeadlines {
  /** Runner's logger: run.log names it, and these lines are the run's. */
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
  private static final String SECTION = "metrics";
  /** A probe CSV's columns that are not its own keys. */
  private static final List<String> NOT_KEYS = List.of("run_id", "seed", "model", "dataset", "metric", "value");

  private RunHeadlines() {}

  /**
   * The accuracies and claims, once the report is drawn; a file they cannot read (the report has
   * already failed the run for it) leaves them out, said in {@code metrics_error}, and fails nothing more.
   */
  static void afterReport(Provenance prov, Path outDir, Map<String, Headlines> headlines) {
    try {
      accuracies(prov, outDir, headlines);
      claims(prov, outDir);
    } catch (IOException | RuntimeException e) {
      LOG.warn("provenance metrics: {}", e.getMessage());
      prov.root().put("metrics_error", String.valueOf(e.getMessage()));
    }
  }

  /** {@code loss.<model>}: the last loss each model's curve recorded (a model without one has no key). */
  static void losses(Provenance prov, Map<String, List<TrainingCurve.Point>> curves) throws IOException {
    ObjectNode m = prov.section(SECTION);
    curves.forEach((model, points) -> {
      double last = Double.NaN;
      for (TrainingCurve.Point p : points) if (p.metric().equals("loss")) last = p.value();
      if (Double.isFinite(last)) m.put("loss." + model, last);
    });
    prov.write();
  }

  /**
   * {@code accuracy.<probe>.<model>.<dataset>}: of every probe that finished, among its headline rows
   * ({@link Headlines#headlines}, all rows without one) of metric {@code accuracy}, the one per model
   * and dataset with the fewest key cells filled (the whole dataset's, not a digit's or a trial's);
   * none where several tie (a number per type or fraction is no one headline).
   */
  static void accuracies(Provenance prov, Path outDir, Map<String, Headlines> headlines) throws IOException {
    ObjectNode m = prov.section(SECTION);
    for (JsonNode probe : prov.root().path("probes")) {
      if (!probe.path("status").asText().equals("finished")) continue;
      String name = probe.path("name").asText();
      Path csv = outDir.resolve(name + ".csv");
      if (!Files.isRegularFile(csv)) continue;
      Headlines h = headlines.getOrDefault(probe.path("plugin").asText(), t -> t);
      ResultTable rows = h.headlines(ResultTable.read(csv)).metric("accuracy");
      List<String> keys = new ArrayList<>(rows.columns());
      keys.removeAll(NOT_KEYS);
      // per model and dataset: the least specific rows
      Map<List<String>, List<ResultTable.Row>> fewest = new LinkedHashMap<>();
      Map<List<String>, Integer> filled = new LinkedHashMap<>();
      for (ResultTable.Row r : rows.rows()) {
        List<String> at = List.of(r.model(), r.dataset());
        int n = (int) keys.stream().filter(k -> !r.get(k).isEmpty()).count();
        Integer best = filled.get(at);
        if (best == null || n < best) {
          filled.put(at, n);
          fewest.put(at, new ArrayList<>(List.of(r)));
        } else if (n == best) {
          fewest.get(at).add(r);
        }
      }
      fewest.forEach((at, best) -> {
        double v = best.get(0).value();
        if (best.size() == 1 && Double.isFinite(v)) m.put("accuracy." + name + "." + at.get(0) + "." + at.get(1), v);
      });
    }
    prov.write();
  }

  /** {@code claims.held} of {@code claims.judged} (every row of the run's claims.csv), then the same of the study's own claims. */
  static void claims(Provenance prov, Path outDir) throws IOException {
    Path f = Report.claimsFile(outDir);
    if (!Files.isRegularFile(f)) return;
    List<Claim> claims = ClaimsCsv.read(f);
    ObjectNode m = prov.section(SECTION);
    m.put("claims.held", claims.stream().filter(Claim::held).count());
    m.put("claims.judged", claims.size());
    m.put("claims.study.held", claims.stream().filter(c -> c.isStudy() && c.held()).count());
    m.put("claims.study.judged", claims.stream().filter(Claim::isStudy).count());
    prov.write();
  }
}
