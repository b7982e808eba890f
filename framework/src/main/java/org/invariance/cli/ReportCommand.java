package org.invariance.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.invariance.experiment.ConfigException;
import org.invariance.plugin.PluginRegistry;
import org.invariance.report.Report;
import org.invariance.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code report}: a run's (or a sweep's) report drawn again from its files. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Redraw a run's report (report/index.html) from its directory, without recomputing; for a sweep, every point's and the summary.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory, or a sweep's; runs/<name> means its latest run")
  Path dir;

  private static boolean holdsNoRun(Path d) {
    return !Files.isRegularFile(d.resolve("provenance.json")) && !Files.isRegularFile(d.resolve("sweep.json"));
  }

  @Override
  public Integer call() throws Exception {
    if (holdsNoRun(dir) && Files.isDirectory(dir.resolve("latest"))) dir = dir.resolve("latest"); // runs/<name>: its newest run
    if (holdsNoRun(dir)) {
      throw new ConfigException(dir.toString(), 0, 0, null, "holds no run (neither provenance.json nor sweep.json)");
    }
    if (Files.isRegularFile(dir.resolve("sweep.json"))) {
      List<String> failures = SweepRunner.redraw(dir, PluginRegistry.discover());
      failures.forEach(f -> System.err.println("missing: " + f));
      System.out.println(dir.resolve("report/index.html").toAbsolutePath() + ": the sweep's summary and report, and every point's report");
      return failures.isEmpty() ? 0 : Main.FAILED;
    }
    Report.Outcome r = new Report(PluginRegistry.discover().figures()).write(dir);
    System.out.println(r.index().toAbsolutePath() + ": " + r.figures() + " figures, " + r.held() + " of " + r.claims() + " claims held");
    r.failures().forEach(f -> System.err.println("missing: " + f));
    return r.failures().isEmpty() ? 0 : Main.FAILED;
  }
}
