package org.invariance.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.invariance.plugin.Figures;
import org.invariance.plugin.PluginException;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.results.ResultTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls each probe's {@link Figures} (found by its plugin's name) on that probe's CSVs, one probe at
 * a time, and collects what they draw and judge. A plugin that throws is a missing-figures line; a
 * CSV that cannot be read is the whole report's {@link Report.Unreadable}. Apart from the page, so
 * plugin failures are handled in one place.
 */
final class ProbeFigures {
  // logged as the report, as it always was
  private static final Logger LOG = LoggerFactory.getLogger(Report.class);

  final List<Figure> drawn = new ArrayList<>();
  final List<Claim> claims = new ArrayList<>();
  final List<String> failures = new ArrayList<>();
  /** What to log once everything could be read: a run directory that cannot be read gets its one line alone. */
  final List<Runnable> said = new ArrayList<>();

  private final Map<String, Figures> figures;

  ProbeFigures(Map<String, Figures> figures) {
    this.figures = figures;
  }

  /** Draws the figures of every probe {@code prov} lists, in its order. */
  void drawAll(Path runDir, Path provFile, JsonNode prov) throws Report.Unreadable {
    for (JsonNode probe : prov.path("probes")) draw(runDir, provFile, prov, probe);
  }

  private void draw(Path runDir, Path provFile, JsonNode prov, JsonNode probe) throws Report.Unreadable {
    String name = probe.path("name").asText();
    String plugin = probe.path("plugin").asText();
    Figures f = figures.get(plugin);
    if (f == null) return;
    Path csv = runDir.resolve(name + ".csv");
    boolean finished = "finished".equals(probe.path("status").asText());
    if (finished && !Files.isRegularFile(csv) && probe.has("file")) {
      // the run recorded it: it was there and is gone
      throw new Report.Unreadable(csv + ": no such file, though " + provFile.getFileName() + " records it for probe " + name, null);
    }
    if (!finished || !Files.isRegularFile(csv)) {
      failures.add("probe " + name + " did not finish (" + probe.path("error").asText(probe.path("status").asText("no status")) + "): no figures");
      return;
    }
    long t0 = System.nanoTime();
    ResultTable table = RunInputs.table(csv);
    Path summaryCsv = runDir.resolve(name + "_summary.csv");
    ResultTable summaries = Files.isRegularFile(summaryCsv) ? RunInputs.table(summaryCsv) : ResultTable.empty();
    try {
      List<Figure> mine = new ArrayList<>();
      List<Claim> myClaims = new ArrayList<>();
      f.draw(FiguresContext.of(prov, probe, table, summaries, mine, myClaims));
      drawn.addAll(mine);
      claims.addAll(myClaims);
      String seconds = String.format("%.1f", (System.nanoTime() - t0) / 1e9);
      said.add(() -> LOG.info("report: {} figure(s), {} claim(s) from {} in {} s", mine.size(), myClaims.size(), csv.getFileName(), seconds));
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Exception | Error e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.startsWith(csv + ":") || message.startsWith(summaryCsv + ":")) {
        // a cell the figures read as a number and is not one (ResultTable.Row#number): the CSV is at fault, not the plugin
        throw new Report.Unreadable(message.strip().lines().findFirst().orElse(message), e);
      }
      String msg = "figures of probe " + name + ": " + PluginException.threw(plugin, f, e).getMessage();
      failures.add(msg);
      said.add(() -> {
        LOG.error("report: {}", msg);
        LOG.debug("report: figures of probe {} failed", name, e);
      });
    }
  }

  /**
   * The words of a run's page: the first a probe's figures give for that probe's setting, in the
   * run's order ({@link Figures#wording}), else {@link ReportContext.Wording#PLAIN}.
   */
  static ReportContext.Wording wording(JsonNode prov, Map<String, Figures> figures) {
    for (JsonNode probe : prov.path("probes")) {
      Figures f = figures.get(probe.path("plugin").asText());
      if (f == null) continue;
      List<String> models = FiguresContext.models(probe);
      try {
        Optional<ReportContext.Wording> w = f.wording(FiguresContext.setting(prov, probe, models));
        if (w != null && w.isPresent()) return w.get();
      } catch (RuntimeException e) {
        LOG.warn("report: figures of probe {}: {}", probe.path("name").asText(), PluginException.threw(probe.path("plugin").asText(), f, e).getMessage());
      }
    }
    return ReportContext.Wording.PLAIN;
  }
}
