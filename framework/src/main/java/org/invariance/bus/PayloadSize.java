package org.invariance.bus;

import java.util.List;
import org.invariance.data.Dataset;
import org.invariance.nn.Activations;
import org.invariance.nn.Classifier;
import org.invariance.nn.Encoder;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The bytes of the arrays a message refers to. Messages of a run travel by reference, so this is
 * what a copy would cost, not what was copied; it is what the bus-traffic metrics report.
 */
public final class PayloadSize {
  private PayloadSize() {}

  public static long bytes(Object body) {
    if (body instanceof Activations a) return arrays(a.layers()) + bytes(a.softmax()) + 4L * a.predicted().length + bytes(a.dataset());
    if (body instanceof Dataset d) return bytes(d.images()) + 4L * d.labels().length + 8L * d.amounts().length;
    if (body instanceof Encoder e) return arrays(e.weights()) + arrays(e.biases());
    if (body instanceof Classifier c) return bytes(c.encoder()) + bytes(c.head().weights()) + bytes(c.head().bias());
    if (body instanceof Events.ResultBatch b) return 8L * b.rows().size();
    return 0;
  }

  private static long bytes(INDArray a) {
    return a == null ? 0 : a.length() * a.dataType().width();
  }

  private static long arrays(List<INDArray> list) {
    long n = 0;
    for (INDArray a : list) n += bytes(a);
    return n;
  }
}
