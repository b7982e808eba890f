package org.invariance.plugins.frozenhead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.invariance.model.Activations;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SoftmaxTrainingTest {
  /** Three classes, each a noisy one-hot feature: a softmax layer separates them. */
  @Test
  void learnsSeparableClassesAndIsDeterministic() {
    int n = 300;
    SplittableRandom r = new SplittableRandom(1);
    INDArray x = Nd4j.zeros(DataType.FLOAT, n, 6);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3;
      for (int j = 0; j < 6; j++) x.putScalar(i, j, 0.3 * r.nextDouble());
      x.putScalar(i, 2 * y[i], 1.0);
    }
    SoftmaxTraining.Result a = SoftmaxTraining.train(x, y, 3, 0.5, 32, 400, 9, null);
    int[] pred = Activations.argmax(a.head().probabilities(x));
    assertTrue(Activations.accuracy(pred, y) > 0.98, "accuracy " + Activations.accuracy(pred, y));
    assertTrue(a.lastLoss() < 0.3, "loss " + a.lastLoss());
    SoftmaxTraining.Result b = SoftmaxTraining.train(x, y, 3, 0.5, 32, 400, 9, null);
    assertEquals(a.head().weights(), b.head().weights());
  }

  @Test
  void probabilitiesSumToOneAndAFeatureSwitchedOffLosesItsWeights() {
    INDArray w = Nd4j.create(new float[] {1, -1, 2, 0}, new long[] {2, 2}, 'c');
    SoftmaxHead h = new SoftmaxHead(w, Nd4j.zeros(DataType.FLOAT, 1, 2));
    INDArray p = h.probabilities(Nd4j.create(new float[] {1, 0}, new long[] {1, 2}, 'c'));
    // logits (1, -1): softmax = (e/(e+1/e), ...)
    double e1 = Math.exp(1);
    double em1 = Math.exp(-1);
    assertEquals(e1 / (e1 + em1), p.getDouble(0, 0), 1e-6);
    assertEquals(1.0, p.sumNumber().doubleValue(), 1e-6);
    // switched off as probes do it (Model.forwardWithout): on features (1, 1), logits (3, -1) become (2, 0)
    Model m = new FrozenHead(new Features(2), h);
    INDArray x = Nd4j.create(new float[] {1, 1}, new long[] {1, 2}, 'c');
    Forward off = m.forwardWithout(x, 1, x, new int[] {0});
    double e2 = Math.exp(2);
    assertEquals(e2 / (e2 + 1), off.probabilities().getDouble(0, 0), 1e-6);
    assertArrayEquals(new float[] {1, 1}, x.data().asFloat(), "the activity given is untouched");
    assertArrayEquals(new float[] {1, -1, 2, 0}, h.weights().data().asFloat(), "and so is the head");
  }

  /** An upstream whose only layer is its input: the head sits on the features themselves. */
  private record Features(int n) implements Model {
    @Override public List<String> layerNames() { return List.of("input"); }
    @Override public int[] layerSizes() { return new int[] {n}; }
    @Override public int classes() { return 0; }
    @Override public Forward forward(int from, INDArray activity) { return new Forward(List.of(activity), null); }
    @Override public void write(DataOutputStream out) {}
  }
}
