package org.invariance.plugins.invariancescore;

import java.util.Arrays;
import org.invariance.study.analysis.TopFraction;
import org.invariance.model.Activations;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Each neuron's firing threshold t_i on the reference images, and what it achieves there: the
 * neuron fires on an image when its activation exceeds t_i, on |Z_i| of the n reference images, a
 * global firing rate G(i) = |Z_i| / n.
 *
 * <p>t_i aims at {@code target = max(1, round(rate n))} images. With distinct activations it is the
 * (target+1)-th largest and G is the rate asked for. Tied activations (ReLU zeros, saturated units,
 * pixels at exactly 0 or 1) can make that count unreachable: the threshold then sits at one edge of
 * the tied block that straddles it, whichever fires on a count nearer the target (by ratio; the
 * smaller count on a draw), and G is the rate that edge actually achieves. A neuron is not scored
 * when it is constant over the images, or when neither edge comes within a factor {@link #TOLERANCE}
 * of the target (too many tied images, or too few above them). t_i is always the largest reference
 * activation of an image on which the neuron does not fire.
 */
final class Thresholds {
  /** How far, as a factor, the achieved firing count may be from the target. */
  static final double TOLERANCE = 2;
  /** Neurons per heap block when reading columns (n floats each). */
  private static final int BLOCK = 256;

  enum Status { SCORED, CONSTANT, TIES }

  /** One neuron's choice: fire above {@code threshold}, on {@code fires} reference images. */
  record Choice(float threshold, int fires, Status status) {
    static final Choice CONSTANT = new Choice(Float.POSITIVE_INFINITY, 0, Status.CONSTANT);
    static final Choice TIES = new Choice(Float.POSITIVE_INFINITY, 0, Status.TIES);
  }

  final int images;
  final int target;
  /** Per neuron; +infinity where not scored, so it never fires. */
  final float[] threshold;
  final int[] fires;
  final Status[] status;

  private Thresholds(int images, int target, int neurons) {
    this.images = images;
    this.target = target;
    this.threshold = new float[neurons];
    this.fires = new int[neurons];
    this.status = new Status[neurons];
  }

  /** Thresholds for every neuron (column) of a (images x neurons) reference layer. */
  static Thresholds of(INDArray reference, double rate) {
    int n = reference.rows();
    int m = reference.columns();
    Thresholds t = new Thresholds(n, TopFraction.count(n, rate), m);
    for (int from = 0; from < m; from += BLOCK) {
      int to = Math.min(m, from + BLOCK);
      INDArray columns = reference.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)).transpose().dup('c');
      float[] v = Activations.floats(columns);   // neuron-major: each neuron's n activations in a row
      Activations.free(columns);
      for (int j = 0; j < to - from; j++) {
        Arrays.sort(v, j * n, (j + 1) * n);
        Choice c = n == 0 ? Choice.CONSTANT : choose(v, j * n, n, t.target);
        t.threshold[from + j] = c.threshold();
        t.fires[from + j] = c.fires();
        t.status[from + j] = c.status();
      }
    }
    return t;
  }

  /** The threshold for one neuron whose n activations are {@code s[off..off+n)}, sorted ascending. */
  static Choice choose(float[] s, int off, int n, int target) {
    int end = off + n;
    if (s[off] == s[end - 1]) return Choice.CONSTANT;
    int cut = end - Math.min(target, n);   // s[cut]: the target-th largest
    float w = s[cut];
    int hi = cut;
    while (hi < end && s[hi] == w) hi++;
    int lo = cut;
    while (lo > off && s[lo - 1] == w) lo--;
    int above = end - hi;    // firing above w: the tied block stays silent
    int atLeast = end - lo;  // firing above the value below the block: the block fires
    Choice best = acceptable(above, target, n) ? new Choice(w, above, Status.SCORED) : null;
    if (lo > off && acceptable(atLeast, target, n) && (best == null || distance(atLeast, target) < distance(above, target))) {
      best = new Choice(s[lo - 1], atLeast, Status.SCORED);
    }
    return best == null ? Choice.TIES : best;
  }

  private static boolean acceptable(int fires, int target, int n) {
    return fires >= 1 && fires < n && fires * TOLERANCE >= target && fires <= target * TOLERANCE;
  }

  private static double distance(int fires, int target) {
    return Math.abs(Math.log((double) fires / target));
  }

  int neurons() {
    return threshold.length;
  }

  /** The thresholds as a (1 x neurons) row of {@code type}, for comparisons with a layer; the caller frees it. */
  INDArray row(DataType type) {
    INDArray r = Nd4j.create(threshold, new long[] {1, threshold.length}, 'c');
    if (type == DataType.FLOAT) return r;
    INDArray c = r.castTo(type);
    Activations.free(r);
    return c;
  }
}
