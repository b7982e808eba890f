package org.invariance.plugins.imagefolder;

/**
 * Resizes the planes of an image, each channel on its own, one axis after the other (width, then
 * height), in double precision on the [0, 1] values (nothing is rounded to 8 bits). Along an axis
 * that grows: bilinear interpolation with half-pixel centres (output pixel o samples the input at
 * {@code (o + 0.5) * in / out - 0.5}, clamped to the edge pixels), as PyTorch's
 * {@code interpolate(mode="bilinear", align_corners=False)} does; along an axis that shrinks: area
 * averaging (each output pixel the mean of the input it covers, partly covered pixels weighted by
 * the part covered), as OpenCV's {@code INTER_AREA}; an axis that keeps its length is copied.
 */
final class Resize {
  /** For each output index, the input indices it reads and their weights (summing to 1). */
  record Weights(int[][] index, double[][] weight) {}

  private Resize() {}

  /** The weights that take an axis of {@code in} pixels to {@code out}. */
  static Weights weights(int in, int out) {
    int[][] index = new int[out][];
    double[][] weight = new double[out][];
    for (int o = 0; o < out; o++) {
      if (out == in) {
        index[o] = new int[] {o};
        weight[o] = new double[] {1};
      } else if (out > in) {
        double s = Math.max(0, (o + 0.5) * in / out - 0.5);
        int i0 = Math.min((int) Math.floor(s), in - 1);
        int i1 = Math.min(i0 + 1, in - 1);
        double f = s - i0;
        if (i1 == i0) f = 0;
        index[o] = new int[] {i0, i1};
        weight[o] = new double[] {1 - f, f};
      } else {
        double scale = (double) in / out;
        double start = o * scale;
        double end = (o + 1) * scale;
        int first = (int) Math.floor(start);
        int last = Math.min(in - 1, (int) Math.ceil(end) - 1);
        int n = last - first + 1;
        index[o] = new int[n];
        weight[o] = new double[n];
        for (int k = 0; k < n; k++) {
          int i = first + k;
          index[o][k] = i;
          weight[o][k] = (Math.min(end, i + 1) - Math.max(start, i)) / scale;
        }
      }
    }
    return new Weights(index, weight);
  }

  /**
   * {@code channels} planes of {@code w} x {@code h} at {@code src[0...]} resized to {@code W} x
   * {@code H} planes at {@code dst[offset...]}.
   */
  static void resize(float[] src, int channels, int w, int h, float[] dst, int offset, int W, int H) {
    Weights x = weights(w, W);
    Weights y = weights(h, H);
    double[] rows = new double[h * W];
    for (int c = 0; c < channels; c++) {
      int in = c * w * h;
      for (int r = 0; r < h; r++) {
        for (int o = 0; o < W; o++) {
          double v = 0;
          int[] idx = x.index[o];
          double[] wt = x.weight[o];
          for (int k = 0; k < idx.length; k++) v += wt[k] * src[in + r * w + idx[k]];
          rows[r * W + o] = v;
        }
      }
      int out = offset + c * W * H;
      for (int o = 0; o < H; o++) {
        int[] idx = y.index[o];
        double[] wt = y.weight[o];
        for (int col = 0; col < W; col++) {
          double v = 0;
          for (int k = 0; k < idx.length; k++) v += wt[k] * rows[idx[k] * W + col];
          dst[out + o * W + col] = (float) v;
        }
      }
    }
  }
}
