package org.invariance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer's plumbing, with a shell script standing in for Python (no torch needed). */
class PeerTest {
  @TempDir
  Path dir;

  private Path script(String body) throws IOException {
    Path s = dir.resolve("peer.sh");
    Files.writeString(s, body);
    return s;
  }

  @Test
  void passesArgumentsAndTheTuningEnvironmentAndReadsTheLastLine() throws Exception {
    // prints its arguments' count and the policy the caller set, then the JSON line; noise on stderr
    Path s = script("echo \"args $# $OMP_WAIT_POLICY\"\necho 'chatter' >&2\n"
        + "echo '{\"torch\": \"x\", \"threads\": 1, \"blas\": \"b\", \"coretype\": \"'$OMP_WAIT_POLICY'\", \"ms\": [3.0, 1.0, 2.0]}'\n");
    PeerResult r = Peer.run(s, "/bin/sh", "--iterations", "3");
    assertEquals(2.0, r.step().medianMs(), 1e-12);
    assertEquals("PASSIVE", r.coretype());
  }

  @Test
  void thePeerChoosesItsOwnBlasKernel() throws Exception {
    // whatever OPENBLAS_CORETYPE this JVM was started with (the launcher forces one for ND4J's OpenBLAS), the peer gets none
    Path s = script("echo '{\"torch\": \"x\", \"threads\": 1, \"blas\": \"b\", \"coretype\": \"['${OPENBLAS_CORETYPE-unset}']\", \"ms\": [1.0]}'\n");
    assertEquals("[unset]", Peer.run(s, "/bin/sh").coretype());
  }

  @Test
  void aFailingPeerSaysWhyInOneLine() throws Exception {
    Path s = script("echo 'Traceback (most recent call last):' >&2\necho \"ModuleNotFoundError: No module named 'torch'\" >&2\nexit 1\n");
    Peer.Unavailable e = assertThrows(Peer.Unavailable.class, () -> Peer.run(s, "/bin/sh"));
    assertEquals("ModuleNotFoundError: No module named 'torch'", e.getMessage());
  }

  @Test
  void aMissingInterpreterOrAResultlessPeerIsUnavailable() throws Exception {
    Path s = script("echo done\n");
    assertThrows(Peer.Unavailable.class, () -> Peer.run(s, dir.resolve("no-such-python").toString()));
    Peer.Unavailable e = assertThrows(Peer.Unavailable.class, () -> Peer.run(s, "/bin/sh"));
    assertTrue(e.getMessage().contains("done"), e.getMessage());
  }
}
