package org.invariance.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.experiment.Plan;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.invariance.results.ResultTable;
import org.invariance.run.Runner;
import org.invariance.testing.ExternalTool;
import org.invariance.testing.HeadlessChromium;
import org.invariance.testing.Screenshots;
import org.invariance.testing.TestPlugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep run in one JVM with small plugins: a run per point, the summary from the points' own CSVs, a rerun keeps finished points. */
class SweepRunnerTest {
  static final PluginRegistry PLUGINS = PluginRegistry.of(List.of(new TestPlugins()));
  /** A small experiment on synthetic bars; tests append their sweep. */
  static final String BARS = TestPlugins.BARS + """
      models:
        A: {plugin: fixed-encoder, units: 6}
        H: {plugin: fixed-head, on: A}
      probes:
        count: {}
      """;
  @TempDir Path dir;

  @Test
  void aSweepNotStartedAsksRoomForEachPointAsADefaultRunWrites() throws Exception {
    Files.writeString(dir.resolve("e.yaml"), BARS + "sweep:\n  seeds: [1, 2, 3, 4, 5]\n");
    Plan plan = new ExperimentLoader(PLUGINS).plan(dir.resolve("e.yaml"), List.of());
    PointDirs.Room room = PointDirs.room(dir.resolve("out"), plan);
    assertEquals(new PointDirs.Room(5, 64L << 20, false), room);
    assertEquals((256L + 5 * 64) << 20, room.needed());
  }

