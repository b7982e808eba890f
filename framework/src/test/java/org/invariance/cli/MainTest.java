package org.invariance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and the one-line error of the command (the test plugins are registered through ServiceLoader). */
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
    assertEquals(f + ":3:1: sed: unknown key 'sed'; known keys: data, encoders, heads, metrics, name, probes, seed, transform", r.err().strip());
    assertEquals(1, r.err().strip().lines().count());
  }

  @Test
  void aMalformedIdxFileExitsTwoWithItsByteOffset() throws Exception {
    Path im = dir.resolve("im.idx");
    Files.write(im, new byte[] {0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3});
    Files.write(dir.resolve("lb.idx"), new byte[] {0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3, 4, 5});
    Path f = dir.resolve("e.yaml");
    Files.writeString(f, "name: x\nseed: 1\ndata: {source: idx, images: im.idx, labels: lb.idx}\n"
        + "transform: {plugin: shift, mix: [0]}\nencoders: {A: {plugin: fixed-encoder, units: 2}}\nheads: {plugin: fixed-head}\n");
    Result r = exec("run", f.toString(), "--out", dir.resolve("out").toString(), "--cache", dir.resolve("cache").toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(im + ": byte 19: truncated"), r.err());
  }

  @Test
  void missingFileAndBadArgumentsExitTwo() {
    assertEquals(2, exec("validate", dir.resolve("none.yaml").toString()).code());
    assertEquals(2, exec("run").code());
    assertEquals(2, exec("run", "x.yaml", "--no-such-option").code());
  }
}
