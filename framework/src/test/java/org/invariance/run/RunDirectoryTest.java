package org.invariance.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invariance.experiment.ConfigException;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.experiment.ExperimentLoaderTest;
import org.invariance.experiment.Plan;
import org.invariance.plugin.PluginRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs never overwrite or mix with each other; an unfinished run of the same configuration is resumed where it stands. */
class RunDirectoryTest {
  /** The loader tests' valid experiment ("tiny"): a run directory cares only that it loads. */
  static final String EXPERIMENT = ExperimentLoaderTest.VALID;
  static final PluginRegistry PLUGINS = ExperimentLoaderTest.PLUGINS;

  @TempDir Path tmp;
  Path file;
  Path runs;

  @BeforeEach
  void write() throws Exception {
    file = tmp.resolve("exp.yaml");
    Files.writeString(file, EXPERIMENT);
    runs = tmp.resolve("runs");
  }

  Plan plan(String... overrides) {
    return new ExperimentLoader(PLUGINS).plan(file, List.of(overrides));
  }

  /** A run's provenance as a run writes it: experiment, run id, config id, status, and its probe "count". */
  static void status(Path dir, String status, String configId) throws Exception {
    Files.writeString(dir.resolve("provenance.json"), "{\"experiment\": \"tiny\", \"run_id\": \"" + dir.getFileName() + "\", \"status\": \"" + status
        + "\", \"config_id\": \"" + configId + "\", \"config\": {\"probes\": {\"count\": {}}}}");
  }

  @Test
  void eachRunItsOwnDirectoryAndLatestPointsAtTheNewest() throws Exception {
    Path first = RunDirectory.choose(plan(), null, runs, RunDirectory.Mode.DEFAULT);
    status(first, "finished", RunDirectory.configId(plan()));
    Path second = RunDirectory.choose(plan(), null, runs, RunDirectory.Mode.DEFAULT);
    assertNotEquals(first, second, "a finished run is never written again");
    assertEquals(runs.resolve("tiny"), second.getParent());
    assertTrue(second.getFileName().toString().matches("\\d{8}-\\d{6}(\\.\\d+)?-" + RunDirectory.configId(plan())), second.toString());
    assertEquals(second.toRealPath(), runs.resolve("tiny/latest").toRealPath());
    status(second, "finished", RunDirectory.configId(plan()));
    Path variant = RunDirectory.choose(plan("seed=8"), null, runs, RunDirectory.Mode.DEFAULT);
    assertFalse(List.of(first, second).contains(variant), "a --set variant gets its own directory");
    assertNotEquals(RunDirectory.configId(plan()), RunDirectory.configId(plan("seed=8")));
  }

  @Test
  void theSameCommandAfterACrashResumesTheUnfinishedRun() throws Exception {
    Path first = RunDirectory.choose(plan(), null, runs, RunDirectory.Mode.DEFAULT);
    status(first, "running", RunDirectory.configId(plan())); // SIGKILL leaves "running"
    assertEquals(first, RunDirectory.choose(plan(), null, runs, RunDirectory.Mode.DEFAULT));
    status(first, "interrupted", RunDirectory.configId(plan()));
    assertEquals(first, RunDirectory.choose(plan(), null, runs, RunDirectory.Mode.DEFAULT));
    assertEquals(first, RunDirectory.choose(plan("metrics.port=0"), null, runs, RunDirectory.Mode.DEFAULT), "metrics never change a number");
    assertNotEquals(first, RunDirectory.choose(plan("seed=8"), null, runs, RunDirectory.Mode.DEFAULT), "another configuration never resumes it");
  }

  @Test
  void aRunInProgressIsNeverPickedByASecondProcess() throws Exception {
    Path first = RunDirectory.choose(plan(), null, runs, RunDirectory.Mode.DEFAULT);
    status(first, "running", RunDirectory.configId(plan()));
    try (AutoCloseable held = RunDirectory.lock(first)) {
      assertNotEquals(first, RunDirectory.choose(plan(), null, runs, RunDirectory.Mode.DEFAULT));
      assertThrows(ConfigException.class, () -> RunDirectory.lock(first));
    }
  }

