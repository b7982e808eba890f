package org.invariance.plugins.cka;

import org.invariance.analysis.Layers;
import org.invariance.data.DatasetSpec;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeContext;
import org.invariance.results.ResultWriter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Linear CKA (centered kernel alignment; Kornblith et al. 2019, "Similarity of Neural Network
 * Representations Revisited") between a layer's representations of the same images upright and
 * transformed: 1 when the transform changes the representation only by a rotation and scaling of its
 * space, near 0 when the two share no linear structure. A per-layer, whole-representation view of
 * invariance, beyond the study. Rows {@code model, dataset, layer, metric=cka, value}.
 */
public final class CkaProbe implements Probe<CkaConfig> {
  @Override
  public Class<CkaConfig> configType() {
    return CkaConfig.class;
  }

  @Override
  public void run(ProbeContext ctx, CkaConfig c) {
    ResultWriter out = ctx.results("layer");
    try (Progress p = ctx.progress("cka", (long) ctx.models().size() * c.datasets().size())) {
      for (String model : ctx.models()) {
        Activations ref = ctx.activations(model, DatasetSpec.parse(c.reference()));
        for (String d : c.datasets()) {
          Activations other = ctx.activations(model, DatasetSpec.parse(d));
          for (int layer : Layers.resolve(c.layers(), ref.top(), model)) {
            out.row(model, ref.dataset().name() + " vs " + other.dataset().name(), "cka", linear(ref.layer(layer), other.layer(layer)), layer);
          }
          other.close();
          p.advance(1);
        }
        ref.close();
      }
    }
  }

  /** Linear CKA of two (samples x features) matrices of the same samples: ||Y'X||^2 / (||X'X|| ||Y'Y||) after centering. */
  static double linear(INDArray x, INDArray y) {
    INDArray xc = center(x);
    INDArray yc = center(y);
    double cross = sqAndFree(yc.transpose().mmul(xc));
    double xx = Math.sqrt(sqAndFree(xc.transpose().mmul(xc)));
    double yy = Math.sqrt(sqAndFree(yc.transpose().mmul(yc)));
    Activations.free(xc);
    Activations.free(yc);
    return xx == 0 || yy == 0 ? Double.NaN : cross / (xx * yy);
  }

  private static INDArray center(INDArray a) {
    INDArray d = a.castTo(DataType.DOUBLE);
    if (d == a) d = a.dup('c');
    INDArray mean = d.mean(0);
    d.subiRowVector(mean);
    Activations.free(mean);
    return d;
  }

  private static double sqAndFree(INDArray m) {
    double n = m.norm2Number().doubleValue();
    Activations.free(m);
    return n * n;
  }
}
