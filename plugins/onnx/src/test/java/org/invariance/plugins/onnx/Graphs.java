package org.invariance.plugins.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import onnx.Onnx;

/** Small ONNX models built by hand, whose every value a test can compute on paper. */
final class Graphs {
  private Graphs() {}

  /**
   * x [batch, 2] -> h = Relu(x W), W = I -> y = h + x (a skip around h) -> scores = y V, V = [[1, 0, 0], [0, 1, 0]]:
   * the scores are (y0, y1, 0). {@code batch} 0 makes the batch dimension symbolic.
   */
  static byte[] skip(int batch) {
    Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("skip")
        .addInput(value("x", batch, 2))
        .addOutput(value("scores", batch, 3))
        .addInitializer(tensor("W", new long[] {2, 2}, 1, 0, 0, 1))
        .addInitializer(tensor("V", new long[] {2, 3}, 1, 0, 0, 0, 1, 0))
        .addNode(node("MatMul", "z", "x", "W"))
        .addNode(node("Relu", "h", "z"))
        .addNode(node("Add", "y", "h", "x"))
        .addNode(node("MatMul", "scores", "y", "V"));
    return model(g);
  }

  /** x [batch, 3, 4, 4] -> p = GlobalAveragePool(x) [batch, 3, 1, 1] -> scores = Flatten(p): the mean of each channel. */
  static byte[] channelMeans() {
    Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("means")
        .addInput(value("x", 0, 3, 4, 4))
        .addOutput(value("scores", 0, 3))
        .addNode(node("GlobalAveragePool", "p", "x"))
        .addNode(node("Flatten", "scores", "p"));
    return model(g);
  }

  /**
   * x [batch, 1, 28, 28] -> p = GlobalMaxPool(x) -> r = Relu(Flatten(p)) [batch, 1] -> scores = r W,
   * W = (0, 1, ..., 9): class 9 wins for any image with a bright pixel, every class ties on a blank one.
   */
  static byte[] brightest28() {
    float[] w = new float[10];
    for (int i = 0; i < 10; i++) w[i] = i;
    Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("brightest")
        .addInput(value("x", 0, 1, 28, 28))
        .addOutput(value("scores", 0, 10))
        .addInitializer(tensor("W", new long[] {1, 10}, w))
        .addNode(node("GlobalMaxPool", "p", "x"))
        .addNode(node("Flatten", "f", "p"))
        .addNode(node("Relu", "r", "f"))
        .addNode(node("MatMul", "scores", "r", "W"));
    return model(g);
  }

  /** The skip network with a node of a type no ONNX Runtime knows. */
  static byte[] unknownOperator() {
    Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("odd")
        .addInput(value("x", 0, 2))
        .addOutput(value("scores", 0, 2))
        .addNode(node("Relu", "h", "x"))
        .addNode(node("NoSuchOperator", "scores", "h"));
    return model(g);
  }

  static Path write(Path dir, String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static byte[] model(Onnx.GraphProto.Builder g) {
    return Onnx.ModelProto.newBuilder().setIrVersion(7).setProducerName("invariance-test")
        .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g).build().toByteArray();
  }

  private static Onnx.NodeProto node(String op, String output, String... inputs) {
    Onnx.NodeProto.Builder n = Onnx.NodeProto.newBuilder().setOpType(op).setName(op + "_" + output).addOutput(output);
    for (String i : inputs) n.addInput(i);
    return n.build();
  }

  /** A float tensor value; a dimension of 0 is symbolic ("batch"). */
  private static Onnx.ValueInfoProto value(String name, long... dims) {
    Onnx.TensorShapeProto.Builder s = Onnx.TensorShapeProto.newBuilder();
    for (long d : dims) s.addDim(d == 0 ? Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("batch") : Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    return Onnx.ValueInfoProto.newBuilder().setName(name)
        .setType(Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
  }

  private static Onnx.TensorProto tensor(String name, long[] dims, float... values) {
    Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE);
    for (long d : dims) t.addDims(d);
    for (float v : values) t.addFloatData(v);
    return t.build();
  }
}
