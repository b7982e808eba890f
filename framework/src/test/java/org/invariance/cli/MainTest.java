package org.invariance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.invariance.experiment.ExperimentLoaderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Exit codes and the one-line error of the command (the test plugins are registered through ServiceLoader). */
class MainTest {
  @TempDir Path dir;

  record Result(int code, String err) {}

  static Result exec(String... args) {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true));
    try {
      int code = Main.execute(args);
      // the fuzzing agent in the test JVM announces classes it instruments when they first load: not ours to judge
      String ours = err.toString().lines().filter(l -> !l.startsWith("INFO: Instrumented ")).collect(Collectors.joining("\n"));
      return new Result(code, ours.isEmpty() ? "" : ours + "\n");
    } finally {
      System.setErr(old);
    }
  }

  @Test
  void invalidFileExitsTwoWithOneLineNamingFileLineAndField() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "name: x\nseed: 1\nsed: 2\n");
    Result r = exec("validate", f.toString());
    assertEquals(2, r.code());
    assertEquals(f + ":3:1: sed: unknown key 'sed' (did you mean 'seed'?); known keys: checkpoints, cluster, data, metrics, models, name, probes, seed, sweep, transforms, watch", r.err().strip());
    assertEquals(1, r.err().strip().lines().count());
  }

  @Test
  void overridesAfterTheFileWorkLikeSetAndAnythingElseIsNamed() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "name: x\nseed: 1\n");
    // applied like --set: the misspelt key is reported as an override
    Result typo = exec("validate", f.toString(), "sede=3");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("unknown key 'sede' (did you mean 'seed'?)"), typo.err());
    Result word = exec("validate", f.toString(), "heads");
    assertEquals(2, word.code());
    assertEquals("heads: not an override; write overrides as KEY=VALUE after the file (e.g. models.AER.lr=0.1) or --set KEY=VALUE", word.err().strip());
  }

  @Test
  void lingerTakesADurationButNeverTheFile() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "name: x\nseed: 1\nsed: 2\n");
    // the file after --linger is the file: its own error comes back, not a bad duration
    Result r = exec("run", "--linger", f.toString(), "--metrics-port", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith(f + ":3:1: sed: unknown key 'sed'"), r.err());
  }

  @Test
  void reportOnADirectoryWithoutARunIsBadInput() {
    Result r = exec("report", dir.toString());
    assertEquals(2, r.code());
    assertEquals(dir + ": holds no run (neither provenance.json nor sweep.json)", r.err().strip());
  }

  @Test
  void aRunDirectoryThatCannotBeWrittenIsBadInputBeforeAnyData() throws Exception {
    Path f = dir.resolve("e.yaml");
    Files.writeString(f, "name: x\nseed: 1\ndata: {plugin: test-digits, count: 20}\ntransforms: {shift: {amounts: [0]}}\n"
        + "models: {A: {plugin: fixed-encoder, units: 2}, H: {plugin: fixed-head, on: A}}\n");
    Path blocker = Files.writeString(dir.resolve("a-file"), "in the way");
    Result r = exec("run", f.toString(), "--out", blocker.resolve("run").toString(), "--cache", dir.resolve("cache").toString(), "--metrics-port", "0");
    assertEquals(2, r.code(), r.err());
    String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
    assertEquals(blocker.resolve("run") + ": the run directory is not writable (Not a directory)", last, r.err());
    assertTrue(!r.err().contains("Exception") && !Files.exists(dir.resolve("cache")), "no Java names, and nothing fetched or trained: " + r.err());
    if (Files.isDirectory(Path.of("/proc/self"))) {
      // Linux's /proc takes no new folder (the error Java reports names only the path)
      Result proc = exec("run", f.toString(), "--out", "/proc/no-run-here", "--cache", dir.resolve("cache").toString(), "--metrics-port", "0");
      assertEquals(2, proc.code(), proc.err());
      assertEquals("/proc/no-run-here: the run directory is not writable (no folder can be made there)", proc.err().strip().lines().reduce((a, b) -> b).orElse(""));
    }
  }

  /** A second run into the directory of a finished one is refused with what to do; --resume and --overwrite are the ways in. */
  @Test
  void aFinishedRunIsNeverWrittenOverUnasked() throws Exception {
    Path f = dir.resolve("e.yaml");
    Files.writeString(f, "name: x\nseed: 1\ndata: {plugin: test-digits, count: 20}\ntransforms: {shift: {amounts: [0]}}\n"
        + "models: {A: {plugin: fixed-encoder, units: 2}, H: {plugin: fixed-head, on: A}}\nprobes: {count: {}}\n");
    String out = dir.resolve("run").toString();
    String cache = dir.resolve("cache").toString();
    assertEquals(0, exec("run", f.toString(), "--out", out, "--cache", cache, "--metrics-port", "0").code());
    Result again = exec("run", f.toString(), "--out", out, "--cache", cache, "--metrics-port", "0");
    assertEquals(2, again.code(), again.err());
    assertEquals(out + ": --out: already holds a finished run of this configuration; add --resume to run it again there (finished parts are kept)"
        + " or --overwrite to replace it, or choose a new directory", again.err().strip().lines().reduce((a, b) -> b).orElse(""));
    assertEquals(0, exec("run", f.toString(), "--out", out, "--cache", cache, "--metrics-port", "0", "--resume").code());
    assertEquals(0, exec("run", f.toString(), "--out", out, "--cache", cache, "--metrics-port", "0", "--overwrite").code());
  }

  @Test
  void aMistypedSubcommandGetsASuggestion() {
    Result r = exec("rn", "x.yaml");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("invariance: no command 'rn' (did you mean 'run'?); commands: "), r.err());
    assertEquals(1, r.err().strip().lines().count(), "one line, not the usage: " + r.err());
    Result option = exec("run", "x.yaml", "--lingr", "5m");
    assertEquals(2, option.code());
    assertEquals("invariance run: unknown option '--lingr' (did you mean '--linger'?); 'invariance run --help' shows the usage", option.err().strip());
    Result missing = exec("validate");
    assertEquals(2, missing.code());
    assertEquals("invariance validate: missing FILE; 'invariance validate --help' shows the usage", missing.err().strip());
    assertEquals(1, missing.err().strip().lines().count(), missing.err());
  }

  @Test
  void aMalformedIdxFileExitsTwoWithItsByteOffset() throws Exception {
    Path im = dir.resolve("im.idx");
    Files.write(im, new byte[] {0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3});
    Files.write(dir.resolve("lb.idx"), new byte[] {0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3, 4, 5});
    Path f = dir.resolve("e.yaml");
    Files.writeString(f, "name: x\nseed: 1\ndata: {plugin: test-idx, images: im.idx, labels: lb.idx}\n"
        + "transforms: {shift: {amounts: [0]}}\nmodels: {A: {plugin: fixed-encoder, units: 2}, H: {plugin: fixed-head, on: A}}\n");
    Result r = exec("run", f.toString(), "--out", dir.resolve("out").toString(), "--cache", dir.resolve("cache").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(im + ": byte 19: truncated"), r.err());
  }

  @Test
  void aModelThatBuildsOnAnUnknownOneExitsTwoAtItsLine() throws Exception {
    Path f = dir.resolve("on.yaml");
    Files.writeString(f, "name: x\nseed: 1\ndata: {plugin: test-digits, count: 20}\ntransforms: {shift: {amounts: [0]}}\n"
        + "models:\n  A: {plugin: fixed-encoder, units: 2}\n  H: {plugin: fixed-head, on: B}\n");
    Result r = exec("validate", f.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().strip().startsWith(f + ":7:"), r.err());
    assertTrue(r.err().contains(": models.H.on: no model named 'B'; models: A, H"), r.err());
  }

  @Test
  void aValidFileValidatesAndTheTestPluginsAreListed() throws Exception {
    Path f = dir.resolve("ok.yaml");
    Files.writeString(f, "name: x\nseed: 1\ndata: {plugin: test-digits, count: 20}\ntransforms: {shift: {amounts: [0]}}\n"
        + "models:\n  A: {plugin: fixed-encoder, units: 2}\n  H: {plugin: fixed-head, on: A}\nprobes: {count: {}}\n");
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true));
    try {
      assertEquals(0, exec("validate", f.toString()).code());
      assertEquals(0, exec("plugins").code());
    } finally {
      System.setOut(old);
    }
    assertTrue(out.toString().contains("valid: experiment 'x'"), out.toString());
    assertTrue(out.toString().contains("data 'test-digits'"), out.toString());
    assertTrue(out.toString().contains("test-digits, test-idx"), out.toString());
  }

  /** What a command printed on stdout (and its exit code, stderr). */
  record Printed(int code, String out, String err) {}

  static Printed printed(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true));
    try {
      Result r = exec(args);
      return new Printed(r.code(), out.toString(), r.err());
    } finally {
      System.setOut(old);
    }
  }

  private Path tinyExperiment() throws Exception {
    Path f = dir.resolve("e.yaml");
    Files.writeString(f, "name: x\nseed: 1\ndata: {plugin: test-digits, count: 20}\ntransforms: {shift: {amounts: [0]}}\n"
        + "models: {A: {plugin: fixed-encoder, units: 2}, H: {plugin: fixed-head, on: A}}\nprobes: {count: {}}\n");
    return f;
  }

  /** -q keeps the terminal to warnings and errors (run.log keeps every line); -v adds the framework's debug messages; before or after the subcommand. */
  @Test
  void quietAndVerboseSetWhatTheTerminalShows() throws Exception {
    Path f = tinyExperiment();
    String cache = dir.resolve("cache").toString();
    Printed normal = printed("run", f.toString(), "--out", dir.resolve("r1").toString(), "--cache", cache, "--metrics-port", "0");
    assertEquals(0, normal.code(), normal.err());
    assertTrue(normal.err().contains(" INFO "), normal.err());
    assertTrue(!normal.err().contains(" DEBUG "), normal.err());

    for (String[] args : new String[][] {{"-q", "run", f.toString()}, {"run", f.toString(), "--quiet"}}) {
      Path out = dir.resolve("q" + args[0]);
      String[] all = Stream.concat(Arrays.stream(args), Stream.of("--out", out.toString(), "--cache", cache, "--metrics-port", "0")).toArray(String[]::new);
      Printed quiet = printed(all);
      assertEquals(0, quiet.code(), quiet.err());
      assertEquals("", quiet.err().strip(), "nothing below a warning: " + quiet.err());
      assertTrue(quiet.out().contains("count"), "the results are still printed: " + quiet.out());
      assertTrue(Files.readString(out.resolve("run.log")).contains(" INFO "), "run.log keeps every line");
    }

    Printed verbose = printed("-v", "validate", f.toString());
    assertEquals(0, verbose.code(), verbose.err());
    assertTrue(verbose.err().contains(" DEBUG ") && verbose.err().contains("invariance -v validate"), verbose.err());
    assertTrue(LoggerFactory.getLogger("org.invariance.run.Runner").isDebugEnabled(), "-v: debug for org.invariance");
    assertTrue(!LoggerFactory.getLogger("io.vertx.core.Vertx").isDebugEnabled(), "-v leaves the libraries alone");
    assertEquals(0, printed("validate", f.toString()).code());
    assertTrue(!LoggerFactory.getLogger("org.invariance.run.Runner").isDebugEnabled(), "the next command is back to info");

    Result both = exec("-v", "validate", f.toString(), "-q");
    assertEquals(2, both.code());
    assertTrue(both.err().startsWith("invariance: -v and -q exclude each other: keep one"), both.err());
    assertEquals(1, both.err().strip().lines().count(), both.err());
  }

  @Test
  void versionNamesTheBuild() {
    for (String[] args : new String[][] {{"--version"}, {"-V"}, {"run", "--version"}}) {
      Printed p = printed(args);
      assertEquals(0, p.code(), p.err());
      assertTrue(p.out().strip().matches("invariance \\S+ \\(commit \\S+, built \\S+\\)"), String.join(" ", args) + ": " + p.out());
    }
  }

  @Test
  void completionPrintsAScriptThatKnowsEverySubcommand() {
    Printed p = printed("completion");
    assertEquals(0, p.code(), p.err());
    assertTrue(p.out().contains("complete -F _complete_invariance"), p.out());
    for (String sub : new String[] {"run", "worker", "validate", "report", "plugins", "completion"}) {
      assertTrue(p.out().contains("_picocli_invariance_" + sub + "()"), sub + " in\n" + p.out());
    }
    assertTrue(p.out().contains("--metrics-port") && p.out().contains("--quiet"), "options too");
  }

  @Test
  void missingFileAndBadArgumentsExitTwo() {
    assertEquals(2, exec("validate", dir.resolve("none.yaml").toString()).code());
    assertEquals(2, exec("run").code());
    assertEquals(2, exec("run", "x.yaml", "--no-such-option").code());
  }

  // file-system and socket failures say what could not be done, to which path or address, and why
  @Test
  void aCacheOrMetricsHostThatCannotBeUsedIsOneLineInWords() throws Exception {
    Path f = dir.resolve("ok.yaml");
    Files.writeString(f, ExperimentLoaderTest.VALID);
    Path blocker = Files.writeString(dir.resolve("a-file"), "x");
    Result cache = exec("run", f.toString(), "--out", dir.resolve("r1").toString(), "--cache", blocker.resolve("cache").toString(), "--metrics-port", "0", "-q");
    assertEquals(2, cache.code(), cache.err());
    assertEquals(blocker.resolve("cache") + ": the cache (data, models, checkpoints) is not writable (Not a directory): choose another with --cache or INVARIANCE_CACHE",
        cache.err().strip());
    Result unresolved = exec("run", f.toString(), "--out", dir.resolve("r2").toString(), "--metrics-host", "no-such-host.invalid", "--metrics-port", "0", "-q");
    assertEquals(2, unresolved.code(), unresolved.err());
    assertTrue(unresolved.err().strip().startsWith("metrics.host: 'no-such-host.invalid' does not resolve to an address"), unresolved.err());
    Result foreign = exec("run", f.toString(), "--out", dir.resolve("r3").toString(), "--metrics-host", "192.0.2.1", "--metrics-port", "0", "-q");
    assertEquals(2, foreign.code(), foreign.err());
    assertTrue(foreign.err().strip().startsWith("metrics.host: cannot listen on 192.0.2.1: it is not an address of this machine"), foreign.err());
    assertEquals(1, foreign.err().strip().lines().count());
  }
}
