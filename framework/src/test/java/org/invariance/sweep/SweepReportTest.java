package org.invariance.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.experiment.Plan;
import org.invariance.results.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep's page from its template: contents, claims across seeds, and nothing inserted unescaped. */
class SweepReportTest {
  @TempDir Path dir;

  @Test
  void thePageEscapesWhatItInsertsAndListsItsSections() throws Exception {
    Files.writeString(dir.resolve("e.yaml"), SweepRunnerTest.BARS + "sweep:\n  seeds: [1, 2]\n");
    Plan plan = new ExperimentLoader(SweepRunnerTest.PLUGINS).plan(dir.resolve("e.yaml"), List.of());
    Claim claim = new Claim("a <b>bold</b> claim & more", "Figure 1", "H", "measured", "x < 1", true).withThreshold(0.03);
    Summary.ClaimAcross across = new Summary.ClaimAcross(Map.of(), claim, 1, 2, Stats.of(new double[] {1, 2, 3}, 3));
    Path summary = dir.resolve("out/summary/count.csv");
    Files.createDirectories(summary.getParent());
    Files.writeString(summary, "model,digit,metric,n,mean,sd,ci95_low,ci95_high\nH<i>,1,accuracy,2,0.5,0.1,0.2,0.8\nH<i>,1,images,2,10,0,10,10\n");
    Path index = SweepReport.write(dir.resolve("out"), plan, new Summary.Outcome(Map.of("count", summary), null, List.of(across), Map.of()),
        Map.of(plan.points().get(0).id(), "done"));
    String page = Files.readString(index);
    assertTrue(page.contains("a &lt;b&gt;bold&lt;/b&gt; claim &amp; more"), "a claim's words are text, not markup");
    assertTrue(page.contains("<td>H&lt;i&gt;</td>"), "a model's name from YAML is text");
    assertFalse(page.contains("<b>bold") || page.contains("H<i>"));
    assertTrue(page.contains("held in 1 of 2"));
    // values 1, 2, 3: mean 2, t(0.975, 2) = 4.303, sd 1: 2 ± 4.303/sqrt(3) = [-0.484, 4.48]
    assertTrue(page.contains("2.00 [-0.484, 4.48] (1.00 to 3.00)"), page);
    assertTrue(page.contains("<td class=\"num\">0.03</td>"), "the threshold as its own number");
    for (String section : List.of("claims", "points", "figures", "summary")) assertTrue(page.contains("<a href=\"#" + section + "\">"), section);
    assertTrue(page.contains("1 that cannot vary across seeds"), "the images row, the same in every seed, is left out");
    assertEquals(1, page.split("<td>accuracy</td>", -1).length - 1);
  }
}
