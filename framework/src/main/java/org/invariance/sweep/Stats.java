package org.invariance.sweep;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Mean, sample standard deviation and the 95% interval of the mean (Student's t, n - 1 degrees of
 * freedom) of a number across seeds. With one value there is no spread: sd and interval are NaN.
 */
public record Stats(int n, double mean, double sd, double ciLow, double ciHigh, double min, double max) {

  public static Stats of(double[] values, int count) {
    if (count == 0) return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      sum += values[i];
      min = Math.min(min, values[i]);
      max = Math.max(max, values[i]);
    }
    double mean = sum / count;
    if (count == 1) return new Stats(1, mean, Double.NaN, Double.NaN, Double.NaN, min, max);
    // every seed gave the same number: that number, with no spread (the sum's rounding would make one up, e.g. sd 1.7e-17)
    if (min == max) return new Stats(count, min, 0, min, min, min, max);
    double ss = 0;
    for (int i = 0; i < count; i++) ss += (values[i] - mean) * (values[i] - mean);
    double sd = Math.sqrt(ss / (count - 1));
    double half = new TDistribution(null, count - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(count);
    return new Stats(count, mean, sd, mean - half, mean + half, min, max);
  }

  /** A number as the summary CSV writes it: empty for NaN, else Java's shortest round-trip form. */
  static String cell(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }
}
