package org.invariance.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PeerResultTest {
  /** What bench/cnn.py prints, after a warning line of the kind torch writes to stdout. */
  private static final String CNN = "UserWarning: something about threads\n"
      + "{\"torch\": \"1.13.0a0\", \"threads\": 2, \"blas\": \"generic -> /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3\","
      + " \"coretype\": \"Cooperlake (its own choice)\", \"mkldnn\": true, \"params\": 37610, \"batch\": 64, \"ms\": [9.0, 7.0, 8.0, 30.5],"
      + " \"forward_images\": 1000, \"forward_ms\": [120.0, 110.0, 130.0]}\n\n";

  /** What bench/tied_ae.py prints: no forward times, no parameter count. */
  private static final String AE = "{\"torch\": \"1.13.0a0\", \"threads\": 2, \"blas\": \"generic\", \"coretype\": \"\", \"ms\": [40.0, 42.0, 41.0]}";

  @Test
  void readsTheLastLineOfTheCnnPeer() {
    PeerResult r = PeerResult.parse(CNN);
    assertEquals("1.13.0a0", r.torch());
    assertEquals(2, r.threads());
    assertTrue(r.mkldnn());
    assertEquals(37610, r.params());
    assertEquals(CnnBench.PARAMS, r.params(), "bench/cnn.py's network has dl4j's parameter count");
    assertArrayEquals(new double[] {9.0, 7.0, 8.0, 30.5}, r.ms());
    Measurement step = r.step();
    assertEquals(8.5, step.medianMs(), 1e-12);
    assertEquals(7.0, step.minMs(), 1e-12);
    assertEquals(30.5, step.maxMs(), 1e-12);
    Measurement fwd = r.forward();
    assertEquals(120.0, fwd.medianMs(), 1e-12);
    assertEquals(3, fwd.repeats());
    assertEquals("torch 1.13.0a0, 2 threads, BLAS generic -> /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3, OpenBLAS kernel Cooperlake (its own choice),"
        + " passive OpenMP, buffers kept", r.settings());
  }

  @Test
  void theAePeersLineHasNoForwardAndKeepsItsNote() {
    PeerResult r = PeerResult.parse(AE);
    assertEquals(41.0, r.step().medianMs(), 1e-12);
    assertNull(r.forward());
    assertEquals(-1, r.params());
    assertFalse(r.mkldnn());
    // the AE row's note; a peer that could not name its kernel says so
    assertEquals("torch 1.13.0a0, 2 threads, BLAS generic, OpenBLAS kernel ?, passive OpenMP, buffers kept", r.settings());
  }

  @Test
  void saysWhatIsWrongWithOutputThatIsNoResult() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeerResult.parse("ModuleNotFoundError: No module named 'torch'\n"));
    assertTrue(e.getMessage().contains("No module named 'torch'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PeerResult.parse("{\"torch\": \"1.13\", \"ms\": [1.0,"));
    assertThrows(IllegalArgumentException.class, () -> PeerResult.parse("{\"torch\": \"1.13\", \"ms\": []}"));
    assertThrows(IllegalArgumentException.class, () -> PeerResult.parse("{\"torch\": \"1.13\"}"));
    assertThrows(IllegalArgumentException.class, () -> PeerResult.parse("{\"torch\": \"1.13\", \"ms\": [1.0, \"x\"]}"));
    assertThrows(IllegalArgumentException.class, () -> PeerResult.parse(""));
  }
}
