package org.invariance.plugins.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.invariance.plugin.NoConfig;
import org.junit.jupiter.api.Test;

class ScaleTransformTest {
  final ScaleTransform scale = new ScaleTransform();

  static float[] random(int w, int h, long seed) {
    float[] a = new float[w * h];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble();
    return a;
  }

  float[] scale(float[] src, double factor, int w, int h) {
    float[] dst = new float[w * h];
    scale.prepare(new NoConfig(), factor, w, h).apply(src, 0, dst, 0);
    return dst;
  }

  /** Factor 1 is the identity, bit for bit. */
  @Test
  void factorOneIsTheExactIdentity() {
    float[] src = random(28, 28, 1);
    assertArrayEquals(src, scale(src, 1, 28, 28));
    float[] odd = random(7, 5, 2);
    assertArrayEquals(odd, scale(odd, 1, 7, 5));
  }

  /**
   * Factor 2 grows a bright 2x2 block at the centre of an 8x8 image to a 4x4 block with a bilinear
   * rim. Along a row, output x samples the source at 3.5 + (x - 3.5) / 2: x = 1..6 give 2.25, 2.75,
   * 3.25, 3.75, 4.25, 4.75, so the profile is 0, .25, .75, 1, 1, .75, .25, 0 (the block covers
   * source columns 3 and 4), and the image is that profile times itself.
   */
  @Test
  void factorTwoGrowsACentred2x2BlockToAbout4x4() {
    int n = 8;
    float[] src = new float[n * n];
    for (int y = 3; y <= 4; y++) for (int x = 3; x <= 4; x++) src[y * n + x] = 1f;
    float[] dst = scale(src, 2, n, n);
    float[] profile = {0f, 0.25f, 0.75f, 1f, 1f, 0.75f, 0.25f, 0f};
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) assertEquals(profile[x] * profile[y], dst[y * n + x], 1e-6, "pixel (" + x + "," + y + ")");
    }
    assertEquals(1f, dst[3 * n + 3]);
    assertEquals(0.75f, dst[3 * n + 2]);                 // edge of the 4x4 block
    assertEquals(0.5625f, dst[2 * n + 2]);               // its corner
    assertEquals(0.25f, dst[3 * n + 1]);                 // the rim just outside
    assertEquals(0f, dst[3 * n]);
    // the pixels at or above one half are exactly the 4x4 block at rows and columns 2..5
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        boolean inBlock = x >= 2 && x <= 5 && y >= 2 && y <= 5;
        assertEquals(inBlock, dst[y * n + x] >= 0.5f, "pixel (" + x + "," + y + ")");
      }
    }
    // the ink's area grows by the factor squared: 4 pixels of ink become 16
    double ink = 0;
    for (float v : dst) ink += v;
    assertEquals(16, ink, 1e-5);
  }

  /**
   * Factor 0.5 shrinks a white 8x8 image to its centre 4x4: output x samples the source at
   * 3.5 + 2 (x - 3.5), which is inside the image (between two pixels) for x = 2..5 only.
   */
  @Test
  void factorOneHalfShrinksAndFillsTheBorderWithZero() {
    int n = 8;
    float[] ones = new float[n * n];
    Arrays.fill(ones, 1f);
    float[] dst = scale(ones, 0.5, n, n);
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        boolean inside = x >= 2 && x <= 5 && y >= 2 && y <= 5;
        assertEquals(inside ? 1f : 0f, dst[y * n + x], 1e-6, "pixel (" + x + "," + y + ")");
      }
    }
  }

  /** On an odd-sized image the centre pixel is its own source at every factor, so it is kept exactly. */
  @Test
  void theCentrePixelOfAnOddSizedImageIsKept() {
    int w = 9;
    int h = 7;
    float[] src = random(w, h, 3);
    for (double s : new double[] {0.3, 0.5, 0.8, 1.25, 2, 3.7}) {
      assertEquals(src[3 * w + 4], scale(src, s, w, h)[3 * w + 4], "factor " + s);
    }
  }

  /** Scaling up then down by the same factor restores a smooth image in its middle (no shift, no flip). */
  @Test
  void upThenDownRestoresASmoothImageNearTheCentre() {
    int n = 28;
    float[] ramp = new float[n * n];
    for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) ramp[y * n + x] = (x + 2f * y) / (3f * n);
    float[] back = scale(scale(ramp, 1.5, n, n), 1 / 1.5, n, n);
    // bilinear interpolation reproduces a linear ramp exactly wherever all taps are inside
    for (int y = 6; y < 22; y++) for (int x = 6; x < 22; x++) assertEquals(ramp[y * n + x], back[y * n + x], 1e-5);
    float[] up = scale(ramp, 2, n, n);
    assertTrue(up[13 * n + 20] < ramp[13 * n + 20], "zooming in pulls values towards the centre's");
  }

  /** Offsets into larger arrays (how datasets are stored) are honoured. */
  @Test
  void appliesAtOffsets() {
    int n = 6;
    float[] a = random(n, n, 4);
    float[] packed = new float[3 * n * n];
    System.arraycopy(a, 0, packed, n * n, n * n);
    float[] out = new float[2 * n * n];
    scale.prepare(new NoConfig(), 1.7, n, n).apply(packed, n * n, out, n * n);
    assertArrayEquals(scale(a, 1.7, n, n), Arrays.copyOfRange(out, n * n, 2 * n * n));
  }

  /** A factor must be positive: 0, negatives and NaN are rejected with the factor in the message. */
  @Test
  void rejectsNonPositiveFactors() {
    for (double bad : new double[] {0, -0.5, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scale.prepare(new NoConfig(), bad, 8, 8));
      assertTrue(e.getMessage().startsWith("scale factor must be positive, got "), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> scale.prepare(new NoConfig(), Double.POSITIVE_INFINITY, 8, 8));
  }
}
