package org.invariance.plugins.dl4j;

import java.util.List;
import java.util.Locale;
import org.invariance.config.InvalidConfig;

/**
 * A {@code models:} entry of the {@code dl4j} plugin: a Deeplearning4j {@code MultiLayerNetwork}
 * built from {@code layers} and trained with Deeplearning4j's own {@code fit}, or a network trained
 * elsewhere read from a {@code ModelSerializer} zip ({@code file}).
 *
 * @param layers the network, input side first; a softmax {@code output} layer over the data's
 *     classes is added when the list does not end with one
 * @param file a Deeplearning4j model zip (relative to the experiment file) to probe instead of
 *     training one; its input must take the data's images (flat, or one channel of width x height)
 * @param iterations minibatch updates (required when training)
 * @param batch images per minibatch
 * @param updater sgd, nesterovs (momentum) or adam
 * @param lr learning rate (constant)
 * @param momentum nesterovs' momentum
 * @param weightDecay L2 penalty on weights (not biases)
 * @param input what it trains on: {@code upright} images, or each drawn image transformed by a fresh
 *     random amount of the experiment's transform family ({@code mix})
 * @param logEvery iterations between loss reports (progress, metrics)
 */
public record Dl4jConfig(
    List<LayerSpec> layers,
    String file,
    Integer iterations,
    Integer batch,
    Updater updater,
    Double lr,
    Double momentum,
    Double weightDecay,
    Input input,
    Integer logEvery) {

  /** How the weights follow the gradient. */
  public enum Updater { SGD, NESTEROVS, ADAM;
    @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
  }

  /** What the network is trained on. */
  public enum Input { UPRIGHT, MIX;
    @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
  }

  public Dl4jConfig {
    if (file != null) {
      InvalidConfig.require(!file.isBlank(), "file", "must name a Deeplearning4j model zip");
      InvalidConfig.require(layers == null, "layers", "a network read from file: has its own layers; give either layers or file");
      InvalidConfig.require(iterations == null && batch == null && updater == null && lr == null && momentum == null && weightDecay == null && input == null,
          "file", "a network read from a file is probed as it is, not trained: drop iterations, batch, updater, lr, momentum, weight_decay and input");
    } else {
      InvalidConfig.require(layers != null && !layers.isEmpty(), "layers", "required (or file:): a list of layers such as {type: dense, units: 64}");
      for (int i = 0; i < layers.size(); i++) {
        InvalidConfig.require(layers.get(i) != null, "layers." + i, "a layer is a mapping such as {type: dense, units: 64}");
        InvalidConfig.require(layers.get(i).type() != LayerSpec.Type.OUTPUT || i == layers.size() - 1, "layers." + i, "the output layer comes last");
      }
      long hidden = layers.stream().filter(l -> l.type() != LayerSpec.Type.OUTPUT).count();
      InvalidConfig.require(hidden > 0, "layers", "at least one layer before the output");
      List<String> names = Networks.names(layers);
      for (int i = 0; i < names.size(); i++) {
        InvalidConfig.require(names.indexOf(names.get(i)) == i, "layers." + i + ".name", "'" + names.get(i) + "' names an earlier layer too; layer names are unique");
      }
      InvalidConfig.require(iterations != null && iterations > 0, "iterations", "must be a positive integer, got " + iterations);
      if (batch == null) batch = 64;
      if (updater == null) updater = Updater.NESTEROVS;
      if (lr == null) lr = updater == Updater.ADAM ? 1e-3 : 0.01;
      if (momentum == null) momentum = 0.9;
      if (weightDecay == null) weightDecay = 0.0;
      if (input == null) input = Input.UPRIGHT;
      InvalidConfig.require(batch > 0 && batch <= 65_536, "batch", "a batch is 1 to 65536 images, got " + batch);
      InvalidConfig.require(lr > 0 && Double.isFinite(lr), "lr", "must be positive, got " + lr);
      InvalidConfig.require(momentum >= 0 && momentum < 1, "momentum", "must be in [0, 1), got " + momentum);
      InvalidConfig.require(weightDecay >= 0 && Double.isFinite(weightDecay), "weight_decay", "must be >= 0, got " + weightDecay);
      layers = List.copyOf(layers);
    }
    if (logEvery == null) logEvery = 20;
    InvalidConfig.require(logEvery > 0, "log_every", "must be positive, got " + logEvery);
  }

  /** Whether the network is read from a file rather than trained. */
  public boolean fromFile() {
    return file != null;
  }
}
