package org.invariance.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Finds a real program a test drives (Debian's chromium, prometheus). Where it is missing the test
 * is skipped with a reason, except where {@code INVARIANCE_REQUIRE_TOOLS} names it (CI installs
 * them and sets it), so CI cannot pass by skipping.
 */
public final class ExternalTool {
  private ExternalTool() {}

  public static Path require(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) return p;
    }
    String required = System.getenv().getOrDefault("INVARIANCE_REQUIRE_TOOLS", "");
    if (Arrays.asList(required.split(",")).contains(program)) {
      fail(program + " is not on the PATH but INVARIANCE_REQUIRE_TOOLS requires it (apt-get install -y " + program + ")");
    }
    assumeTrue(false, program + " is not installed (apt-get install -y " + program + "); .ci/run installs it");
    return null;
  }
}
