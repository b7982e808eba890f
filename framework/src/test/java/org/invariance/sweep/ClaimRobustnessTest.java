package org.invariance.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.experiment.Plan;
import org.invariance.plugin.PluginRegistry;
import org.invariance.report.Report;
import org.invariance.results.Claim;
import org.invariance.results.ClaimsCsv;
import org.invariance.testing.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The robustness view on claims made by hand: init x bias x 3 seeds, every count and interval worked out by hand. */
class ClaimRobustnessTest {
  static final List<String> KEYS = List.of("init", "bias");
  static final String[] INITS = {"glorot", "he"};
  static final String[] BIASES = {"false", "true"};
  /** Student's t at 0.975 with 5 degrees of freedom. */
  static final double T5 = 2.5705818366147395;

  @TempDir Path dir;

  static Claim claim(String statement, boolean held, double value) {
    return new Claim(statement, "Figure 5b", "AER", "m", "ratio < 1", held).withValue("ratio", value);
  }

  /**
   * Four claims over 2 x 2 settings x 3 seeds (12 points; point p = init i, bias b, seed s with
   * value p + 1): "always" holds at every point, "he only" holds exactly where init = he, "never"
   * holds nowhere, "mostly bias" holds at every bias=true point and at one bias=false point.
   */
  static List<ClaimRobustness.Observation> observations() {
    List<ClaimRobustness.Observation> obs = new ArrayList<>();
    int p = 0;
    for (String init : INITS) {
      for (String bias : BIASES) {
        for (int seed = 0; seed < 3; seed++, p++) {
          Map<String, String> setting = Map.of("init", init, "bias", bias);
          obs.add(new ClaimRobustness.Observation(setting, claim("always", true, p + 1)));
          obs.add(new ClaimRobustness.Observation(setting, claim("he only", init.equals("he"), p + 1)));
          obs.add(new ClaimRobustness.Observation(setting, claim("never", false, p + 1)));
          obs.add(new ClaimRobustness.Observation(setting, claim("mostly <bias>", bias.equals("true") || p == 0, p + 1)));
        }
      }
    }
    return obs;
  }

  @Test
  void heldInKOfNMeanIntervalAndVerdictPerSettingOfEachKey() {
    List<ClaimRobustness.Row> rows = ClaimRobustness.of(observations(), KEYS);
    assertEquals(List.of("always", "he only", "never", "mostly <bias>"), rows.stream().map(r -> r.first().statement()).toList());
    ClaimRobustness.Row heOnly = rows.get(1);
    assertEquals(List.of("init=glorot 0/6", "init=he 6/6", "bias=false 3/6", "bias=true 3/6"),
        heOnly.cells().stream().map(c -> c.key() + "=" + c.setting() + " " + c.held() + "/" + c.n()).toList());
    // init=glorot pools points 0-5 (values 1..6): mean 3.5, sd sqrt(3.5), half-width t(5) sqrt(3.5) / sqrt(6)
    Stats glorot = heOnly.cells().get(0).value();
    double half = T5 * Math.sqrt(3.5) / Math.sqrt(6);
    assertEquals(6, glorot.n());
    assertEquals(3.5, glorot.mean(), 1e-12);
    assertEquals(3.5 - half, glorot.ciLow(), 1e-9);
    assertEquals(3.5 + half, glorot.ciHigh(), 1e-9);
    // bias=false pools points 0-2 and 6-8 (values 1, 2, 3, 7, 8, 9): mean 5
    assertEquals(5.0, heOnly.cells().get(2).value().mean(), 1e-12);
    assertEquals(6, heOnly.held());
    assertEquals(12, heOnly.n());

    assertEquals("holds everywhere", rows.get(0).verdict());
    assertEquals("depends on init: holds with he; fails with glorot", heOnly.verdict());
    assertEquals("fails everywhere", rows.get(2).verdict());
    // bias=true 6 of 6, bias=false 1 of 6: not clean, but 5/6 apart; init: 4 of 6 and 3 of 6
    assertEquals("leans on bias: held in 6 of 6 with true, 1 of 6 with false", rows.get(3).verdict());
  }

