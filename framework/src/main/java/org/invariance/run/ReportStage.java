package org.invariance.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.invariance.plugin.PluginRegistry;
import org.invariance.report.Report;
import org.invariance.results.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's report, drawn once the probes are done, and what it made recorded in provenance; a
 * report that cannot be drawn fails the run in one line but leaves the probes' files as they are.
 */
final class ReportStage {
  /** Runner's logger: run.log names it, and these lines were always the run's. */
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  private ReportStage() {}

  /** Draws the report from what the probes wrote; a figure that fails is listed, not fatal to the others. */
  static void report(PluginRegistry plugins, Path out, Provenance prov, List<String> failures) throws IOException {
    long t0 = System.nanoTime();
    Report.Outcome r;
    try {
      r = new Report(plugins.figures()).write(out);
    } catch (Report.Unreadable e) {
      // a file of this run the report cannot read: no page, and the run failed with that line
      prov.section("report").put("error", e.getMessage());
      failures.add("report: " + e.getMessage());
      LOG.error("report: {}", e.getMessage());
      return;
    }
    ObjectNode rn = prov.section("report");
    rn.put("file", out.relativize(r.index()).toString());
    rn.put("figures", r.figures());
    rn.put("claims", r.claims());
    rn.put("claims_held", r.held());
    rn.put("beyond_study", r.beyond());
    rn.put("beyond_study_held", r.beyondHeld());
    rn.put("seconds", (System.nanoTime() - t0) / 1e9);
    prov.write();
    for (String f : r.failures()) {
      if (f.startsWith("figures of")) failures.add("report: " + f);
    }
    LOG.info("report: {} figures, {} of {} claims held -> {}", r.figures(), r.held(), r.claims(), r.index());
  }
}
