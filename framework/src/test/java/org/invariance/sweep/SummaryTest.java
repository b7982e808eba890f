package org.invariance.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.experiment.Plan;
import org.invariance.plugin.Headlines;
import org.invariance.plugin.PluginRegistry;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Report;
import org.invariance.results.Claim;
import org.invariance.results.ClaimsCsv;
import org.invariance.testing.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary across seeds on point directories written by hand, with numbers worked out by hand. */
class SummaryTest {
  static final PluginRegistry PLUGINS = PluginRegistry.of(List.of(new TestPlugins()));
  @TempDir Path dir;

  Plan plan(String sweep) throws Exception {
    Files.writeString(dir.resolve("e.yaml"), SweepRunnerTest.BARS + sweep);
    return new ExperimentLoader(PLUGINS).plan(dir.resolve("e.yaml"), List.of());
  }

  void point(Plan plan, int i, String csv, List<Claim> claims) throws Exception {
    Path d = PointDirs.of(dir.resolve("out"), plan, plan.points().get(i));
    Files.createDirectories(d);
    Files.writeString(d.resolve("count.csv"), csv);
    ClaimsCsv.write(Report.claimsFile(d), "run/" + i, plan.points().get(i).seed(), claims);
  }

  void summaryOf(Plan plan, int i, String csv) throws Exception {
    Files.writeString(PointDirs.of(dir.resolve("out"), plan, plan.points().get(i)).resolve("count_summary.csv"), csv);
  }

  static Claim claim(boolean held, double value) {
    return new Claim("the probe measured the model", "count", "H", "n rows", "> 0", held).withValue("rows", value);
  }

