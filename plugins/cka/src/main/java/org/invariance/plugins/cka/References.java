package org.invariance.plugins.cka;

import java.util.HashMap;
import java.util.Map;
import org.invariance.data.Fingerprint;
import org.invariance.model.NativeMemory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the probe's comparisons share, so none is computed twice:
 * <ul>
 *   <li>the reference representation of the model measured now, per layer, made once and reused for
 *       every dataset compared with it (its centring and self-similarity product are a third of a
 *       comparison's cost), held while they fit a third of the native memory allowed
 *       ({@link NativeMemory#limit()}); beyond that, and for Gram matrices (on the heap), a
 *       comparison makes its own, as a single one would;
 *   <li>each comparison's result by the content of its two representations ({@link Fingerprint}, 64
 *       bits): models that share a layer's activations (every model's first layer is the input
 *       itself) are compared there once.
 * </ul>
 */
final class References implements AutoCloseable {
  private final Map<Integer, Representation> held = new HashMap<>();
  private final Map<Long, Similarity> done = new HashMap<>();
  private String model;
  private long bytes;

  /** {@link Similarity#of(INDArray, INDArray, int[][])} of {@code model}'s reference {@code x} at {@code layer} and {@code y}. */
  Similarity compare(String model, int layer, INDArray x, INDArray y, int[][] perms) {
    if (!model.equals(this.model)) {
      release();
      this.model = model;
    }
    long key = Fingerprint.of(x, y) ^ (perms == null ? 0 : 31L * perms.length + 1);
    Similarity known = done.get(key);
    if (known != null) return known;
    Representation rx = held.get(layer);
    if (rx == null && !Representation.gram(x.rows(), Math.max(x.columns(), y.columns())) && bytes + 8 * x.length() <= NativeMemory.limit() / 3) {
      rx = Representation.of(x, false);
      held.put(layer, rx);
      bytes += 8 * x.length();
    }
    Similarity s = rx == null ? Similarity.of(x, y, perms) : Similarity.of(rx, y, perms);
    done.put(key, s);
    return s;
  }

  private void release() {
    held.values().forEach(Representation::close);
    held.clear();
    bytes = 0;
  }

  @Override
  public void close() {
    release();
  }
}
