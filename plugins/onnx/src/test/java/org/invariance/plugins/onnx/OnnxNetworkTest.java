package org.invariance.plugins.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.invariance.config.InvalidConfig;
import org.invariance.data.ImageShape;
import org.invariance.model.Forward;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The network as probes see it, on graphs whose every value is computed here by hand. */
class OnnxNetworkTest {
  private static final ImageShape PAIR = new ImageShape(1, 1, 2);
  private static final OnnxConfig PLAIN = new OnnxConfig("m.onnx", null, null, null, null, null);

  private static INDArray rows(float[][] values) {
    return Nd4j.create(values);
  }

  /** Softmax of (a, b, 0). */
  private static float[] softmax(double a, double b) {
    double m = Math.max(0, Math.max(a, b));
    double ea = Math.exp(a - m), eb = Math.exp(b - m), e0 = Math.exp(-m);
    double s = ea + eb + e0;
    return new float[] {(float) (ea / s), (float) (eb / s), (float) (e0 / s)};
  }

  // x = (1, 2), (-1, 3): h = relu(x) = (1, 2), (0, 3); y = h + x = (2, 4), (-1, 6); scores (y0, y1, 0)
  @Test
  void layersAndProbabilitiesOfTheGraph() throws IOException {
    try (OnnxNetwork net = new OnnxNetwork(Graphs.skip(0), PLAIN, PAIR)) {
      assertEquals(List.of("input", "h"), net.layerNames(), "the Relu's output is a layer by default");
      assertArrayEquals(new int[] {2, 2}, net.layerSizes());
      assertEquals(3, net.classes());
      INDArray x = rows(new float[][] {{1, 2}, {-1, 3}});
      Forward f = net.forward(x);
      assertEquals(x, f.layers().get(0), "layer 1 is the input as given");
      assertArrayEquals(new float[] {1, 2, 0, 3}, f.layers().get(1).data().asFloat());
      float[] p = f.probabilities().data().asFloat();
      assertArrayEquals(softmax(2, 4), Arrays.copyOfRange(p, 0, 3), 1e-6f);
      assertArrayEquals(softmax(-1, 6), Arrays.copyOfRange(p, 3, 6), 1e-6f);
    }
  }

  // switching h0 off inside the graph: y = h * (0, 1) + x = (1, 4), (-1, 6); the skip still carries x.
  // Running on from the masked activity alone (the default for a chain of layers) would lose it: y = (0, 2).
  @Test
  void aNeuronSwitchedOffInsideTheGraphKeepsTheSkipConnection() throws IOException {
    try (OnnxNetwork net = new OnnxNetwork(Graphs.skip(0), PLAIN, PAIR)) {
      INDArray x = rows(new float[][] {{1, 2}, {-1, 3}});
      Forward plain = net.forward(x);
      Forward f = net.forwardWithout(x, 2, plain.layers().get(1), new int[] {0});
      assertEquals(1, f.layers().size(), "layer 2, the top");
      assertArrayEquals(new float[] {0, 2, 0, 3}, f.layers().get(0).data().asFloat(), "the masked layer");
      float[] p = f.probabilities().data().asFloat();
      assertArrayEquals(softmax(1, 4), Arrays.copyOfRange(p, 0, 3), 1e-6f);
      assertArrayEquals(softmax(-1, 6), Arrays.copyOfRange(p, 3, 6), 1e-6f, "h0 was 0 already: nothing changes");
      assertArrayEquals(new float[] {1, 2, -1, 3}, x.data().asFloat(), "the input is left as it was");
      // input value 0 switched off: x = (0, 2), (0, 3); h = relu(x) = x; y = (0, 4), (0, 6)
      Forward in = net.forwardWithout(x, 1, x, new int[] {0});
      assertArrayEquals(new float[] {0, 2, 0, 3}, in.layers().get(0).data().asFloat());
      assertArrayEquals(new float[] {0, 2, 0, 3}, in.layers().get(1).data().asFloat());
      assertArrayEquals(softmax(0, 6), Arrays.copyOfRange(in.probabilities().data().asFloat(), 3, 6), 1e-6f);
    }
  }

