package org.invariance.plugins.cka;

import java.util.HashMap;
import java.util.Map;
import org.invariance.model.NativeMemory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One model's reference representations, per layer, made once and reused for every dataset compared
 * with them: the reference's centring and self-similarity product are a third of a comparison's cost.
 * Held while they fit a third of the native memory allowed ({@link NativeMemory#limit()}); beyond
 * that, and for Gram matrices (on the heap), a comparison makes its own, as a single one would.
 */
final class References implements AutoCloseable {
  private final Map<Integer, Representation> held = new HashMap<>();
  private long bytes;

  /** {@link Similarity#of(INDArray, INDArray, int[][])} of the reference {@code x} at {@code layer} and {@code y}. */
  Similarity compare(int layer, INDArray x, INDArray y, int[][] perms) {
    Representation rx = held.get(layer);
    if (rx == null && !Representation.gram(x.rows(), Math.max(x.columns(), y.columns())) && bytes + 8 * x.length() <= NativeMemory.limit() / 3) {
      rx = Representation.of(x, false);
      held.put(layer, rx);
      bytes += 8 * x.length();
    }
    return rx == null ? Similarity.of(x, y, perms) : Similarity.of(rx, y, perms);
  }

  @Override
  public void close() {
    held.values().forEach(Representation::close);
    held.clear();
  }
}
