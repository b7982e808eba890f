package {{package}};

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.invariance.config.InvalidConfig;
import org.invariance.data.Images;
import org.invariance.model.Activations;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.invariance.testing.TestTrainingContext;
import org.invariance.testing.TinyModels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The plugin trained and read back through the framework's test context, on images small enough to work out by hand. */
class {{Name}}PluginTest {
  /** Four images of 3 x 1 pixels: class 0 bright on the left, class 1 on the right. Means (0.9, 0.1, 0) and (0, 0.1, 0.9). */
  final Images images = TinyModels.digits(3, new float[][] {{1, 0, 0}, {0.8f, 0.2f, 0}, {0, 0, 1}, {0, 0.2f, 0.8f}}, new int[] {0, 0, 1, 1});
  final {{Name}}Config config = new {{Name}}Config(null);

  Model trained() {
    // the model's name, its training images, a transform family it may draw from, no upstream stage, the experiment's seed
    TestTrainingContext ctx = new TestTrainingContext("M", images, TinyModels.shifts(3, 0), null, 1);
    return new {{Name}}Plugin().train(ctx, config);
  }

  static INDArray rows(float[]... rows) {
    float[] all = new float[rows.length * rows[0].length];
    for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, all, i * rows[0].length, rows[0].length);
    return Nd4j.create(all, new long[] {rows.length, rows[0].length}, 'c');
  }

  @Test
  void layerTwoIsMinusTheSquaredDistanceToEachMeanAndTheNearestWins() {
    Model m = trained();
    assertEquals(2, m.classes());
    assertEquals(new {{Name}}Plugin().layers(config, 0), m.layers());
    Forward f = m.forward(rows(new float[] {1, 0, 0}));
    // to (0.9, 0.1, 0): 0.01 + 0.01; to (0, 0.1, 0.9): 1 + 0.01 + 0.81
    assertArrayEquals(new float[] {-0.02f, -1.82f}, Activations.floats(f.layers().get(1)), 1e-6f);
    double p0 = 1 / (1 + Math.exp(-1.8));
    assertArrayEquals(new float[] {(float) p0, (float) (1 - p0)}, Activations.floats(f.probabilities()), 1e-6f);
    assertEquals(1, Activations.argmax(m.forward(rows(new float[] {0, 0.4f, 0.6f})).probabilities())[0]);
  }

  @Test
  void aPassFromLayerTwoGivesTheFullPassProbabilities() {
    Model m = trained();
    INDArray input = rows(new float[] {0.3f, 0.3f, 0.4f}, new float[] {1, 1, 0});
    Forward full = m.forward(input);
    assertArrayEquals(Activations.floats(full.probabilities()), Activations.floats(m.forward(2, full.layers().get(1)).probabilities()));
  }

  @Test
  void whatItWritesReadsBackAsTheSameModel() throws Exception {
    Model m = trained();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m.write(new DataOutputStream(bytes));
    Model back = new {{Name}}Plugin().read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), config, null);
    INDArray input = rows(new float[] {0.5f, 0.2f, 0.1f});
    assertArrayEquals(Activations.floats(m.forward(input).probabilities()), Activations.floats(back.forward(input).probabilities()));
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    back.write(new DataOutputStream(again));
    assertArrayEquals(bytes.toByteArray(), again.toByteArray());
  }

  @Test
  void aMistakeNamesItsField() {
    assertEquals("temperature", assertThrows(InvalidConfig.class, () -> new {{Name}}Config(0.0)).field());
  }
}
