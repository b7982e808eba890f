package org.invariance.plugins.onnx;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.invariance.config.InvalidConfig;

/**
 * The {@code onnx} model's options: a network trained elsewhere and exported to ONNX (PyTorch's
 * {@code torch.onnx.export}, opsets 13 to 17 and others ONNX Runtime runs), probed as it is.
 *
 * @param file the {@code .onnx} file, relative to the experiment file; its SHA-256 is part of the
 *     model's identity
 * @param mean per channel, subtracted from the images (values in [0, 1]) before the network sees
 *     them, as the training's {@code Normalize(mean, std)} did; one value for every channel; default 0
 * @param std per channel, what the images are divided by after {@code mean}; default 1
 * @param layers the graph values probes see as layers 2, 3, ... (layer 1 is the input image), by
 *     their names in the graph (as Netron shows them); default: the output of every activation
 *     (Relu, Sigmoid, Tanh, LeakyRelu, Elu, Selu, Gelu, ...) and pooling node (MaxPool, AveragePool,
 *     GlobalAveragePool, ...), in the graph's order
 * @param output the graph output that holds the class scores; default the graph's first output.
 *     Scores become probabilities by a softmax, unless the node that makes them is a Softmax (or a
 *     LogSoftmax, whose exponential is taken)
 * @param batch images per call of the network (default 256); a network exported with a fixed
 *     batch dimension is called with that many (the last call padded)
 */
public record OnnxConfig(@JsonProperty(required = true) String file, List<Double> mean, List<Double> std, List<String> layers, String output, Integer batch) {
  public OnnxConfig {
    InvalidConfig.require(file != null && !file.isBlank(), "file", "required: the .onnx file of the network");
    if (batch == null) batch = 256;
    InvalidConfig.require(batch >= 1 && batch <= 65_536, "batch", "images per call is 1 to 65536, got " + batch);
    mean = perChannel(mean, "mean", false);
    std = perChannel(std, "std", true);
    if (layers != null) {
      InvalidConfig.require(!layers.isEmpty(), "layers", "name at least one graph value, or leave the key out for every activation and pooling output");
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < layers.size(); i++) {
        InvalidConfig.require(layers.get(i) != null && !layers.get(i).isBlank(), "layers." + i, "a layer is the name of a value in the graph");
        InvalidConfig.require(seen.add(layers.get(i)), "layers." + i, "'" + layers.get(i) + "' is listed twice");
      }
      layers = List.copyOf(layers);
    }
    InvalidConfig.require(output == null || !output.isBlank(), "output", "the name of a graph output, or leave the key out for the first");
  }

  private static List<Double> perChannel(List<Double> values, String field, boolean positive) {
    if (values == null) return null;
    InvalidConfig.require(!values.isEmpty() && values.size() <= 4, field, "one value per channel (1 to 4), got " + values.size());
    for (int i = 0; i < values.size(); i++) {
      Double v = values.get(i);
      InvalidConfig.require(v != null && Double.isFinite(v) && (!positive || v > 0), field + "." + i, positive ? "a positive number, got " + v : "a finite number, got " + v);
    }
    return List.copyOf(values);
  }

  /** What channel {@code c} of {@code channels} subtracts. */
  double mean(int c) {
    return mean == null ? 0 : mean.size() == 1 ? mean.get(0) : mean.get(c);
  }

  /** What channel {@code c} of {@code channels} is divided by. */
  double std(int c) {
    return std == null ? 1 : std.size() == 1 ? std.get(0) : std.get(c);
  }

  /** Whether mean and std name one value or as many as the images have channels. */
  void checkChannels(int channels) {
    for (String field : List.of("mean", "std")) {
      List<Double> v = field.equals("mean") ? mean : std;
      InvalidConfig.require(v == null || v.size() == 1 || v.size() == channels, field, "has " + (v == null ? 0 : v.size()) + " values, but the images have " + channels
          + " channel(s): give one value, or one per channel");
    }
  }
}
