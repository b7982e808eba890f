package org.invariance.bus;

import java.util.List;
import org.invariance.data.Dataset;
import org.invariance.model.Activations;
import org.invariance.model.Model;
import org.invariance.model.DenseLayers;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The bytes of the arrays a message refers to. Messages of a run travel by reference, so this is
 * what a copy would cost, not what was copied; it is what the bus-traffic metrics report.
 */
public final class PayloadSize {
  private PayloadSize() {}

  public static long bytes(Object body) {
    if (body instanceof Activations a) return arrays(a.layers()) + bytes(a.probabilities()) + (a.predicted() == null ? 0 : 4L * a.predicted().length) + bytes(a.dataset());
    if (body instanceof Dataset d) return bytes(d.images()) + 4L * d.labels().length + 8L * d.amounts().length;
    // a model's weights are counted where they are visible; other models' sizes are their plugin's business
    if (body instanceof DenseLayers e) return arrays(e.weights()) + arrays(e.biases());
    if (body instanceof Model) return 0;
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
