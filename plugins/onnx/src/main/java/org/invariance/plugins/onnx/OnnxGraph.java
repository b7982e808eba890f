package org.invariance.plugins.onnx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import onnx.Onnx;

/**
 * An ONNX model's graph, read with the ONNX protobuf classes that ship inside {@code nd4j-api}: its
 * image input, its outputs, the values its nodes make, and two rewritten copies for ONNX Runtime
 * (which only returns graph outputs): one that also outputs the values probes see as layers, and one
 * that multiplies each such value by a mask given as an input before anything reads it, which is
 * how neurons are switched off inside the graph (a skip connection that bypasses the value still
 * carries the unmasked activity, as the network would).
 */
final class OnnxGraph {
  /** Node types whose output a probe sees by default: activations ... */
  static final Set<String> ACTIVATIONS = Set.of("Relu", "Sigmoid", "Tanh", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "Gelu", "Softplus", "Softsign",
      "HardSigmoid", "HardSwish", "Mish", "ThresholdedRelu", "Clip");
  /** ... and poolings. */
  static final Set<String> POOLINGS = Set.of("MaxPool", "AveragePool", "LpPool", "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool");
  /** Prefix of the names this class adds to a graph (masks and masked values). */
  static final String ADDED = "invariance_";

  private final Onnx.ModelProto model;
  /** Every value a node makes, with the type of the node that makes it, in the graph's order. */
  private final Map<String, String> produced = new LinkedHashMap<>();
  private final String input;

  private OnnxGraph(Onnx.ModelProto model) throws IOException {
    this.model = model;
    Onnx.GraphProto g = model.getGraph();
    if (g.getNodeCount() == 0) throw new IOException("its graph has no nodes");
    for (Onnx.NodeProto n : g.getNodeList()) for (String o : n.getOutputList()) if (!o.isEmpty()) produced.put(o, n.getOpType());
    Set<String> initializers = new HashSet<>();
    for (Onnx.TensorProto t : g.getInitializerList()) initializers.add(t.getName());
    List<String> inputs = new ArrayList<>();
    for (Onnx.ValueInfoProto v : g.getInputList()) if (!initializers.contains(v.getName())) inputs.add(v.getName());
    if (inputs.size() != 1) throw new IOException("the network takes " + inputs.size() + " inputs " + inputs + "; probes feed it images, one input");
    this.input = inputs.get(0);
    if (g.getOutputCount() == 0) throw new IOException("its graph has no outputs");
  }

  /** Reads a model file's bytes; a file that is not an ONNX model is an IOException in words. */
  static OnnxGraph parse(byte[] bytes) throws IOException {
    Onnx.ModelProto m;
    try {
      m = Onnx.ModelProto.parseFrom(bytes);
    } catch (IOException | RuntimeException e) {
      throw new IOException("not an ONNX model (its protobuf cannot be read: " + e.getMessage() + ")");
    }
    if (!m.hasGraph()) throw new IOException("not an ONNX model (it holds no graph)");
    return new OnnxGraph(m);
  }

  /** The name of the image input. */
  String input() {
    return input;
  }

  /** The input's dimensions as declared, -1 where symbolic or unknown (a dynamic batch); empty when its rank is unknown. */
  long[] inputDims() {
    for (Onnx.ValueInfoProto v : model.getGraph().getInputList()) {
      if (!v.getName().equals(input)) continue;
      if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) return new long[0];
      List<Onnx.TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
      long[] d = new long[dims.size()];
      for (int i = 0; i < d.length; i++) d[i] = dims.get(i).hasDimValue() ? dims.get(i).getDimValue() : -1;
      return d;
    }
    return new long[0];
  }

  /** The graph's outputs, in order. */
  List<String> outputs() {
    return model.getGraph().getOutputList().stream().map(Onnx.ValueInfoProto::getName).toList();
  }

  /** The type of the node that makes {@code value}, or null when no node makes it. */
  String producer(String value) {
    return produced.get(value);
  }

  /** Every value a node makes, in the graph's order. */
  List<String> values() {
    return List.copyOf(produced.keySet());
  }

  /** The output of every activation and pooling node, in the graph's order. */
  List<String> defaultLayers() {
    List<String> out = new ArrayList<>();
    produced.forEach((value, op) -> {
      if (ACTIVATIONS.contains(op) || POOLINGS.contains(op)) out.add(value);
    });
    return out;
  }

  /** The opset of the default ONNX domain the model imports. */
  long opset() {
    return model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")).mapToLong(Onnx.OperatorSetIdProto::getVersion).max().orElse(0);
  }

  /** The model with {@code outputs} (graph values, in order) as its only outputs. */
  byte[] withOutputs(List<String> outputs) {
    Onnx.GraphProto.Builder g = model.getGraph().toBuilder().clearOutput();
    for (String o : outputs) g.addOutput(floatValue(o));
    return model.toBuilder().setGraph(g).build().toByteArray();
  }

  /**
   * The model with every value of {@code layers} multiplied by an input mask before anything reads
   * it: layer {@code k}'s mask is the input {@link #keep}(k) (broadcast over the batch, 1 keeps a
   * neuron, 0 switches it off) and its masked value {@link #masked}(k). The outputs are the masked
   * layers, then {@code scores} (its masked value when it is itself a layer).
   */
  byte[] withMasks(List<String> layers, String scores) {
    Onnx.GraphProto.Builder g = model.getGraph().toBuilder().clearNode().clearOutput();
    Map<String, String> renamed = new LinkedHashMap<>();
    for (int k = 0; k < layers.size(); k++) renamed.put(layers.get(k), masked(k));
    for (Onnx.NodeProto n : model.getGraph().getNodeList()) {
      Onnx.NodeProto.Builder b = n.toBuilder();
      for (int i = 0; i < b.getInputCount(); i++) {
        String to = renamed.get(b.getInput(i));
        if (to != null) b.setInput(i, to);
      }
      g.addNode(b);
      // the mask right after the node that makes the layer, so the nodes stay in topological order
      for (String o : n.getOutputList()) {
        int k = layers.indexOf(o);
        if (k >= 0) g.addNode(Onnx.NodeProto.newBuilder().setOpType("Mul").setName(ADDED + "mask_" + k).addInput(o).addInput(keep(k)).addOutput(masked(k)));
      }
    }
    for (int k = 0; k < layers.size(); k++) {
      g.addInput(floatValue(keep(k)));
      g.addOutput(floatValue(masked(k)));
    }
    g.addOutput(floatValue(renamed.getOrDefault(scores, scores)));
    return model.toBuilder().setGraph(g).build().toByteArray();
  }

  /** The mask input of layer {@code k} (0-based among the exposed layers). */
  static String keep(int k) {
    return ADDED + "keep_" + k;
  }

  /** The masked value of layer {@code k}. */
  static String masked(int k) {
    return ADDED + "masked_" + k;
  }

  /** A float tensor value of any shape: ONNX Runtime infers the rest. */
  private static Onnx.ValueInfoProto floatValue(String name) {
    return Onnx.ValueInfoProto.newBuilder().setName(name)
        .setType(Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE))).build();
  }
}
