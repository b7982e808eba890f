package org.invariance.plugins.translation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.SplittableRandom;
import org.invariance.experiment.ConfigBinder;
import org.invariance.plugins.translation.TranslationConfig.Axis;
import org.junit.jupiter.api.Test;

class TranslationTransformTest {
  static final int W = 9;
  static final int H = 7;
  final TranslationTransform translation = new TranslationTransform();

  static float[] random(long seed) {
    float[] a = new float[W * H];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble();
    return a;
  }

  float[] shift(float[] src, Axis axis, double amount) {
    float[] dst = new float[W * H];
    translation.prepare(new TranslationConfig(axis), amount, W, H).apply(src, 0, dst, 0);
    return dst;
  }

  /** The source value of (x, y) shifted by (dx, dy) whole pixels: source(x - dx, y - dy), 0 outside. */
  static float moved(float[] src, int x, int y, int dx, int dy) {
    int sx = x - dx;
    int sy = y - dy;
    return sx >= 0 && sx < W && sy >= 0 && sy < H ? src[sy * W + sx] : 0f;
  }

  static TranslationConfig config(String yaml) throws Exception {
    return ConfigBinder.MAPPER.treeToValue(new YAMLMapper().readTree(yaml), TranslationConfig.class);
  }

  /** Integer shifts move every pixel exactly (bit for bit) and what enters the frame is 0, on every axis and sign. */
  @Test
  void integerShiftsMovePixelsExactlyAndZeroFill() {
    float[] src = random(1);
    int[][] cases = {{3, 3, 0}, {-2, -2, 0}, {2, 0, 2}, {-4, 0, -4}, {3, 3, 3}, {-1, -1, -1}};
    Axis[] axes = {Axis.X, Axis.X, Axis.Y, Axis.Y, Axis.XY, Axis.XY};
    for (int c = 0; c < cases.length; c++) {
      float[] dst = shift(src, axes[c], cases[c][0]);
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          assertEquals(moved(src, x, y, cases[c][1], cases[c][2]), dst[y * W + x], 0f, axes[c] + " " + cases[c][0] + " at (" + x + "," + y + ")");
        }
      }
    }
  }

  /** Axis xy by 3 moves 3 right and 3 down: the top-left pixel lands at (3, 3) and rows/columns 0..2 are 0. */
  @Test
  void diagonalShiftMovesRightAndDown() {
    float[] src = random(2);
    float[] dst = shift(src, Axis.XY, 3);
    assertEquals(src[0], dst[3 * W + 3], 0f);
    assertEquals(src[(H - 4) * W + (W - 4)], dst[(H - 1) * W + (W - 1)], 0f);
    for (int i = 0; i < W; i++) assertEquals(0f, dst[2 * W + i], 0f, "row 2 entered the frame");
    for (int y = 0; y < H; y++) assertEquals(0f, dst[y * W + 2], 0f, "column 2 entered the frame");
  }

  /** A shift of zero is the identity, bit for bit, on every axis. */
  @Test
  void zeroShiftIsTheIdentity() {
    float[] src = random(3);
    for (Axis a : Axis.values()) {
      assertArrayEquals(src, shift(src, a, 0));
      assertArrayEquals(src, shift(src, a, -0.0));
    }
  }

  /** A shift by more than the image empties it. */
  @Test
  void shiftingPastTheBorderGivesZero() {
    float[] src = random(4);
    assertArrayEquals(new float[W * H], shift(src, Axis.X, W));
    assertArrayEquals(new float[W * H], shift(src, Axis.Y, -1e12));
  }

  /**
   * Half a pixel to the right: output (x, y) samples the source at x - 0.5, the average of
   * source(x - 1) and source(x); column 0 averages the source's column 0 with the 0 outside.
   */
  @Test
  void halfPixelShiftAveragesNeighbours() {
    float[] src = random(5);
    float[] dst = shift(src, Axis.X, 0.5);
    for (int y = 0; y < H; y++) {
      assertEquals(0.5f * src[y * W], dst[y * W], 1e-6);
      for (int x = 1; x < W; x++) assertEquals((src[y * W + x - 1] + src[y * W + x]) / 2, dst[y * W + x], 1e-6);
    }
    // down by half a pixel on y, and both on xy: the mean of the 2x2 neighbourhood
    float[] down = shift(src, Axis.Y, 0.5);
    float[] diag = shift(src, Axis.XY, 0.5);
    for (int y = 1; y < H; y++) {
      for (int x = 1; x < W; x++) {
        int p = y * W + x;
        assertEquals((src[p - W] + src[p]) / 2, down[p], 1e-6);
        assertEquals((src[p - W - 1] + src[p - W] + src[p - 1] + src[p]) / 4, diag[p], 1e-6);
      }
    }
  }

  /** The YAML section binds axis (default x); an unknown axis and an unknown key are rejected. */
  @Test
  void configBindsAndRejectsBadValues() throws Exception {
    assertEquals(Axis.X, config("{}").axis());
    assertEquals(Axis.Y, config("axis: y").axis());
    assertEquals(Axis.XY, config("axis: xy").axis());
    assertEquals("xy", Axis.XY.toString());
    InvalidFormatException z = assertThrows(InvalidFormatException.class, () -> config("axis: z"));
    assertEquals("z", z.getValue());
    assertThrows(UnrecognizedPropertyException.class, () -> config("axes: x"));
  }

  /** Infinite or NaN shifts are rejected. */
  @Test
  void rejectsNonFiniteShifts() {
    assertThrows(IllegalArgumentException.class, () -> translation.prepare(new TranslationConfig(Axis.X), Double.NaN, W, H));
    assertThrows(IllegalArgumentException.class, () -> translation.prepare(new TranslationConfig(Axis.Y), Double.POSITIVE_INFINITY, W, H));
  }
}
