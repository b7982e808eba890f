package org.invariance.plugins.cka;

import org.invariance.model.Activations;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Column-centred double copies of a representation, whole or a block of its columns. */
final class Centering {
  private Centering() {}

  /**
   * Columns {@code [from, to)} of {@code x} (samples x features) in double precision, each minus its
   * mean. A column that takes one value on every sample becomes exactly 0: its double mean can miss
   * the value by an ulp, and such residues would give a constant representation a spurious CKA.
   * The caller frees the result.
   */
  static INDArray columns(INDArray x, long from, long to) {
    INDArray view = from == 0 && to == x.columns() ? x : x.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    INDArray d = view.castTo(DataType.DOUBLE);
    if (d == view || d.ordering() != 'c' || d.isView()) d = d.dup('c');
    INDArray mean = d.mean(0);
    INDArray max = d.max(0);
    INDArray min = d.min(0);
    INDArray varies = Transforms.sign(max.subi(min), false);  // 1 where the column varies, 0 where constant
    d.subiRowVector(mean).muliRowVector(varies);
    Activations.free(mean);
    Activations.free(max);
    Activations.free(min);
    return d;
  }

  /** The whole of {@code x}, centred. */
  static INDArray all(INDArray x) {
    return columns(x, 0, x.columns());
  }
}
