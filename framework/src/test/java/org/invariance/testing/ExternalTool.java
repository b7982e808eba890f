package org.invariance.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Finds a real program a test drives (Debian's chromium, prometheus). Where it is missing the test
 * is skipped with a reason, except where {@code INVARIANCE_REQUIRE_TOOLS} names it (CI installs
 * them and sets it), so CI cannot pass by skipping.
 */
public final class ExternalTool {
  private ExternalTool() {}

  public static Path require(String program) {
    Path p = find(program);
    assumeTrue(p != null, program + " is not installed (apt-get install -y " + program + "); .ci/run installs it");
    return p;
  }

  /** The program, or null where it is missing (for a test that checks more besides); fails where {@code INVARIANCE_REQUIRE_TOOLS} names it. */
  public static Path find(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) return p;
    }
    String required = System.getenv().getOrDefault("INVARIANCE_REQUIRE_TOOLS", "");
    if (Arrays.asList(required.split(",")).contains(program)) {
      fail(program + " is not on the PATH but INVARIANCE_REQUIRE_TOOLS requires it (apt-get install -y " + program + ")");
    }
    return null;
  }

  /**
   * A Python that imports {@code module}: the first of {@code python3} on the PATH and
   * {@code /usr/bin/python3} that does (a pyenv or venv python often lacks Debian's packages).
   * Missing, the test is skipped, unless {@code INVARIANCE_REQUIRE_TOOLS} names {@code module}.
   *
   * @param debianPackage the package that brings it, for the message
   */
  public static String python(String module, String debianPackage) {
    for (String python : List.of("python3", "/usr/bin/python3")) {
      try {
        Process p = new ProcessBuilder(python, "-c", "import " + module).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() == 0) return python;
      } catch (IOException noPython) {
        // the next one
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    if (Arrays.asList(System.getenv().getOrDefault("INVARIANCE_REQUIRE_TOOLS", "").split(",")).contains(module)) {
      fail("python3 cannot import " + module + " but INVARIANCE_REQUIRE_TOOLS requires it (apt-get install -y " + debianPackage + ")");
    }
    assumeTrue(false, "python3 with " + module + " is not installed (apt-get install -y " + debianPackage + "); .ci/run installs it");
    return null;
  }
}
