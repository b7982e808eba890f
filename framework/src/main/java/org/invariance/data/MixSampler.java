package org.invariance.data;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.invariance.plugin.ImageOp;
import org.invariance.plugin.Transform;

/**
 * The experiment's transform bound to its config and mix set. Prepares each amount's operation
 * once and applies fixed or random amounts to images.
 */
public final class MixSampler {
  private final Transform<Object> transform;
  private final Object config;
  private final List<Double> amounts;
  private final int width;
  private final int height;
  private final ConcurrentHashMap<Double, ImageOp> ops = new ConcurrentHashMap<>();

  @SuppressWarnings("unchecked")
  public MixSampler(Transform<?> transform, Object config, List<Double> amounts, int width, int height) {
    this.transform = (Transform<Object>) transform;
    this.config = config;
    this.amounts = List.copyOf(amounts);
    this.width = width;
    this.height = height;
  }

  public List<Double> amounts() {
    return amounts;
  }

  public ImageOp op(double amount) {
    return ops.computeIfAbsent(amount, a -> transform.prepare(config, a, width, height));
  }

  /** Transforms one image by a random amount of the mix set; returns the amount drawn. */
  public double applyRandom(SplittableRandom rng, float[] src, int srcOffset, float[] dst, int dstOffset) {
    double a = amounts.get(rng.nextInt(amounts.size()));
    op(a).apply(src, srcOffset, dst, dstOffset);
    return a;
  }
}
