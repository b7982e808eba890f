package org.invariance.plugins.frozenhead;

import org.invariance.data.Images;
import org.invariance.metrics.Progress;
import org.invariance.nn.Classifier;
import org.invariance.nn.Encoder;
import org.invariance.nn.Model;
import org.invariance.nn.SoftmaxTraining;
import org.invariance.plugin.ModelKind;
import org.invariance.plugin.Trainer;
import org.invariance.plugin.TrainingContext;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a softmax layer on the frozen encoder's top layer with upright training digits. The encoder
 * is frozen, so its features are computed once and the head trains on them.
 */
public final class FrozenHeadTrainer implements Trainer<FrozenHeadConfig> {
  @Override
  public Class<FrozenHeadConfig> configType() {
    return FrozenHeadConfig.class;
  }

  @Override
  public ModelKind produces() {
    return ModelKind.CLASSIFIER;
  }

  @Override
  public Model train(TrainingContext ctx, FrozenHeadConfig c) {
    Encoder encoder = ctx.upstream().orElseThrow(() -> new IllegalStateException("frozen-head needs an encoder to sit on"));
    Images d = ctx.trainImages();
    INDArray x = Nd4j.create(d.pixels(), new long[] {d.count(), d.size()}, 'c');
    INDArray features = encoder.encode(x);
    int[] labels = new int[d.count()];
    for (int i = 0; i < labels.length; i++) labels[i] = d.labels()[i];
    try (Progress p = ctx.progress("head", c.iterations())) {
      p.value("lr", c.lr());
      SoftmaxTraining.Result r = SoftmaxTraining.train(features, labels, 10, c.lr(), c.batch(), c.iterations(), ctx.seed("frozen-head/order"), (it, loss) -> {
        p.samples(Math.min(c.batch(), labels.length));
        if (!Double.isNaN(loss)) p.value("loss", loss);
        p.done(it);
      });
      p.value("loss", r.lastLoss());
      return new Classifier(encoder, r.head());
    }
  }
}
