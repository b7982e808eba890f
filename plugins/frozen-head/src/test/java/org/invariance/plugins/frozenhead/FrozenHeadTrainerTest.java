package org.invariance.plugins.frozenhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.invariance.data.Images;
import org.invariance.data.IdxReader;
import org.invariance.data.TransformFamily;
import org.invariance.nn.Classifier;
import org.invariance.nn.Encoder;
import org.invariance.nn.TiedAutoencoder;
import org.invariance.plugin.NoConfig;
import org.invariance.testing.TestData;
import org.invariance.testing.TestPlugins;
import org.invariance.testing.TestTrainingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FrozenHeadTrainerTest {
  @TempDir Path dir;

  @Test
  void studyDefaults() {
    FrozenHeadConfig c = new FrozenHeadConfig(null, null, null);
    assertEquals(0.05, c.lr());
    assertEquals(128, c.batch());
    assertEquals(1000, c.iterations());
  }

  /** Ten bar classes through a random frozen encoder: the head alone learns them; the encoder is untouched. */
  @Test
  void learnsOnFrozenFeaturesWithoutChangingTheEncoder() throws Exception {
    TestData.writeBars(dir.resolve("im"), dir.resolve("lb"), 300);
    Images d = IdxReader.digits("bars", dir.resolve("im"), dir.resolve("lb"));
    Encoder enc = TiedAutoencoder.init(new int[] {784, 64, 32}, 1, DataType.FLOAT).encoder();
    INDArray w0 = enc.weights().get(0).dup();
    TransformFamily none = new TransformFamily(new TestPlugins.Shift(), new NoConfig(), List.of(0.0), 28, 28);
    Classifier c = (Classifier) new FrozenHeadTrainer().train(new TestTrainingContext("A", d, none, enc, 1), new FrozenHeadConfig(0.5, 32, 600));
    assertEquals(w0, c.encoder().weights().get(0), "the encoder is frozen");
    INDArray x = Nd4j.create(d.pixels(), new long[] {d.count(), 784}, 'c');
    int[] labels = new int[d.count()];
    for (int i = 0; i < labels.length; i++) labels[i] = d.labels()[i];
    double acc = Activations.accuracy(Activations.argmax(c.probabilities(x)), labels);
    assertTrue(acc > 0.95, "accuracy " + acc);
  }

  @Test
  void needsAnEncoder() {
    Images d = new Images("x", 1, 1, new float[] {0}, new byte[] {0});
    TransformFamily none = new TransformFamily(new TestPlugins.Shift(), new NoConfig(), List.of(0.0), 1, 1);
    assertThrows(IllegalStateException.class, () -> new FrozenHeadTrainer().train(new TestTrainingContext("A", d, none, null, 1), new FrozenHeadConfig(null, null, null)));
  }
}
