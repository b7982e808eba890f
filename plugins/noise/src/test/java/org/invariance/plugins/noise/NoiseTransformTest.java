package org.invariance.plugins.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.invariance.experiment.ConfigBinder;
import org.invariance.config.InvalidConfig;
import org.junit.jupiter.api.Test;

class NoiseTransformTest {
  static final int N = 64;
  final NoiseTransform noise = new NoiseTransform();

  static NoiseConfig seed(long seed) {
    return new NoiseConfig(seed, null, null);
  }

  static float[] constant(float v) {
    float[] a = new float[N * N];
    Arrays.fill(a, v);
    return a;
  }

  static float[] random(long seed) {
    float[] a = new float[N * N];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble();
    return a;
  }

  float[] noisy(float[] src, NoiseConfig c, double sigma) {
    float[] dst = new float[N * N];
    noise.prepare(c, sigma, N, N).apply(src, 0, dst, 0);
    return dst;
  }

  static NoiseConfig config(String yaml) throws Exception {
    return ConfigBinder.MAPPER.treeToValue(new YAMLMapper().readTree(yaml), NoiseConfig.class);
  }

  /** Amount 0 is the identity, bit for bit. */
  @Test
  void zeroAmountIsTheIdentity() {
    float[] src = random(1);
    assertArrayEquals(src, noisy(src, seed(0), 0));
  }

  /**
   * On a constant 0.5 image, amount 0.05 adds noise of standard deviation 0.05 and mean 0: over
   * 4096 pixels the sample sd is within 4% of 0.05 (its own spread is about 1.1%) and the mean
   * within 0.003 of 0.5 (its spread is 0.05 / 64 = 0.0008); clipping at 0 and 1 is 10 sd away.
   */
  @Test
  void noiseHasTheRequestedStandardDeviationAndZeroMean() {
    for (long s : new long[] {0, 1, 2}) {
      float[] dst = noisy(constant(0.5f), seed(s), 0.05);
      double sum = 0;
      for (float v : dst) sum += v;
      double mean = sum / dst.length;
      double ss = 0;
      for (float v : dst) ss += (v - mean) * (v - mean);
      double sd = Math.sqrt(ss / (dst.length - 1));
      assertEquals(0.5, mean, 0.003, "seed " + s);
      assertEquals(0.05, sd, 0.05 * 0.04, "seed " + s);
    }
  }

  /** The noise is roughly Gaussian: about 68% of pixels move by less than one sd, about 95% by less than two. */
  @Test
  void noiseIsGaussianShaped() {
    float[] dst = noisy(constant(0.5f), seed(7), 0.05);
    int one = 0;
    int two = 0;
    for (float v : dst) {
      if (Math.abs(v - 0.5) < 0.05) one++;
      if (Math.abs(v - 0.5) < 0.10) two++;
    }
    assertEquals(0.6827, one / (double) dst.length, 0.03);
    assertEquals(0.9545, two / (double) dst.length, 0.015);
  }

  /** T_a(x) is a fixed function of x: same seed, same image, bit-identical result, whatever else was transformed first or by another op. */
  @Test
  void sameSeedAndImageGiveTheSameNoisyImage() {
    float[] a = random(2);
    float[] b = random(3);
    var op = noise.prepare(seed(42), 0.1, N, N);
    float[] first = new float[N * N];
    op.apply(a, 0, first, 0);
    float[] other = new float[N * N];
    op.apply(b, 0, other, 0);
    float[] again = new float[N * N];
    op.apply(a, 0, again, 0);
    assertArrayEquals(first, again);
    assertArrayEquals(first, noisy(a, seed(42), 0.1));
    // an image stored at an offset of a dataset gets the same noise as on its own
    float[] packed = new float[3 * N * N];
    System.arraycopy(b, 0, packed, 0, N * N);
    System.arraycopy(a, 0, packed, N * N, N * N);
    float[] out = new float[2 * N * N];
    op.apply(packed, N * N, out, N * N);
    assertArrayEquals(first, Arrays.copyOfRange(out, N * N, 2 * N * N));
  }

  /** Another seed or another amount gives other noise. */
  @Test
  void differentSeedOrAmountGivesDifferentNoise() {
    float[] a = random(4);
    float[] base = noisy(a, seed(0), 0.1);
    assertFalse(Arrays.equals(base, noisy(a, seed(1), 0.1)));
    float[] twice = noisy(a, seed(0), 0.2);
    int same = 0;
    for (int i = 0; i < a.length; i++) if (Math.abs((twice[i] - a[i]) - 2 * (base[i] - a[i])) < 1e-6) same++;
    assertTrue(same < a.length / 10, "amount 0.2 is not amount 0.1's noise doubled: " + same);
  }

  /** Different images get different noise: changing one pixel changes the noise everywhere else too. */
  @Test
  void differentImagesGetDifferentNoise() {
    float[] a = constant(0.5f);
    float[] b = constant(0.5f);
    b[0] = 0.25f;
    float[] na = noisy(a, seed(0), 0.05);
    float[] nb = noisy(b, seed(0), 0.05);
    int differ = 0;
    for (int i = 1; i < a.length; i++) if (na[i] != nb[i]) differ++;
    assertTrue(differ > a.length * 9 / 10, differ + " of " + (a.length - 1) + " untouched pixels got other noise");
  }

  /** A large amount (0.8) keeps every value inside [0, 1], and a configured range [0.2, 0.6] is respected. */
  @Test
  void resultIsClipped() {
    float[] dst = noisy(random(5), seed(0), 0.8);
    int atBounds = 0;
    for (float v : dst) {
      assertTrue(v >= 0f && v <= 1f, "value " + v);
      if (v == 0f || v == 1f) atBounds++;
    }
    assertTrue(atBounds > dst.length / 4, "an sd of 0.8 clips many pixels: " + atBounds);
    for (float v : noisy(random(6), new NoiseConfig(0L, 0.2, 0.6), 0.3)) assertTrue(v >= 0.2f && v <= 0.6f, "value " + v);
  }

  /** Negative (and NaN) amounts are rejected. */
  @Test
  void rejectsNegativeAmounts() {
    assertThrows(IllegalArgumentException.class, () -> noise.prepare(seed(0), -0.1, N, N));
    assertThrows(IllegalArgumentException.class, () -> noise.prepare(seed(0), Double.NaN, N, N));
  }

  /** The YAML section binds seed, min and max with defaults 0, 0, 1; min >= max, unknown keys and non-integer seeds are rejected. */
  @Test
  void configBindsAndRejectsBadValues() throws Exception {
    assertEquals(new NoiseConfig(0L, 0.0, 1.0), config("{}"));
    assertEquals(new NoiseConfig(7L, 0.1, 0.9), config("{seed: 7, min: 0.1, max: 0.9}"));
    InvalidConfig e = assertThrows(InvalidConfig.class, () -> new NoiseConfig(0L, 1.0, 0.0));
    assertEquals("max", e.field());
    ValueInstantiationException equal = assertThrows(ValueInstantiationException.class, () -> config("{min: 0.5, max: 0.5}"));
    assertEquals("max", ((InvalidConfig) equal.getCause()).field());
    assertThrows(UnrecognizedPropertyException.class, () -> config("{sigma: 0.1}"));
    assertThrows(JsonMappingException.class, () -> config("{seed: 1.5}"));
  }
}
