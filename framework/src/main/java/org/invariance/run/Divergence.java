package org.invariance.run;

import java.util.stream.IntStream;
import org.invariance.data.Images;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training that diverged is not finished training: a loss a trainer reports that is NaN or infinite
 * stops the model's training with one line (model, phase, iteration, the value), and a trained
 * model whose activity on a sample of its training images is NaN or infinite is refused before it
 * is stored. Either way the run fails and nothing of that model is kept for reuse.
 */
final class Divergence {
  /** Training images a trained model is run on before it is stored. */
  static final int SAMPLE = 64;

  private Divergence() {}

  /** Thrown when a model's training diverged; its message is the one line the user reads. */
  static final class Diverged extends IllegalStateException {
    Diverged(String message) {
      super(message);
    }
  }

  /** {@code inner}, stopping the training at the first loss that is not a finite number. */
  static Progress guard(String model, String phase, Progress inner) {
    return new Progress() {
      private long done;
      private double lr = Double.NaN;

      @Override public void done(long steps) {
        done = steps;
        inner.done(steps);
      }

      @Override public void advance(long steps) {
        done += steps;
        inner.advance(steps);
      }

      @Override public void value(String name, double value) {
        inner.value(name, value);
        if (name.equals("lr")) lr = value;
        if (name.equals("loss") && !Double.isFinite(value)) {
          throw new Diverged("model " + model + " diverged: its " + phase + " loss is " + value + " after iteration " + done
              + (Double.isNaN(lr) ? "" : " (learning rate " + lr + ")") + "; nothing of it is stored: a smaller learning rate may help");
        }
      }

      @Override public void samples(long count) {
        inner.samples(count);
      }

      @Override public void close() {
        inner.close();
      }
    };
  }

  /** Refuses a trained model whose layers or probabilities on the first training images are not finite numbers. */
  static void checkActivity(String model, Model m, Images train) {
    int n = Math.min(SAMPLE, train.count());
    if (n == 0) return;
    Images sample = train.select(IntStream.range(0, n).toArray());
    INDArray x = Nd4j.create(sample.pixels(), new long[] {n, sample.size()}, 'c');
    Forward f = m.forward(x);
    try {
      for (int l = 1; l < f.layers().size(); l++) {
        if (!finite(f.layers().get(l))) {
          throw new Diverged("model " + model + " diverged: its layer " + (l + 1) + " (" + m.layerNames().get(l) + ") is not a finite number on its training images; nothing of it is stored: a smaller learning rate may help");
        }
      }
      if (f.probabilities() != null && !finite(f.probabilities())) {
        throw new Diverged("model " + model + " diverged: its class probabilities are not finite numbers on its training images; nothing of it is stored: a smaller learning rate may help");
      }
    } finally {
      for (int l = 1; l < f.layers().size(); l++) Activations.free(f.layers().get(l));
      Activations.free(f.probabilities());
      Activations.free(x);
    }
  }

  private static boolean finite(INDArray a) {
    for (float v : Activations.floats(a)) if (!Float.isFinite(v)) return false;
    return true;
  }
}