  @Test
  void eachPointIsARunTheSummaryAgreesWithThePointsAndARerunKeepsThem() throws Exception {
    Files.writeString(dir.resolve("e.yaml"), BARS.replace("count: {}", "count: {datasets: [\"0\", \"mix\"]}") + "sweep:\n  seeds: [1, 2, 3]\n");
    Plan plan = new ExperimentLoader(PLUGINS).plan(dir.resolve("e.yaml"), List.of());
    Path out = dir.resolve("out");
    SweepRunner.Outcome o = new SweepRunner(PLUGINS).run(plan, out, dir.resolve("cache"), RunMetrics.quiet("bars"));
    assertTrue(o.ok(), o.failures().toString());

    // the summary's mean of H's accuracy on the mix set is the mean of what the three points wrote
    double sum = 0;
    for (Plan.Point p : plan.points()) {
      JsonNode prov = new ObjectMapper().readTree(out.resolve("points").resolve(p.id()).resolve("provenance.json").toFile());
      assertEquals(p.seed(), prov.get("seed").asLong(), "each point is a run with its own seed");
      assertEquals(out.getFileName() + "/" + p.id(), prov.get("run_id").asText());
      sum += ResultTable.read(out.resolve("points").resolve(p.id()).resolve("count.csv")).where("model", "H").where("amount", "").metric("accuracy").value();
      ResultTable t = ResultTable.read(out.resolve("points").resolve(p.id()).resolve("count.csv"));
      assertEquals(List.of(out.getFileName() + "/" + p.id()), t.distinct("run_id"), "a point's rows name the sweep's run and the point");
      assertEquals(List.of(Long.toString(p.seed())), t.distinct("seed"));
    }
    List<List<String>> rows = Summary.readCsv(out.resolve("summary/count.csv"));
    assertEquals(List.of("model", "dataset", "amount", "mix", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"), rows.get(0), "run_id and seed are what it summarises over");
    List<String> mix = rows.stream().filter(r -> r.get(0).equals("H") && r.get(3).equals("shift") && r.get(4).equals("accuracy")).findFirst().orElseThrow();
    assertEquals("3", mix.get(5));
    assertEquals(sum / 3, Double.parseDouble(mix.get(6)), 1e-12);
    assertEquals(List.of("the probe measured the model", "count", "H", "> 0", "3", "3"), Summary.readCsv(out.resolve("summary/claims.csv")).get(1).subList(0, 6));
    assertTrue(Files.readString(out.resolve("report/index.html")).contains("held in 3 of 3"));
    // the sweep's page as a reader sees it, kept for people to look at (docs/RESULTS.md: "Screenshots")
    if (ExternalTool.find("chromium") != null) {
      BufferedImage shot = HeadlessChromium.screenshot(out.resolve("report/index.html"), Path.of("target/screenshots/sweep-page.png"), 1280, 1600,
          Files.createDirectories(dir.resolve("chromium")));
      assertTrue(Screenshots.inkShare(shot) > 0.02, "the page shows its tables and figures");
    }

    // the room a rerun asks for: nothing left to write; with one point gone, what the finished ones wrote on average
    assertEquals(0, PointDirs.room(out, plan).unfinished());
    long[] sizes = new long[3];
    for (int i = 0; i < 3; i++) {
      try (var files = Files.walk(out.resolve("points").resolve(plan.points().get(i).id()))) {
        sizes[i] = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      }
    }
    Path gone = out.resolve("points").resolve(plan.points().get(2).id()).resolve("provenance.json");
    byte[] kept = Files.readAllBytes(gone);
    Files.delete(gone);
    PointDirs.Room room = PointDirs.room(out, plan);
    assertEquals(new PointDirs.Room(1, (sizes[0] + sizes[1]) / 2, true), room);
    assertEquals(Runner.MIN_FREE_BYTES + (sizes[0] + sizes[1]) / 2, room.needed());
    Files.write(gone, kept);

    // run again: every point finished with the same config, so each is kept as it is
    List<FileTime> before = new ArrayList<>();
    for (Plan.Point p : plan.points()) before.add(Files.getLastModifiedTime(out.resolve("points").resolve(p.id()).resolve("count.csv")));
    SweepRunner.Outcome again = new SweepRunner(PLUGINS).run(plan, out, dir.resolve("cache"), RunMetrics.quiet("bars"));
    assertTrue(again.ok());
    JsonNode sweep = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
    for (int i = 0; i < plan.points().size(); i++) {
      Plan.Point p = plan.points().get(i);
      assertEquals("reused", sweep.at("/points/" + p.id() + "/status").asText());
      assertEquals(before.get(i), Files.getLastModifiedTime(out.resolve("points").resolve(p.id()).resolve("count.csv")), "not rewritten");
    }
    assertEquals("finished", sweep.get("status").asText());

    // a finished point whose CSV changed since (one byte) is not trusted: it is run again, to the same bytes
    Path csv = out.resolve("points").resolve(plan.points().get(1).id()).resolve("count.csv");
    byte[] written = Files.readAllBytes(csv);
    byte[] changed = written.clone();
    changed[changed.length - 2] ^= 1;
    Files.write(csv, changed);
    assertTrue(new SweepRunner(PLUGINS).run(plan, out, dir.resolve("cache"), RunMetrics.quiet("bars")).ok());
    JsonNode third = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
    assertEquals("reused", third.at("/points/" + plan.points().get(0).id() + "/status").asText());
    assertEquals("finished", third.at("/points/" + plan.points().get(1).id() + "/status").asText(), "the changed point ran again");
    assertArrayEquals(written, Files.readAllBytes(csv));

    // `report` on the sweep's directory redraws the summary and pages from the files alone
    byte[] summary = Files.readAllBytes(out.resolve("summary/count.csv"));
    Files.delete(out.resolve("summary/count.csv"));
    Files.delete(out.resolve("report/index.html"));
    assertEquals(List.of(), SweepRunner.redraw(out, PLUGINS));
    assertEquals(-1L, Files.mismatch(out.resolve("summary/count.csv"), writeTemp(summary)), "the same summary");
    assertTrue(Files.readString(out.resolve("report/index.html")).contains("held in 3 of 3"));
  }

  private Path writeTemp(byte[] bytes) throws IOException {
    return Files.write(dir.resolve("expected.csv"), bytes);
  }
}
