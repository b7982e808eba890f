package org.invariance.plugins.autoencoder;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import org.invariance.config.InvalidConfig;
import org.invariance.study.autoencoder.TiedAutoencoder;

/**
 * An {@code encoders:} entry of the {@code autoencoder} trainer. Defaults are the study's
 * (section 2.1): 784-512-256-128, batch 1000, lr 0.01 reduced by 10% every 10,000 iterations,
 * momentum 0.9, weight decay 0.004. The study trained 380,000 iterations.
 *
 * @param layers hidden layer sizes (the input size comes from the data)
 * @param input what the encoder sees: {@code upright} digits (AEUR) or each digit transformed by a
 *     fresh random amount of the mix set every time it is drawn (AER: a denoising autoencoder whose
 *     corruption is rotation)
 * @param target what it reconstructs: {@code upright} (footnote 1: both AEs reconstruct the
 *     unrotated digits) or its own {@code input}
 * @param iterations minibatch updates
 * @param batch images per minibatch
 * @param lr initial learning rate
 * @param lrFactor the learning rate is multiplied by this every {@code lrStep} iterations
 * @param lrStep iterations between learning-rate reductions
 * @param momentum SGD momentum
 * @param weightDecay L2 penalty on weights (not biases), added to their gradient
 * @param logEvery iterations between loss evaluations (progress, metrics)
 * @param init how the weights start (the study does not say): {@code glorot-sigmoid} (Glorot
 *     uniform scaled by 4, the range suited to sigmoid units; the default), {@code glorot} (plain
 *     Glorot uniform, PyTorch's {@code xavier_uniform_}) or {@code he} (uniform, r = sqrt(6 / fan_in))
 * @param biasDecay whether {@code weightDecay} also applies to the biases (the study does not say;
 *     PyTorch's {@code weight_decay} decays every parameter); default false
 *
 * <p>{@code init} and {@code bias_decay} at their defaults are left out of the resolved config
 * (and so of the stored model's identity): models trained before the keys existed are still found.
 * Any other value is in the identity and the run's provenance like every key.
 */
public record AutoencoderConfig(
    List<Integer> layers,
    Input input,
    Target target,
    @JsonProperty(required = true) Integer iterations,
    Integer batch,
    Double lr,
    Double lrFactor,
    Integer lrStep,
    Double momentum,
    Double weightDecay,
    Integer logEvery,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = AutoencoderConfig.DefaultInit.class) Init init,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = AutoencoderConfig.DefaultBiasDecay.class) Boolean biasDecay) {

  /** How the weights start ({@link TiedAutoencoder.Init}), as the file names it. */
  public enum Init {
    @JsonProperty("glorot") GLOROT(TiedAutoencoder.Init.GLOROT),
    @JsonProperty("glorot-sigmoid") GLOROT_SIGMOID(TiedAutoencoder.Init.GLOROT_SIGMOID),
    @JsonProperty("he") HE(TiedAutoencoder.Init.HE);

    private final TiedAutoencoder.Init scheme;

    Init(TiedAutoencoder.Init scheme) {
      this.scheme = scheme;
    }

    /** The autoencoder's own scheme. */
    public TiedAutoencoder.Init scheme() {
      return scheme;
    }

    @Override public String toString() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
  }

  /** The default init is left out of the resolved config (Jackson's value filter: equal means "leave out"). */
  static final class DefaultInit {
    @Override public boolean equals(Object o) { return o == null || o == DEFAULT_INIT; }
    @Override public int hashCode() { return 0; }
  }

  /** No bias decay (the default) is left out of the resolved config. */
  static final class DefaultBiasDecay {
    @Override public boolean equals(Object o) { return o == null || Boolean.FALSE.equals(o); }
    @Override public int hashCode() { return 0; }
  }

  /** This project's init before the key existed. */
  static final Init DEFAULT_INIT = Init.GLOROT_SIGMOID;

  public enum Input { UPRIGHT, MIX;
    @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
  }

  public enum Target { UPRIGHT, INPUT;
    @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
  }

  /** The widest layer: wider ones would not fit a machine's memory with their optimizer state. */
  static final int MAX_UNITS = 65_536;
  /** The largest minibatch. */
  static final int MAX_BATCH = 65_536;

  public AutoencoderConfig {
    if (layers == null) layers = List.of(512, 256, 128);
    if (input == null) input = Input.UPRIGHT;
    if (target == null) target = Target.UPRIGHT;
    if (batch == null) batch = 1000;
    if (lr == null) lr = 0.01;
    if (lrFactor == null) lrFactor = 0.9;
    if (lrStep == null) lrStep = 10_000;
    if (momentum == null) momentum = 0.9;
    if (weightDecay == null) weightDecay = 0.004;
    if (logEvery == null) logEvery = 50;
    if (init == null) init = DEFAULT_INIT;
    if (biasDecay == null) biasDecay = false;
    InvalidConfig.require(!layers.isEmpty(), "layers", "at least one hidden layer");
    for (int i = 0; i < layers.size(); i++) {
      InvalidConfig.require(layers.get(i) != null && layers.get(i) > 0, "layers." + i, "a layer size is a positive integer");
      InvalidConfig.require(layers.get(i) <= MAX_UNITS, "layers." + i, "a layer of " + layers.get(i) + " units; at most " + MAX_UNITS);
    }
    InvalidConfig.require(iterations != null && iterations > 0, "iterations", "must be a positive integer, got " + iterations);
    InvalidConfig.require(batch > 0 && batch <= MAX_BATCH, "batch", "a batch is 1 to " + MAX_BATCH + " images, got " + batch);
    InvalidConfig.require(lr > 0, "lr", "must be positive, got " + lr);
    InvalidConfig.require(lrFactor > 0 && lrFactor <= 1, "lr_factor", "must be in (0, 1], got " + lrFactor);
    InvalidConfig.require(lrStep > 0, "lr_step", "must be positive, got " + lrStep);
    InvalidConfig.require(momentum >= 0 && momentum < 1, "momentum", "must be in [0, 1), got " + momentum);
    InvalidConfig.require(weightDecay >= 0, "weight_decay", "must be >= 0, got " + weightDecay);
    InvalidConfig.require(logEvery > 0, "log_every", "must be positive, got " + logEvery);
    layers = List.copyOf(layers);
  }

  /** The learning rate at iteration {@code it} (1-based). */
  public double learningRate(long it) {
    return lr * Math.pow(lrFactor, (it - 1) / lrStep);
  }
}
