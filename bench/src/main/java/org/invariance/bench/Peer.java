package org.invariance.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a PyTorch peer script with the settings that make PyTorch fastest here, and parses its line. */
final class Peer {
  private Peer() {}

  /** The peer could not run or printed no result; the message says why, in one line. */
  static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static PeerResult run(Path script, String python, String... args) throws Unavailable {
    List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.put("OMP_WAIT_POLICY", "PASSIVE");
    // the launcher's OPENBLAS_CORETYPE names the kernel verified for ND4J's bundled OpenBLAS 0.3.19; PyTorch
    // links the system's OpenBLAS, whose own choice for this CPU is its best (Debian's 0.3.21 picks Cooperlake
    // where the name forced here was SkylakeX: 26.4 vs 30.8 ms for the AE step): the peer chooses for itself
    env.remove("OPENBLAS_CORETYPE");
    env.put("MALLOC_MMAP_THRESHOLD_", Long.toString(32L << 20)); // glibc's maximum: freed buffers are reused, no fresh pages per step
    env.put("MALLOC_TRIM_THRESHOLD_", Long.toString(1L << 31));
    try {
      Process p = pb.start();
      // stderr drained beside stdout, so neither pipe can fill and stall the peer
      StringBuilder err = new StringBuilder();
      Thread errReader = new Thread(() -> {
        try {
          err.append(new String(p.getErrorStream().readAllBytes()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, "peer-stderr");
      errReader.start();
      String out = new String(p.getInputStream().readAllBytes());
      boolean done = p.waitFor(10, TimeUnit.MINUTES);
      errReader.join(10_000);
      if (!done) {
        p.destroyForcibly();
        throw new Unavailable("timed out after 10 minutes", null);
      }
      if (p.exitValue() != 0) {
        String why = err.toString().isBlank() ? out : err.toString();
        throw new Unavailable(why.isBlank() ? "exit status " + p.exitValue() : PeerResult.lastLine(why), null);
      }
      return PeerResult.parse(out);
    } catch (IOException | IllegalArgumentException e) {
      throw new Unavailable(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted", e);
    }
  }
}
