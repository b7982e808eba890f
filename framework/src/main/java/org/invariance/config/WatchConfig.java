package org.invariance.config;

import java.util.List;

/**
 * The {@code watch:} section: light probes run while models train. Every {@code every} iterations
 * (and at the first and last) a model's trainer lets the framework run the model as it is then on
 * a fixed sample of {@code images} test images and on their copies under each amount of the
 * model's transform; each probe gives one number per layer and amount. It changes no weight, so it
 * is not part of a model's identity.
 *
 * @param probes the training probes by name (default: every one the plugins offer)
 * @param every iterations between looks (default 250)
 * @param images test images in the sample (default 200, drawn once from the experiment's seed)
 * @param amounts the transform amounts compared with the untransformed images (default: the model's transform's declared amounts)
 * @param models the models watched (default: every model whose trainer lets itself be watched)
 */
public record WatchConfig(List<String> probes, Integer every, Integer images, List<Double> amounts, List<String> models) {
  public WatchConfig {
    if (every == null) every = 250;
    if (images == null) images = 200;
    InvalidConfig.require(every > 0, "every", "must be a positive number of iterations, got " + every);
    InvalidConfig.require(images >= 2, "images", "must be at least 2 (a similarity needs two images), got " + images);
    InvalidConfig.require(probes == null || !probes.isEmpty(), "probes", "names no probe; leave it out for every training probe");
    InvalidConfig.require(amounts == null || !amounts.isEmpty(), "amounts", "names no amount; leave it out for the transform's declared amounts");
    InvalidConfig.require(models == null || !models.isEmpty(), "models", "names no model; leave it out for every model");
    probes = probes == null ? null : List.copyOf(probes);
    amounts = amounts == null ? null : List.copyOf(amounts);
    models = models == null ? null : List.copyOf(models);
  }

  /** Whether {@code model} is watched. */
  public boolean watches(String model) {
    return models == null || models.contains(model);
  }
}
