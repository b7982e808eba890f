package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher drops the JVM's "Using incubator modules" notice and nothing else, into a file as into a pipe, and the
 * file is whole when the launcher returns: run on a copy of it beside a stand-in {@code java} on the PATH.
 */
class LauncherStderrTest {
  private static final String NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";

  @Test
  void theNoticeAloneIsDroppedIntoAFileAndAPipeAndTheFileIsWholeWhenTheLauncherReturns(@TempDir Path dir) throws Exception {
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("dist/target/lib"));
    Files.copy(DockerComposeTest.ROOT.resolve("invariance"), root.resolve("invariance"));
    Files.writeString(root.resolve("dist/target/.built"), ""); // built: no sources beside it are newer
    Path bin = dir.resolve("bin");
    Files.createDirectories(bin);
    // the JVM's notice first, a line like it but not it, then the last words just before it exits
    script(bin.resolve("java"), "#!/bin/sh\necho '" + NOTICE + "' >&2\necho '" + NOTICE + " (not exactly)' >&2\necho out\nsleep 0.2\necho 'last words' >&2\nexit 3\n");
    script(bin.resolve("nproc"), "#!/bin/sh\necho 2\n");
    String expected = NOTICE + " (not exactly)\nlast words\n";

    Path err = dir.resolve("err.txt");
    Process toFile = launcher(root, bin).redirectError(err.toFile()).start();
    String out = new String(toFile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(toFile.waitFor(60, TimeUnit.SECONDS));
    assertEquals(3, toFile.exitValue(), "the JVM's exit status");
    assertEquals("out\n", out);
    assertEquals(expected, Files.readString(err), "into a file, complete when the launcher has returned");

    Process toPipe = launcher(root, bin).start();
    String piped = new String(toPipe.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(toPipe.waitFor(60, TimeUnit.SECONDS));
    assertEquals(expected, piped, "into a pipe");
  }

  private static ProcessBuilder launcher(Path root, Path bin) {
    ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("invariance").toString(), "plugins").redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    pb.environment().put("INVARIANCE_BLAS_CORETYPE", "Haswell"); // no kernel check
    return pb;
  }

  private static void script(Path file, String text) throws Exception {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
