package org.invariance.plugins.frozenhead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.invariance.data.IdxReader;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.model.Activations;
import org.invariance.model.Model;
import org.invariance.study.autoencoder.Encoder;
import org.invariance.study.autoencoder.TiedAutoencoder;
import org.invariance.testing.KilledCheckpoint;
import org.invariance.testing.TestData;
import org.invariance.testing.TestTrainingContext;
import org.invariance.testing.TinyModels;
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
    TransformFamily none = noShift(28, 28);
    FrozenHead c = (FrozenHead) new FrozenHeadTrainer().train(new TestTrainingContext("A", d, none, enc, 1), new FrozenHeadConfig(0.5, 32, 600));
    assertSame(enc, c.upstream(), "the head sits on the upstream model itself");
    assertEquals(w0, enc.weights().get(0), "the encoder is frozen");
    assertEquals(enc.layerNames(), c.layerNames(), "its layers are the upstream's");
    assertEquals(10, c.classes());
    INDArray x = Nd4j.create(d.pixels(), new long[] {d.count(), 784}, 'c');
    int[] labels = new int[d.count()];
    for (int i = 0; i < labels.length; i++) labels[i] = d.label(i);
    double acc = Activations.accuracy(Activations.argmax(c.forward(x).probabilities()), labels);
    assertTrue(acc > 0.95, "accuracy " + acc);

    // it stores only the head; read back on the same upstream it classifies the same
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      c.write(out);
    }
    Model back = new FrozenHeadTrainer().read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), new FrozenHeadConfig(null, null, null), enc);
    assertEquals(c.forward(x).probabilities(), back.forward(x).probabilities());
  }

  /** Killed after a checkpoint or between two, then resumed: the head's weights equal an uninterrupted run's bit for bit. */
  @Test
  void resumedTrainingEndsWithTheSameHeadBitForBit() throws Exception {
    TestData.writeBars(dir.resolve("im"), dir.resolve("lb"), 300);
    Images d = IdxReader.digits("bars", dir.resolve("im"), dir.resolve("lb"));
    Encoder enc = TiedAutoencoder.init(new int[] {784, 64, 32}, 1, DataType.FLOAT).encoder();
    FrozenHeadConfig c = new FrozenHeadConfig(0.5, 32, 60); // 300 images in batches of 32: epochs end mid-run
    byte[] straight = bytes(new FrozenHeadTrainer().train(new TestTrainingContext("A", d, noShift(28, 28), enc, 1), c));
    for (long killAt : new long[] {30, 37}) {
      KilledCheckpoint cp = new KilledCheckpoint(10, killAt);
      TestTrainingContext ctx = new TestTrainingContext("A", d, noShift(28, 28), enc, 1, cp);
      assertThrows(KilledCheckpoint.Killed.class, () -> new FrozenHeadTrainer().train(ctx, c));
      byte[] resumed = bytes(new FrozenHeadTrainer().train(ctx, c));
      assertEquals(30, cp.resumedAt(), "resumed from the last checkpoint, not from scratch");
      assertArrayEquals(straight, resumed, "killed after iteration " + killAt);
    }
    assertEquals(enc.layers(), new FrozenHeadTrainer().layers(c, enc.layers()), "its layers are known before training");
  }

  private static byte[] bytes(Model m) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      m.write(out);
    }
    return b.toByteArray();
  }

  /** A transform family with the single amount 0 (no transformation). */
  static TransformFamily noShift(int w, int h) {
    return new TransformFamily("shift", (amount, ww, hh) -> (src, so, dst, d) -> System.arraycopy(src, so, dst, d, ww * hh), List.of(0.0), w, h);
  }

  @Test
  void needsAnEncoder() {
    Images d = new Images("x", 1, 1, new float[] {0}, new byte[] {0});
    TransformFamily none = TinyModels.shifts(1, 0);
    assertThrows(IllegalStateException.class, () -> new FrozenHeadTrainer().train(new TestTrainingContext("A", d, none, null, 1), new FrozenHeadConfig(null, null, null)));
  }
}