  @Test
  void meanSdIntervalAndHeldInKOfNPerGridSetting() throws Exception {
    Plan plan = plan("sweep:\n  seeds: [1, 2, 3]\n  grid:\n    models.A.units: [6, 9]\n");
    String header = "model,dataset,amount,metric,value\n";
    // units=6: accuracy 0.5, 0.7, 0.9 -> mean 0.7, sd 0.2, 95% interval 0.7 +- 4.302653 * 0.2 / sqrt(3) = 0.7 +- 0.496828
    point(plan, 0, header + "H,bars_0,0,accuracy,0.5\n", List.of(claim(true, 1)));
    point(plan, 1, header + "H,bars_0,0,accuracy,0.7\n", List.of(claim(false, 2)));
    point(plan, 2, header + "H,bars_0,0,accuracy,0.9\n", List.of(claim(true, 3)));
    // units=9: one empty value (left out, n = 2): 0.2 and 0.4 -> mean 0.3, sd sqrt(0.02) = 0.141421
    point(plan, 3, header + "H,bars_0,0,accuracy,0.2\n", List.of(claim(true, 5)));
    point(plan, 4, header + "H,bars_0,0,accuracy,\n", List.of(claim(true, 5)));
    point(plan, 5, header + "H,bars_0,0,accuracy,0.4\n", List.of(claim(true, 5)));

    Summary.Outcome o = Summary.write(dir.resolve("out"), plan, Map.of());
    List<List<String>> rows = Summary.readCsv(o.probes().get("count"));
    assertEquals(List.of("models.A.units", "model", "dataset", "amount", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"), rows.get(0));
    assertEquals(List.of("6", "H", "bars_0", "0", "accuracy", "3"), rows.get(1).subList(0, 6));
    assertEquals(0.7, Double.parseDouble(rows.get(1).get(6)), 1e-12);
    assertEquals(0.2, Double.parseDouble(rows.get(1).get(7)), 1e-12);
    assertEquals(0.7 - 0.496828, Double.parseDouble(rows.get(1).get(8)), 1e-6);
    assertEquals(0.7 + 0.496828, Double.parseDouble(rows.get(1).get(9)), 1e-6);
    assertEquals(List.of("9", "H", "bars_0", "0", "accuracy", "2"), rows.get(2).subList(0, 6));
    assertEquals(0.3, Double.parseDouble(rows.get(2).get(6)), 1e-12);
    assertEquals(Math.sqrt(0.02), Double.parseDouble(rows.get(2).get(7)), 1e-12);

    assertEquals(2, o.claimRows().size(), "one claim per grid setting");
    Summary.ClaimAcross six = o.claimRows().get(0);
    assertEquals(2, six.held());
    assertEquals(3, six.n());
    assertEquals(2.0, six.value().mean(), 1e-12);
    assertEquals(1.0, six.value().sd(), 1e-12);
    assertEquals(3, o.claimRows().get(1).held(), "held in 3 of 3 at units=9");
    // 1, 2, 3: mean 2, sd 1; t(0.975, 2 df) = 4.3027, so the 95% interval is 2 ± 4.3027 / sqrt(3) = 2 ± 2.484
    assertEquals("rows: 2.00 [-0.484, 4.48] (1.00 to 3.00)", SweepReport.number(six));
    List<List<String>> claims = Summary.readCsv(o.claims());
    assertEquals(List.of("6", "the probe measured the model", "count", "H", "> 0", "2", "3", "rows"), claims.get(1).subList(0, 8));
  }

  @Test
  void beyondStudyRowsKeepTheirScopeInTheSummaryAndComeApartInTheSweepReport() throws Exception {
    Plan plan = plan("sweep:\n  seeds: [1, 2]\n");
    String csv = "model,dataset,amount,metric,value\nH,bars_0,0,accuracy,0.5\n";
    Claim beyond = new Claim("the probe measured the other model", "count", "G", "n rows", "> 0", true).beyondStudy();
    point(plan, 0, csv, List.of(claim(true, 1), beyond));
    point(plan, 1, csv, List.of(claim(false, 2), beyond.withScope(Claim.Scope.BEYOND)));
    Summary.Outcome o = Summary.write(dir.resolve("out"), plan, Map.of());
    List<List<String>> claims = Summary.readCsv(o.claims());
    assertEquals("scope", claims.get(0).get(claims.get(0).size() - 1), "the last column");
    assertEquals(List.of("H", "1", "2", "study"), List.of(claims.get(1).get(2), claims.get(1).get(4), claims.get(1).get(5), claims.get(1).get(11)));
    assertEquals(List.of("G", "2", "2", "beyond"), List.of(claims.get(2).get(2), claims.get(2).get(4), claims.get(2).get(5), claims.get(2).get(11)));
    // worded as a study's plugins word it (Figures.wording); the framework has only its plain words
    ReportContext.Wording study = new ReportContext.Wording("The study's claims", "the study's claims", "the study's tests beyond what it analysed",
        "beyond the study", "-", "Study", "Beyond the study");
    String html = Files.readString(SweepReport.write(dir.resolve("out"), plan, o, Map.of(), study));
    int group = html.indexOf("id=\"claims-beyond\"");
    assertTrue(html.contains("1 of these rows are the study's claims; 1 applies the study's tests beyond what it analysed"), html);
    assertTrue(group > 0 && html.indexOf("<td>H</td>") < group && html.indexOf("<td>G</td>") > group, html);
    assertTrue(html.substring(html.indexOf("<td>G</td>")).startsWith("<td>G</td><td class=\"scope\">beyond the study</td>"), html);
    assertTrue(html.contains("<th>Claim</th><th>Study</th>"), html);
    String plain = Files.readString(SweepReport.write(dir.resolve("out"), plan, o, Map.of()));
    assertTrue(plain.contains("1 of these rows are the claims; 1 applies the same tests to other numbers"), plain);
    assertTrue(plain.contains("<th>Claim</th><th>Source</th>") && !plain.contains("study"), plain);
  }

  @Test
  void aProbesHeadlinesReduceItsRowsBeforeTheSummary() throws Exception {
    Plan plan = plan("sweep:\n  seeds: [1, 2]\n");
    String header = "model,dataset,amount,metric,value\n";
    // per amount 1 and 3 (mean 2) in one seed, 5 and 7 (mean 6) in the other: across seeds mean 4
    point(plan, 0, header + "H,bars,0,accuracy,1\nH,bars,1,accuracy,3\n", List.of());
    point(plan, 1, header + "H,bars,0,accuracy,5\nH,bars,1,accuracy,7\n", List.of());
    Headlines overAmounts = rows -> rows.meanOver("amount");
    Summary.Outcome o = Summary.write(dir.resolve("out"), plan, Map.of("count", overAmounts));
    List<List<String>> rows = Summary.readCsv(o.probes().get("count"));
    assertEquals(List.of("model", "dataset", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"), rows.get(0));
    assertEquals(2, rows.size(), "one headline number");
    assertEquals(4.0, Double.parseDouble(rows.get(1).get(4)), 1e-12);
    assertTrue(o.claimRows().isEmpty());
  }

  @Test
  void runIdAndSeedAreNoKeysAndSummaryRowsGetTheirOwnFile() throws Exception {
    Plan plan = plan("sweep:\n  seeds: [1, 2]\n");
    String header = "run_id,seed,model,dataset,amount,sample,metric,value\n";
    // raw rows per image (no headline among them); the summary's mean per amount: 2 in one seed, 6 in the other
    point(plan, 0, header + "s/seed=1,1,H,bars,0,0,d,1\ns/seed=1,1,H,bars,0,1,d,3\n", List.of());
    point(plan, 1, header + "s/seed=2,2,H,bars,0,0,d,5\ns/seed=2,2,H,bars,0,1,d,7\n", List.of());
    String summaryHeader = "run_id,seed,model,dataset,amount,metric,value\n";
    summaryOf(plan, 0, summaryHeader + "s/seed=1,1,H,bars,0,mean_d,2\n");
    summaryOf(plan, 1, summaryHeader + "s/seed=2,2,H,bars,0,mean_d,6\n");
    Headlines noRawRow = rows -> rows.filter(r -> false);
    Summary.Outcome o = Summary.write(dir.resolve("out"), plan, Map.of("count", noRawRow));
    assertEquals(List.of("count_summary"), List.copyOf(o.probes().keySet()), "no raw headline, no file: " + o.probes());
    List<List<String>> rows = Summary.readCsv(o.probes().get("count_summary"));
    assertEquals(List.of("model", "dataset", "amount", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"), rows.get(0));
    assertEquals(2, rows.size(), "the two seeds' rows are one setting's");
    assertEquals(List.of("H", "bars", "0", "mean_d", "2", "4.0"), rows.get(1).subList(0, 6));
    assertTrue(Files.isRegularFile(dir.resolve("out/summary/count_summary.csv")));

    // without a Headlines every row of both files is a headline
    o = Summary.write(dir.resolve("out"), plan, Map.of());
    assertEquals(List.of("count", "count_summary"), List.copyOf(o.probes().keySet()));
    assertEquals(List.of("model", "dataset", "amount", "sample", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"), Summary.readCsv(o.probes().get("count")).get(0));
  }
}
