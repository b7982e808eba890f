package org.invariance.plugins.frozenhead;

import java.io.DataInputStream;
import java.io.IOException;
import org.invariance.data.Images;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.invariance.plugin.Checkpoint;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.TrainingContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Trains a softmax layer on the top layer of a frozen upstream model ({@code on:}) with untransformed
 * training images. The upstream is frozen, so its features are computed once (in chunks, freeing
 * each chunk's lower layers at once) and the head trains on them. It checkpoints the head's weights
 * and iteration; the features are recomputed from the stored upstream on resume.
 */
public final class FrozenHeadTrainer implements ModelPlugin<FrozenHeadConfig> {
  private static final int CHUNK = 5000;

  @Override
  public Class<FrozenHeadConfig> configType() {
    return FrozenHeadConfig.class;
  }

  @Override
  public Upstream upstream() {
    return Upstream.REQUIRED;
  }

  @Override
  public int layers(FrozenHeadConfig config, int upstreamLayers) {
    return upstreamLayers; // the softmax gives class probabilities, not a layer
  }

  @Override
  public Model train(TrainingContext ctx, FrozenHeadConfig c) throws IOException {
    Model upstream = ctx.upstream().orElseThrow(() -> new IllegalStateException("frozen-head needs a model to sit on (on: <model>)"));
    Images d = ctx.trainImages();
    INDArray features = features(upstream, d);
    int[] labels = new int[d.count()];
    for (int i = 0; i < labels.length; i++) labels[i] = d.label(i);
    SoftmaxTraining t = new SoftmaxTraining(features, labels, d.classes().size(), c.lr(), c.batch(), ctx.seed("frozen-head/order"));
    Checkpoint checkpoint = ctx.checkpoint();
    long start = checkpoint.resume(t::readState);
    try (Progress p = ctx.progress("head", c.iterations())) {
      p.value("lr", c.lr());
      p.done(start);
      for (long it = start + 1; it <= c.iterations(); it++) {
        double loss = t.step(it == c.iterations() || it % 50 == 0);
        p.samples(Math.min(c.batch(), labels.length));
        if (!Double.isNaN(loss)) p.value("loss", loss);
        p.done(it);
        checkpoint.after(it, t::writeState);
      }
      Activations.free(features);
      return new FrozenHead(upstream, t.head());
    }
  }

  /** The upstream's top-layer activity for every training image. */
  static INDArray features(Model upstream, Images d) {
    int top = upstream.layerSizes()[upstream.layers() - 1];
    INDArray out = Nd4j.create(DataType.FLOAT, d.count(), top);
    for (int from = 0; from < d.count(); from += CHUNK) {
      int n = Math.min(CHUNK, d.count() - from);
      float[] px = new float[n * d.size()];
      System.arraycopy(d.pixels(), from * d.size(), px, 0, px.length);
      INDArray x = Nd4j.create(px, new long[] {n, d.size()}, 'c');
      Forward f = upstream.forward(x);
      out.get(NDArrayIndex.interval(from, from + n), NDArrayIndex.all()).assign(f.top());
      for (INDArray a : f.layers()) Activations.free(a);
      Activations.free(f.probabilities());
      Activations.free(x);
    }
    return out;
  }

  @Override
  public Model read(DataInputStream in, FrozenHeadConfig config, Model upstream) throws IOException {
    return new FrozenHead(upstream, new SoftmaxHead(Nd4j.read(in), Nd4j.read(in)));
  }
}
