package org.invariance.plugins.dl4j;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.invariance.data.Epochs;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fixed number of minibatches for Deeplearning4j's {@code fit}: images drawn from reshuffled
 * epochs, each transformed by a random amount of a family when one is given, labels one-hot. Not
 * asynchronous, so the order is the seeds' alone.
 */
final class MinibatchIterator implements DataSetIterator {
  private final Images images;
  private final TransformFamily mix;
  private final int batch;
  private final int total;
  private final SplittableRandom corruption;
  private final Epochs epoch;
  private final float[] pixels;
  private int served;

  MinibatchIterator(Images images, TransformFamily mix, int batch, int total, long orderSeed, long corruptionSeed) {
    if (images.count() == 0) throw new IllegalArgumentException("no training images");
    this.images = images;
    this.mix = mix;
    this.batch = batch;
    this.total = total;
    this.corruption = new SplittableRandom(corruptionSeed);
    this.epoch = new Epochs(images.count(), new SplittableRandom(orderSeed));
    this.pixels = new float[batch * images.size()];
  }

  @Override
  public boolean hasNext() {
    return served < total;
  }

  /** Draws what the first {@code batches} minibatches draw (images and amounts) without making them: where a resumed training stands. */
  void skip(int batches) {
    for (long n = 0; n < (long) batches * batch; n++) {
      epoch.next();
      if (mix != null) corruption.nextInt(mix.amounts().size());
    }
    served += batches;
  }

  @Override
  public DataSet next() {
    if (!hasNext()) throw new NoSuchElementException();
    int s = images.size();
    float[] px = images.pixels();
    int classes = images.classes().size();
    float[] labels = new float[batch * classes];
    for (int k = 0; k < batch; k++) {
      int i = epoch.next();
      if (mix != null) mix.applyRandom(corruption, px, i * s, pixels, k * s);
      else System.arraycopy(px, i * s, pixels, k * s, s);
      labels[k * classes + images.label(i)] = 1f;
    }
    served++;
    INDArray x = Nd4j.create(pixels.clone(), new long[] {batch, s}, 'c');
    INDArray y = Nd4j.create(labels, new long[] {batch, classes}, 'c');
    return new DataSet(x.castTo(DataType.FLOAT), y);
  }

  @Override
  public DataSet next(int num) {
    return next();
  }

  @Override public int inputColumns() { return images.size(); }
  @Override public int totalOutcomes() { return images.classes().size(); }
  @Override public boolean resetSupported() { return false; }
  @Override public boolean asyncSupported() { return false; }
  @Override public void reset() { throw new UnsupportedOperationException("a fixed number of seeded minibatches: not restartable"); }
  @Override public int batch() { return batch; }
  @Override public void setPreProcessor(DataSetPreProcessor preProcessor) { throw new UnsupportedOperationException("images arrive ready"); }
  @Override public DataSetPreProcessor getPreProcessor() { return null; }
  @Override public List<String> getLabels() { return images.classes(); }
}