  @Test
  void aClaimThatNoKeySplitsVariesWithTheSeed() {
    List<ClaimRobustness.Observation> obs = new ArrayList<>();
    int p = 0;
    for (String init : INITS) {
      for (String bias : BIASES) {
        for (int seed = 0; seed < 2; seed++, p++) {
          obs.add(new ClaimRobustness.Observation(Map.of("init", init, "bias", bias), claim("coin", seed == 0, Double.NaN)));
        }
      }
    }
    ClaimRobustness.Row row = ClaimRobustness.of(obs, KEYS).get(0);
    assertEquals("varies with the seed: held in 4 of 8", row.verdict());
    assertEquals(0, row.cells().get(0).value().n(), "no number: no mean");
    assertEquals("", ClaimRobustness.number(row.cells().get(0).value()));
  }

  @Test
  void tidyCsvHasARowPerClaimKeyAndSettingAndTheHtmlEscapes() throws Exception {
    List<ClaimRobustness.Row> rows = ClaimRobustness.of(observations(), KEYS);
    Path csv = dir.resolve("robustness.csv");
    ClaimRobustness.writeCsv(csv, rows);
    List<List<String>> t = Summary.readCsv(csv);
    assertEquals(ClaimRobustness.COLUMNS, t.get(0));
    assertEquals(1 + 4 * 4, t.size(), "4 claims x (2 inits + 2 biases)");
    assertEquals(List.of("he only", "Figure 5b", "AER", "study", "ratio", "init", "he", "6", "6", "9.5"), t.get(6).subList(0, 10));
    assertEquals("depends on init: holds with he; fails with glorot", t.get(6).get(13));

    String html = ClaimRobustness.html(rows, KEYS);
    assertTrue(html.contains("<td>mostly &lt;bias&gt;</td>"), html);
    assertFalse(html.contains("<bias>"), html);
    assertTrue(html.contains("<th colspan=\"2\">init</th><th colspan=\"2\">bias</th>"), html);
    assertTrue(html.contains("<th>glorot</th><th>he</th><th>false</th><th>true</th>"), html);
    // "he only" at init=glorot: none held, values 1..6
    assertTrue(html.contains("<td><span class=\"none\">0 of 6</span><br>3.50 [" + String.format("%.3g", 3.5 - T5 * Math.sqrt(3.5 / 6)) + ", "), html);
  }

  /** From the points' own claims files to {@code summary/robustness.csv} and the sweep page's table; nothing without a grid. */
  @Test
  void aSweepWithAGridWritesTheViewAndOneWithoutDoesNot() throws Exception {
    PluginRegistry plugins = PluginRegistry.of(List.of(new TestPlugins()));
    Files.writeString(dir.resolve("e.yaml"), SweepRunnerTest.BARS + "sweep:\n  seeds: [1, 2]\n  grid:\n    models.A.units: [6, 9]\n");
    Plan plan = new ExperimentLoader(plugins).plan(dir.resolve("e.yaml"), List.of());
    Path out = dir.resolve("out");
    for (int i = 0; i < plan.points().size(); i++) {
      Plan.Point p = plan.points().get(i);
      Path d = PointDirs.of(out, plan, p);
      Files.createDirectories(d);
      ClaimsCsv.write(Report.claimsFile(d), "run/" + i, p.seed(), List.of(claim("wide enough", p.grid().get("models.A.units").equals("9"), i)));
    }
    String html = ClaimRobustness.write(out, plan);
    assertTrue(html.contains("depends on models.A.units: holds with 9; fails with 6"), html);
    List<List<String>> t = Summary.readCsv(out.resolve("summary/robustness.csv"));
    assertEquals(List.of("models.A.units", "6", "0", "2"), t.get(1).subList(5, 9));
    assertEquals(List.of("models.A.units", "9", "2", "2"), t.get(2).subList(5, 9));
    String page = Files.readString(SweepReport.write(out, plan, Summary.write(out, plan, Map.of()), Map.of()));
    assertTrue(page.contains("<h2 id=\"robustness\">") && page.contains("depends on models.A.units"), "the sweep's page shows the view");

    Files.writeString(dir.resolve("s.yaml"), SweepRunnerTest.BARS + "sweep:\n  seeds: [1, 2]\n");
    assertEquals("", ClaimRobustness.write(dir.resolve("out2"), new ExperimentLoader(plugins).plan(dir.resolve("s.yaml"), List.of())));
  }
}
