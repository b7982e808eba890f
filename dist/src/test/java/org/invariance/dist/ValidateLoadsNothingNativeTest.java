package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.invariance.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} checks a file without loading native code: no ND4J backend, no JavaCPP loader,
 * no OpenBLAS (each costs seconds to load and is of no use to a check). One child JVM validates
 * every shipped experiment with its class loading logged; the log must name none of those classes.
 */
class ValidateLoadsNothingNativeTest {
  /** Classes whose loading means native code is on its way: JavaCPP's loader, ND4J's factory and native bindings, OpenBLAS. */
  static final List<String> NATIVE = List.of("org.bytedeco.javacpp.Loader ", "org.nd4j.linalg.factory.Nd4j ", "org.nd4j.nativeblas.",
      "org.nd4j.linalg.cpu.nativecpu.", "org.bytedeco.openblas.");

  @TempDir Path dir;

  /** The child JVM's entry: {@code validate} on each file named, one line of exit status each. */
  public static final class ValidateEach {
    public static void main(String[] files) {
      for (String f : files) System.out.println("rc " + Main.execute("validate", f, "-q") + " " + f);
    }
  }

  @Test
  void validatingTheShippedExperimentsLoadsNoNativeCode() throws Exception {
    List<String> files = new ArrayList<>(List.of(DefaultExperimentTest.EXPERIMENT.toString(), Path.of("..", "experiments-full.yaml").toString()));
    try (Stream<Path> examples = Files.list(ExamplesTest.EXAMPLES)) {
      examples.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> files.add(p.toString()));
    }
    Path classes = dir.resolve("classes.log");
    Path out = dir.resolve("out.log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-XX:TieredStopAtLevel=1", "-Xlog:class+load=info:file=" + classes, "-Djava.awt.headless=true", "--add-modules", "jdk.incubator.vector",
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), ValidateEach.class.getName()));
    cmd.addAll(files);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "validate finished");
    assertEquals(0, p.exitValue(), Files.readString(out));
    String log = Files.readString(out);
    for (String f : files) {
      // onnx-fashion.yaml names a data folder that export-images makes first: its check stops at that line, as it should
      if (!f.endsWith("onnx-fashion.yaml")) assertTrue(log.contains("rc 0 " + f), f + " is valid:\n" + log);
    }
    String loaded = Files.readString(classes);
    assertTrue(loaded.contains("org.invariance.cli.ValidateCommand "), "the log records the classes validate loads");
    for (String c : NATIVE) assertTrue(!loaded.contains("] " + c), "validate loaded " + c.trim() + ":\n" + lines(loaded, c));
  }

  private static String lines(String log, String c) {
    return String.join("\n", log.lines().filter(l -> l.contains(c)).limit(5).toList());
  }
}
