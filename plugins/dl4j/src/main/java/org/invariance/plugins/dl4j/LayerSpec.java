package org.invariance.plugins.dl4j;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import org.invariance.config.InvalidConfig;
import org.nd4j.linalg.activations.Activation;

/**
 * One entry of a {@code dl4j} model's {@code layers:} list, e.g.
 * {@code {type: convolution, filters: 8, kernel: 5}}, {@code {type: subsampling, kernel: 2}},
 * {@code {type: dense, units: 64}}, {@code {type: output}}.
 *
 * @param type dense, convolution, subsampling (pooling) or output (softmax over the data's classes)
 * @param name the layer's name in results (default: conv1, pool1, dense1, ... counted per type)
 * @param units a dense layer's neurons
 * @param filters a convolution layer's output channels
 * @param kernel square kernel size of a convolution or subsampling layer (default 3 and 2)
 * @param stride stride (default 1 for convolution, the kernel size for subsampling)
 * @param padding zero padding on each side (default 0)
 * @param activation nonlinearity of a dense or convolution layer (default relu): any of
 *     Deeplearning4j's {@code Activation} names (relu, sigmoid, tanh, identity, leakyrelu, elu, ...)
 * @param pooling a subsampling layer's max or avg (default max)
 */
public record LayerSpec(
    @JsonProperty(required = true) Type type,
    String name,
    Integer units,
    Integer filters,
    Integer kernel,
    Integer stride,
    Integer padding,
    String activation,
    Pooling pooling) {

  /** The kinds of layer a network is built from. */
  public enum Type { DENSE, CONVOLUTION, SUBSAMPLING, OUTPUT;
    @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
  }

  /** Subsampling by the maximum or the mean of each window. */
  public enum Pooling { MAX, AVG;
    @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
  }

  public LayerSpec {
    if (name != null) InvalidConfig.require(!name.isBlank() && !name.equals("input"), "name", "a layer name is a non-empty string other than 'input'");
    switch (type) {
      case DENSE -> {
        InvalidConfig.require(units != null && units > 0, "units", "a dense layer needs units: a positive integer, got " + units);
        InvalidConfig.require(units <= 65_536, "units", "a dense layer of " + units + " units; at most 65536");
        only(filters == null && kernel == null && stride == null && padding == null && pooling == null, "units and activation");
      }
      case CONVOLUTION -> {
        InvalidConfig.require(filters != null && filters > 0, "filters", "a convolution layer needs filters: a positive integer, got " + filters);
        InvalidConfig.require(filters <= 4_096, "filters", "a convolution of " + filters + " filters; at most 4096");
        only(units == null && pooling == null, "filters, kernel, stride, padding and activation");
        if (kernel == null) kernel = 3;
        if (stride == null) stride = 1;
      }
      case SUBSAMPLING -> {
        only(units == null && filters == null && activation == null, "kernel, stride, padding and pooling");
        if (kernel == null) kernel = 2;
        if (stride == null) stride = kernel;
        if (pooling == null) pooling = Pooling.MAX;
      }
      case OUTPUT -> only(units == null && filters == null && kernel == null && stride == null && padding == null && pooling == null && activation == null,
          "name only: it has one softmax unit per class of the data");
    }
    if (padding == null && type != Type.DENSE && type != Type.OUTPUT) padding = 0;
    if (activation == null && (type == Type.DENSE || type == Type.CONVOLUTION)) activation = "relu";
    if (activation != null) Activations.parse(activation);
    if (kernel != null) InvalidConfig.require(kernel > 0, "kernel", "must be a positive integer, got " + kernel);
    if (stride != null) InvalidConfig.require(stride > 0, "stride", "must be a positive integer, got " + stride);
    if (padding != null) InvalidConfig.require(padding >= 0, "padding", "must be 0 or more, got " + padding);
  }

  private void only(boolean ok, String keys) {
    InvalidConfig.require(ok, "type", "a " + type + " layer takes " + keys);
  }

  /** Deeplearning4j's activation functions by their lower-case names. */
  static final class Activations {
    private Activations() {}

    static Activation parse(String name) {
      try {
        return Activation.valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidConfig("activation", "'" + name + "' is not an activation of Deeplearning4j (relu, sigmoid, tanh, identity, leakyrelu, elu, softplus, ...)");
      }
    }
  }
}
