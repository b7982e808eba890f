package org.invariance.plugins.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.experiment.ConfigBinder;
import org.invariance.model.Model;
import org.invariance.study.autoencoder.Encoder;
import org.invariance.testing.KilledCheckpoint;
import org.invariance.testing.TestTrainingContext;
import org.invariance.testing.TinyModels;
import org.invariance.testing.WatchingContext;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class AutoencoderTrainerTest {
  static AutoencoderConfig config(String yaml) throws Exception {
    return ConfigBinder.MAPPER.treeToValue(new YAMLMapper().readTree(yaml), AutoencoderConfig.class);
  }

  /** 40 images of 1x6 pixels; image i lights pixel i % 3. */
  static Images digits() {
    float[] px = new float[40 * 6];
    byte[] lb = new byte[40];
    for (int i = 0; i < 40; i++) {
      px[i * 6 + i % 3] = 1f;
      lb[i] = (byte) (i % 3);
    }
    return new Images("T", 6, 1, px, lb);
  }

  static TransformFamily shifts() {
    return TinyModels.shifts(6, 0, 1, 2, 3);
  }

  @Test
  void defaultsAreTheStudysHyperparameters() throws Exception {
    AutoencoderConfig c = config("iterations: 380000");
    assertEquals(List.of(512, 256, 128), c.layers());
    assertEquals(1000, c.batch());
    assertEquals(0.01, c.lr());
    assertEquals(0.9, c.momentum());
    assertEquals(0.004, c.weightDecay());
    assertEquals(AutoencoderConfig.Target.UPRIGHT, c.target());
  }

  @Test
  void learningRateFallsTenPercentEveryTenThousandIterations() throws Exception {
    AutoencoderConfig c = config("iterations: 380000");
    assertEquals(0.01, c.learningRate(1), 1e-15);
    assertEquals(0.01, c.learningRate(10_000), 1e-15);
    assertEquals(0.009, c.learningRate(10_001), 1e-15);
    assertEquals(0.0081, c.learningRate(20_001), 1e-15);
    assertEquals(0.01 * Math.pow(0.9, 37), c.learningRate(380_000), 1e-15);
  }

  @Test
  void mixInputRotatesEachDrawAfreshWhileTheTargetStaysUpright() throws Exception {
    Images d = digits();
    AutoencoderConfig c = config("{iterations: 1, batch: 40, input: mix, target: upright}");
    AutoencoderTrainer.Batches b = new AutoencoderTrainer.Batches(d, shifts(), c, 1, 2);
    b.next();
    int shifted = 0;
    for (int k = 0; k < 40; k++) {
      float[] in = Arrays.copyOfRange(b.input, k * 6, k * 6 + 6);
      float[] tgt = Arrays.copyOfRange(b.target, k * 6, k * 6 + 6);
      int hot = indexOf(tgt);
      assertTrue(hot >= 0 && hot < 3, "target is an upright image");
      int moved = indexOf(in);
      if (moved < 0) continue; // shifted out of the 6 pixels
      assertTrue(moved - hot >= 0 && moved - hot <= 3, "input is the target shifted by an amount of the mix");
      if (moved != hot) shifted++;
    }
    assertTrue(shifted > 10, "most draws are transformed: " + shifted);
    // the next epoch draws the same images with new amounts
    float[] first = b.input.clone();
    b.next();
    assertFalse(Arrays.equals(first, b.input));
  }

  @Test
  void aTableOfTransformedDigitsGivesTheSameBatchesAsTransformingEachDraw() throws Exception {
    AutoencoderConfig c = config("{iterations: 1, batch: 16, input: mix}");
    AutoencoderTrainer.Batches table = new AutoencoderTrainer.Batches(digits(), shifts(), c, 3, 4);
    AutoencoderTrainer.Batches onTheFly = new AutoencoderTrainer.Batches(digits(), shifts(), c, 3, 4, 0);
    for (int b = 0; b < 7; b++) {
      table.next();
      onTheFly.next();
      assertArrayEquals(onTheFly.input, table.input);
      assertArrayEquals(onTheFly.target, table.target);
    }
  }

  @Test
  void uprightInputAndInputTarget() throws Exception {
    AutoencoderConfig c = config("{iterations: 1, batch: 10, input: mix, target: input}");
    AutoencoderTrainer.Batches b = new AutoencoderTrainer.Batches(digits(), shifts(), c, 1, 2);
    b.next();
    assertArrayEquals(b.input, b.target, "target: input reconstructs what it saw");
    AutoencoderConfig u = config("{iterations: 1, batch: 10}");
    AutoencoderTrainer.Batches ub = new AutoencoderTrainer.Batches(digits(), shifts(), u, 1, 2);
    ub.next();
    assertArrayEquals(ub.input, ub.target);
    for (int k = 0; k < 10; k++) assertTrue(indexOf(Arrays.copyOfRange(ub.input, k * 6, k * 6 + 6)) < 3, "upright");
  }

  @Test
  void trainingIsDeterministicAndInputMatters() throws Exception {
    AutoencoderConfig mix = config("{iterations: 30, batch: 8, layers: [4, 2], input: mix, lr: 0.1}");
    AutoencoderConfig up = config("{iterations: 30, batch: 8, layers: [4, 2], lr: 0.1}");
    Encoder a = (Encoder) new AutoencoderTrainer().train(new TestTrainingContext("A", digits(), shifts(), null, 5), mix);
    Encoder b = (Encoder) new AutoencoderTrainer().train(new TestTrainingContext("B", digits(), shifts(), null, 5), mix);
    Encoder c = (Encoder) new AutoencoderTrainer().train(new TestTrainingContext("C", digits(), shifts(), null, 5), up);
    assertArrayEquals(new int[] {6, 4, 2}, a.sizes());
    assertEquals(a.weights().get(0), b.weights().get(0), "same config and seed, same weights");
    assertNotEquals(a.weights().get(0), c.weights().get(0), "rotated inputs train different weights");
  }

  /**
   * Killed right after a checkpoint (iteration 20) or between two (23: iterations 21-23 are lost and
   * done again), then resumed: the weights equal an uninterrupted run's bit for bit. Momentum, a
   * learning rate that steps down every 8 iterations and a mix of amounts make every part of the
   * state matter.
   */
  @Test
  void resumedTrainingEndsWithTheSameWeightsBitForBit() throws Exception {
    AutoencoderConfig c = config("{iterations: 40, batch: 8, layers: [4, 2], input: mix, lr: 0.5, lr_factor: 0.5, lr_step: 8, momentum: 0.9}");
    byte[] straight = bytes(new AutoencoderTrainer().train(new TestTrainingContext("A", digits(), shifts(), null, 5), c));
    for (long killAt : new long[] {20, 23}) {
      KilledCheckpoint cp = new KilledCheckpoint(5, killAt);
      TestTrainingContext ctx = new TestTrainingContext("A", digits(), shifts(), null, 5, cp);
      assertThrows(KilledCheckpoint.Killed.class, () -> new AutoencoderTrainer().train(ctx, c));
      byte[] resumed = bytes(new AutoencoderTrainer().train(ctx, c));
      assertEquals(20, cp.resumedAt(), "resumed from the last checkpoint, not from scratch");
      assertArrayEquals(straight, resumed, "killed after iteration " + killAt);
    }
  }

  /** A watch that looks at every iteration (running the encoder as it is then) leaves the weights as they would be unwatched, bit for bit. */
  @Test
  void beingWatchedChangesNoWeight() throws Exception {
    AutoencoderConfig c = config("{iterations: 12, batch: 8, layers: [4, 2], input: mix, lr: 0.5, momentum: 0.9}");
    byte[] unwatched = bytes(new AutoencoderTrainer().train(new TestTrainingContext("A", digits(), shifts(), null, 5), c));
    WatchingContext watching = new WatchingContext(new TestTrainingContext("A", digits(), shifts(), null, 5),
        Nd4j.create(digits().pixels(), new long[] {40, 6}, 'c'));
    assertArrayEquals(unwatched, bytes(new AutoencoderTrainer().train(watching, c)));
    assertEquals(13, watching.looked.size(), "offered before the first iteration and after each: " + watching.looked);
  }

  @Test
  void layersAreKnownBeforeTraining() throws Exception {
    AutoencoderConfig c = config("{iterations: 1, batch: 8, layers: [4, 2]}");
    assertEquals(new AutoencoderTrainer().train(new TestTrainingContext("A", digits(), shifts(), null, 5), c).layers(), new AutoencoderTrainer().layers(c, 0));
  }

  /** A table of transformed digits takes at most a quarter of the heap, and never more than TABLE_BYTES. */
  @Test
  void theTableOfTransformedDigitsFitsTheHeap() {
    assertEquals(128L << 20, AutoencoderTrainer.Batches.tableBytes(512L << 20));
    assertEquals(AutoencoderTrainer.Batches.TABLE_BYTES, AutoencoderTrainer.Batches.tableBytes(8L << 30));
  }

  /** The new keys at their defaults leave the resolved config (and so a stored model's identity) as it was before they existed. */
  @Test
  void protocolKeysAtTheirDefaultsAreLeftOutOfTheResolvedConfig() throws Exception {
    AutoencoderConfig plain = config("iterations: 10");
    assertEquals(AutoencoderConfig.Init.GLOROT_SIGMOID, plain.init());
    assertFalse(plain.biasDecay());
    var tree = ConfigBinder.MAPPER.valueToTree(plain);
    assertFalse(tree.has("init") || tree.has("bias_decay"), tree.toString());
    assertEquals(tree, ConfigBinder.MAPPER.valueToTree(config("{iterations: 10, init: glorot-sigmoid, bias_decay: false}")), "naming the default is the default");
    var other = ConfigBinder.MAPPER.valueToTree(config("{iterations: 10, init: he, bias_decay: true}"));
    assertEquals("he", other.get("init").asText());
    assertTrue(other.get("bias_decay").asBoolean());
    assertEquals(AutoencoderConfig.Init.GLOROT, config("{iterations: 10, init: glorot}").init());
    assertThrows(Exception.class, () -> config("{iterations: 10, init: xavier}"));
  }

  /** Another init or bias decay trains other weights; the named default trains the very same ones. */
  @Test
  void initAndBiasDecayChangeTheWeights() throws Exception {
    String base = "{iterations: 20, batch: 8, layers: [4, 2], input: mix, lr: 0.5, weight_decay: 0.05";
    byte[] plain = bytes(new AutoencoderTrainer().train(new TestTrainingContext("A", digits(), shifts(), null, 5), config(base + "}")));
    byte[] named = bytes(new AutoencoderTrainer().train(new TestTrainingContext("A", digits(), shifts(), null, 5), config(base + ", init: glorot-sigmoid, bias_decay: false}")));
    byte[] glorot = bytes(new AutoencoderTrainer().train(new TestTrainingContext("A", digits(), shifts(), null, 5), config(base + ", init: glorot}")));
    byte[] decay = bytes(new AutoencoderTrainer().train(new TestTrainingContext("A", digits(), shifts(), null, 5), config(base + ", bias_decay: true}")));
    assertArrayEquals(plain, named);
    assertFalse(Arrays.equals(plain, glorot));
    assertFalse(Arrays.equals(plain, decay));
  }

  private static byte[] bytes(Model m) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    m.write(new DataOutputStream(b));
    return b.toByteArray();
  }

  private static int indexOf(float[] a) {
    for (int i = 0; i < a.length; i++) if (a[i] == 1f) return i;
    return -1;
  }
}
