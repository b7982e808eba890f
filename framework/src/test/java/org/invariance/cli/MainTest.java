package org.invariance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and the one-line error of the command (plugins found through ServiceLoader: none here). */
class MainTest {
  @TempDir Path dir;

  record Result(int code, String err) {}

  static Result exec(String... args) {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true));
    try {
      return new Result(Main.execute(args), err.toString());
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
    assertEquals(f + ":3:1: sed: unknown key 'sed'; known keys: data, encoders, heads, name, probes, seed, transform", r.err().strip());
  }

  @Test
  void missingFileAndBadArgumentsExitTwo() {
    assertEquals(2, exec("validate", dir.resolve("none.yaml").toString()).code());
    assertEquals(2, exec("run").code());
    assertEquals(2, exec("run", "x.yaml", "--no-such-option").code());
  }
}