  @Test
  void outIntoANonEmptyDirectoryOnlyToResumeOrOverwrite() throws Exception {
    Path out = tmp.resolve("out");
    assertEquals(out, RunDirectory.choose(plan(), out, runs, RunDirectory.Mode.DEFAULT), "new: fine");
    status(out, "running", RunDirectory.configId(plan()));
    assertEquals(out, RunDirectory.choose(plan(), out, runs, RunDirectory.Mode.DEFAULT), "unfinished, same configuration: resumed");
    status(out, "finished", RunDirectory.configId(plan()));
    ConfigException finished = assertThrows(ConfigException.class, () -> RunDirectory.choose(plan(), out, runs, RunDirectory.Mode.DEFAULT));
    assertTrue(finished.getMessage().contains("already holds a finished run") && finished.getMessage().contains("--resume"), finished.getMessage());
    assertEquals(out, RunDirectory.choose(plan(), out, runs, RunDirectory.Mode.RESUME));
    ConfigException other = assertThrows(ConfigException.class, () -> RunDirectory.choose(plan("seed=8"), out, runs, RunDirectory.Mode.RESUME));
    assertTrue(other.getMessage().contains("another configuration"), other.getMessage());
    Files.writeString(out.resolve("count.csv"), "old");
    Files.createDirectories(out.resolve("report/figures"));
    Files.writeString(out.resolve("report/figures/extra-1-1.png"), "old");
    Files.writeString(out.resolve("notes.md"), "mine");
    Files.createDirectories(out.resolve("mydata"));
    Files.writeString(out.resolve("mydata/thesis.tex"), "mine");
    assertEquals(out, RunDirectory.choose(plan("seed=8"), out, runs, RunDirectory.Mode.OVERWRITE));
    assertFalse(Files.exists(out.resolve("count.csv")), "overwrite leaves none of the old run's files");
    assertFalse(Files.exists(out.resolve("provenance.json")));
    assertFalse(Files.exists(out.resolve("report")), "the report's folders go once empty");
    assertEquals("mine", Files.readString(out.resolve("notes.md")), "a file no run wrote is kept");
    assertEquals("mine", Files.readString(out.resolve("mydata/thesis.tex")));

    Path notARun = Files.createDirectories(tmp.resolve("photos"));
    Files.writeString(notARun.resolve("cat.jpg"), "x");
    ConfigException foreign = assertThrows(ConfigException.class, () -> RunDirectory.choose(plan(), notARun, runs, RunDirectory.Mode.OVERWRITE));
    assertTrue(foreign.getMessage().contains("holds no run"), foreign.getMessage());
    assertTrue(Files.exists(notARun.resolve("cat.jpg")), "a directory that holds no run is never emptied");
    // a provenance.json no run wrote ({} or text) makes no run either
    for (String fake : List.of("{}", "hello", "{\"status\": \"finished\"}")) {
      Files.writeString(notARun.resolve("provenance.json"), fake);
      ConfigException e = assertThrows(ConfigException.class, () -> RunDirectory.choose(plan(), notARun, runs, RunDirectory.Mode.OVERWRITE), fake);
      assertTrue(e.getMessage().contains("holds no run"), e.getMessage());
      assertTrue(Files.exists(notARun.resolve("cat.jpg")));
    }
  }

  // runs/<experiment>/latest is a link the runs make: a user's file or folder of that name is never replaced
  @Test
  void aUsersLatestIsLeftAlone() throws Exception {
    Files.createDirectories(runs.resolve("tiny"));
    Files.writeString(runs.resolve("tiny/latest"), "my notes");
    Path first = RunDirectory.choose(plan(), null, runs, RunDirectory.Mode.DEFAULT);
    assertTrue(Files.isDirectory(first));
    assertEquals("my notes", Files.readString(runs.resolve("tiny/latest")));
  }
}