  // a graph with a fixed batch of 4 is fed 4 at a time, the last call padded: the same numbers as the dynamic graph
  @Test
  void aFixedBatchIsPaddedAndGivesTheSameNumbers() throws IOException {
    float[][] x = new float[7][2];
    for (int i = 0; i < 7; i++) x[i] = new float[] {i - 3, 2 - i};
    try (OnnxNetwork fixed = new OnnxNetwork(Graphs.skip(4), PLAIN, PAIR); OnnxNetwork any = new OnnxNetwork(Graphs.skip(0), new OnnxConfig("m.onnx", null, null, null, null, 3), PAIR)) {
      Forward a = fixed.forward(rows(x));
      Forward b = any.forward(rows(x));
      assertEquals(b.probabilities(), a.probabilities());
      assertEquals(b.layers().get(1), a.layers().get(1));
      assertEquals(7, a.probabilities().rows());
    }
  }

  // mean and std per channel: the channel means of (x - m) / s are (mean(x) - m) / s; colour images in CHW order
  @Test
  void colourImagesAreNormalisedPerChannel() throws IOException {
    ImageShape rgb = new ImageShape(3, 4, 4);
    float[] image = new float[48];
    for (int c = 0; c < 3; c++) for (int p = 0; p < 16; p++) image[c * 16 + p] = (c + 1) * 0.25f; // channel means 0.25, 0.5, 0.75
    OnnxConfig c = new OnnxConfig("m.onnx", List.of(0.5, 0.5, 0.5), List.of(0.25, 0.5, 0.25), null, null, null);
    try (OnnxNetwork net = new OnnxNetwork(Graphs.channelMeans(), c, rgb)) {
      assertEquals(List.of("input", "p"), net.layerNames(), "the pooling's output is a layer by default");
      Forward f = net.forward(Nd4j.create(image, new long[] {1, 48}, 'c'));
      assertArrayEquals(new float[] {-1, 0, 1}, f.layers().get(1).data().asFloat(), 1e-6f);
    }
  }

  // what does not fit is said in words
  @Test
  void whatDoesNotFitIsSaidInWords() {
    IOException shape = assertThrows(IOException.class, () -> new OnnxNetwork(Graphs.channelMeans(), PLAIN, ImageShape.grey(28, 28)));
    assertTrue(shape.getMessage().contains("takes inputs of shape [batch, 3, 4, 4], the data's images are 1x28x28") && shape.getMessage().contains("colour images are needed"),
        shape.getMessage());
    IOException odd = assertThrows(IOException.class, () -> new OnnxNetwork(Graphs.unknownOperator(), PLAIN, PAIR));
    assertTrue(odd.getMessage().startsWith("ONNX Runtime cannot run it") && odd.getMessage().contains("NoSuchOperator"), odd.getMessage());
    IOException junk = assertThrows(IOException.class, () -> new OnnxNetwork("not a model".getBytes(), PLAIN, PAIR));
    assertTrue(junk.getMessage().startsWith("not an ONNX model"), junk.getMessage());
    var missing = assertThrows(InvalidConfig.class, () -> new OnnxNetwork(Graphs.skip(0), new OnnxConfig("m.onnx", null, null, List.of("h", "conv9"), null, null), PAIR));
    assertEquals("layers.1", missing.field());
    assertTrue(missing.getMessage().contains("no node of the graph makes 'conv9'; values: z, h, y, scores"), missing.getMessage());
    var channels = assertThrows(InvalidConfig.class, () -> new OnnxNetwork(Graphs.skip(0), new OnnxConfig("m.onnx", List.of(0.1, 0.2), null, null, null, null), PAIR));
    assertEquals("mean", channels.field());
  }

  // stored and read back: the same numbers
  @Test
  void writtenAndReadBack() throws IOException {
    INDArray x = rows(new float[][] {{1, 2}, {-1, 3}});
    try (OnnxNetwork net = new OnnxNetwork(Graphs.skip(0), PLAIN, PAIR)) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      net.write(new DataOutputStream(b));
      try (OnnxNetwork back = OnnxNetwork.read(new DataInputStream(new ByteArrayInputStream(b.toByteArray())), PLAIN)) {
        assertEquals(net.forward(x).probabilities(), back.forward(x).probabilities());
        assertEquals(net.layerNames(), back.layerNames());
      }
    }
  }
}
