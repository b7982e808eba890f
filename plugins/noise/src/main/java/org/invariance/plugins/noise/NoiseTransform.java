package org.invariance.plugins.noise;

import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.invariance.data.ImageOp;
import org.invariance.data.ImageShape;
import org.invariance.plugin.Transform;

/**
 * Additive Gaussian noise whose standard deviation is the amount (in pixel units; 0 is the
 * identity), the result clipped to [{@link NoiseConfig#min()}, {@link NoiseConfig#max()}].
 *
 * <p>T_a(x) is a fixed function of the image x: its noise comes from a {@link SplittableRandom}
 * seeded by mixing the config's seed, the amount's bits and a 64-bit hash of x's pixel values. The
 * same image, amount and seed give the bit-identical noisy image whatever order images are
 * transformed in and on any JVM (the normal deviates come from Box-Muller with {@link StrictMath});
 * different images get different noise. Two identical images get the same noise. A colour image's
 * channels get independent noise (one draw per value, all from the image's generator).
 */
public final class NoiseTransform implements Transform<NoiseConfig> {
  private static final double TWO_PI = 2 * Math.PI;

  @Override
  public Class<NoiseConfig> configType() {
    return NoiseConfig.class;
  }

  /** Noise of standard deviation 0. */
  @Override
  public OptionalDouble identity(NoiseConfig config) {
    return OptionalDouble.of(0);
  }

  @Override
  public ImageOp prepare(NoiseConfig config, double sigma, int width, int height) {
    return prepare(config, sigma, ImageShape.grey(width, height));
  }

  /** Noise drawn for the whole image at once, every channel from one generator seeded by all its values. */
  @Override
  public ImageOp prepare(NoiseConfig config, double sigma, ImageShape shape) {
    if (!(sigma >= 0)) throw new IllegalArgumentException("noise standard deviation must be >= 0, got " + sigma);
    if (Double.isInfinite(sigma)) throw new IllegalArgumentException("noise standard deviation must be finite, got " + sigma);
    NoiseConfig c = config == null ? new NoiseConfig(null, null, null) : config;
    int pixels = shape.size();
    if (sigma == 0) return (src, so, dst, d) -> System.arraycopy(src, so, dst, d, pixels);
    long base = mix64(mix64(c.seed()) ^ Double.doubleToLongBits(sigma));
    double min = c.min();
    double max = c.max();
    return (src, so, dst, d) -> {
      SplittableRandom rng = new SplittableRandom(mix64(base ^ hash(src, so, pixels)));
      for (int p = 0; p < pixels; p += 2) {
        // Box-Muller: two independent standard normals from two uniforms; 1 - u is in (0, 1]
        double r = StrictMath.sqrt(-2 * StrictMath.log(1 - rng.nextDouble()));
        double t = TWO_PI * rng.nextDouble();
        dst[d + p] = clip(src[so + p] + sigma * r * StrictMath.cos(t), min, max);
        if (p + 1 < pixels) dst[d + p + 1] = clip(src[so + p + 1] + sigma * r * StrictMath.sin(t), min, max);
      }
    };
  }

  private static float clip(double v, double min, double max) {
    return (float) (v < min ? min : v > max ? max : v);
  }

  /** A 64-bit hash of the pixel values (0 and -0 alike), avalanched so that nearby images differ. */
  static long hash(float[] src, int offset, int pixels) {
    long h = 0x6A09E667F3BCC909L ^ pixels;
    for (int p = 0; p < pixels; p++) {
      float v = src[offset + p];
      h = (Long.rotateLeft(h, 23) ^ (Float.floatToIntBits(v == 0f ? 0f : v) & 0xFFFFFFFFL)) * 0x9E3779B97F4A7C15L;
    }
    return mix64(h);
  }

  /** The finaliser of MurmurHash3 (as in SplitMix64): every input bit affects every output bit. */
  static long mix64(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB93FE1A85B63L;
    return z ^ (z >>> 33);
  }
}
