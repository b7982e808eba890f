package org.invariance.study.analysis;

import java.util.stream.IntStream;

/**
 * Algorithm 1 of the study (section 4.3): from a p10 table (neurons x datasets) of one layer, each
 * neuron's mean mu(n) and variance sigma(n) of p10 over the datasets; their means over the
 * neurons, mu and sigma; then type A if sigma(n) > 2 sigma, else B1 if mu(n) > mu, else B2.
 * Variances are population variances (divided by the number of datasets). The comparisons are
 * strict, as in the algorithm: a neuron exactly at 2 sigma is not type A, exactly at mu is B2.
 *
 * <p>The p10 values are any reals in [0, 1], not multiples of 1 / samples: {@link TopFraction}
 * gives neurons tied at the cut equal fractional shares of a sample's places. Nothing here counts
 * hits; neurons with equal p10 on every dataset always get the same type.
 */
public final class NeuronTypes {
  public enum Type {
    A, B1, B2
  }

  /** The classification of one layer, with the statistics it was made from. */
  public record Result(Type[] types, double[] mean, double[] variance, double meanOfMeans, double meanOfVariances) {
    public int count(Type t) {
      int c = 0;
      for (Type x : types) if (x == t) c++;
      return c;
    }

    /** Indices of the neurons of type {@code t}, ascending. */
    public int[] neurons(Type t) {
      return IntStream.range(0, types.length).filter(i -> types[i] == t).toArray();
    }
  }

  private NeuronTypes() {}

  /** @param p10 p10[n][d]: neuron n, dataset d */
  public static Result classify(double[][] p10) {
    int n = p10.length;
    double[] mean = new double[n];
    double[] var = new double[n];
    double mu = 0;
    double sigma = 0;
    for (int i = 0; i < n; i++) {
      int d = p10[i].length;
      double m = 0;
      for (double v : p10[i]) m += v;
      m /= d;
      double s = 0;
      for (double v : p10[i]) s += (v - m) * (v - m);
      mean[i] = m;
      var[i] = s / d;
      mu += m;
      sigma += var[i];
    }
    mu /= n;
    sigma /= n;
    Type[] t = new Type[n];
    for (int i = 0; i < n; i++) {
      if (var[i] > 2 * sigma) t[i] = Type.A;
      else if (mean[i] > mu) t[i] = Type.B1;
      else t[i] = Type.B2;
    }
    return new Result(t, mean, var, mu, sigma);
  }

  /** Pearson correlation of two equally long indicator (or any) vectors; NaN when one is constant. */
  public static double pearson(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }
}
