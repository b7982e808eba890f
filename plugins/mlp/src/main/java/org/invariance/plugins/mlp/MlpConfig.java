package org.invariance.plugins.mlp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import org.invariance.config.InvalidConfig;

/**
 * A {@code models:} entry of the {@code mlp} plugin: a classifier of fully connected hidden layers
 * and a softmax output, trained end to end with cross-entropy and momentum SGD.
 *
 * @param layers hidden layer sizes (the input size and the number of classes come from the data)
 * @param activation the hidden layers' nonlinearity
 * @param iterations minibatch updates (required)
 * @param batch images per minibatch
 * @param lr learning rate (constant)
 * @param momentum SGD momentum
 * @param weightDecay L2 penalty on weights (not biases), added to their gradient
 * @param input what it trains on: {@code upright} images, or each drawn image transformed by a
 *     fresh random amount of the experiment's transform family ({@code mix})
 * @param logEvery iterations between loss evaluations (progress, metrics)
 * @param init how the hidden layers' weights start: {@code glorot} (r = sqrt(6 / (fan_in +
 *     fan_out))), {@code glorot-sigmoid} (four times that) or {@code he} (r = sqrt(6 / fan_in));
 *     absent, the activation's own (he for relu, glorot for tanh, glorot-sigmoid for sigmoid). The
 *     softmax layer starts from Glorot's range either way
 * @param biasDecay whether {@code weightDecay} also applies to the biases; default false
 *
 * <p>{@code init} absent and {@code bias_decay} false are left out of the resolved config (and so of
 * a stored model's identity), so models trained before the keys existed are still found.
 */
public record MlpConfig(
    List<Integer> layers,
    Activation activation,
    @JsonProperty(required = true) Integer iterations,
    Integer batch,
    Double lr,
    Double momentum,
    Double weightDecay,
    Input input,
    Integer logEvery,
    @JsonInclude(JsonInclude.Include.NON_NULL) Init init,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = MlpConfig.NoBiasDecay.class) Boolean biasDecay) {

  /** Today's keys before {@code init} and {@code bias_decay}: the activation's init, no bias decay. */
  public MlpConfig(List<Integer> layers, Activation activation, Integer iterations, Integer batch, Double lr, Double momentum, Double weightDecay,
      Input input, Integer logEvery) {
    this(layers, activation, iterations, batch, lr, momentum, weightDecay, input, logEvery, null, null);
  }

  /** How the hidden layers' weights start (uniform in [-r, r]). */
  public enum Init {
    @JsonProperty("glorot") GLOROT,
    @JsonProperty("glorot-sigmoid") GLOROT_SIGMOID,
    @JsonProperty("he") HE;

    @Override public String toString() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
  }

  /** No bias decay (the default) is left out of the resolved config (Jackson's value filter: equal means "leave out"). */
  static final class NoBiasDecay {
    @Override public boolean equals(Object o) { return o == null || Boolean.FALSE.equals(o); }
    @Override public int hashCode() { return 0; }
  }

  /** The hidden layers' nonlinearity. */
  public enum Activation { SIGMOID, RELU, TANH;
    @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
  }

  /** What the network is trained on. */
  public enum Input { UPRIGHT, MIX;
    @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
  }

  /** The widest layer: wider ones would not fit a machine's memory with their optimizer state. */
  static final int MAX_UNITS = 65_536;
  /** The largest minibatch. */
  static final int MAX_BATCH = 65_536;

  public MlpConfig {
    if (layers == null) layers = List.of(256, 128);
    if (activation == null) activation = Activation.RELU;
    if (batch == null) batch = 64;
    if (lr == null) lr = 0.1;
    if (momentum == null) momentum = 0.9;
    if (weightDecay == null) weightDecay = 0.0;
    if (input == null) input = Input.UPRIGHT;
    if (logEvery == null) logEvery = 50;
    if (biasDecay == null) biasDecay = false;
    InvalidConfig.require(!layers.isEmpty(), "layers", "at least one hidden layer");
    for (int i = 0; i < layers.size(); i++) {
      InvalidConfig.require(layers.get(i) != null && layers.get(i) > 0, "layers." + i, "a layer size is a positive integer, got " + layers.get(i));
      InvalidConfig.require(layers.get(i) <= MAX_UNITS, "layers." + i, "a layer of " + layers.get(i) + " units; at most " + MAX_UNITS);
    }
    InvalidConfig.require(iterations != null && iterations > 0, "iterations", "must be a positive integer, got " + iterations);
    InvalidConfig.require(batch > 0 && batch <= MAX_BATCH, "batch", "a batch is 1 to " + MAX_BATCH + " images, got " + batch);
    InvalidConfig.require(lr > 0 && Double.isFinite(lr), "lr", "must be positive, got " + lr);
    InvalidConfig.require(momentum >= 0 && momentum < 1, "momentum", "must be in [0, 1), got " + momentum);
    InvalidConfig.require(weightDecay >= 0 && Double.isFinite(weightDecay), "weight_decay", "must be >= 0, got " + weightDecay);
    InvalidConfig.require(logEvery > 0, "log_every", "must be positive, got " + logEvery);
    layers = List.copyOf(layers);
  }

  /** A config with every default and the given number of iterations. */
  public static MlpConfig defaults(int iterations) {
    return new MlpConfig(null, null, iterations, null, null, null, null, null, null, null, null);
  }
}
