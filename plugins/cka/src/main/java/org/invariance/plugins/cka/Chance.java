package org.invariance.plugins.cka;

/**
 * The chance level of one CKA estimator: its mean and 95th percentile over the re-pairings of the
 * images (Y's rows permuted against X's), the values a comparison takes when the pairing carries no
 * information.
 *
 * <p>Two ways to get it:
 * <ul>
 *   <li>{@link #exact}: the mean and variance over <em>all</em> n! re-pairings, in closed form from
 *       quantities each representation already holds (tr K, tr K^2 = ||K||_F^2, sum_i K_ii^2), so at no
 *       cost beyond the comparison itself. The mean and the standard deviation are exact; the 95th
 *       percentile is mean + 1.645 sd, a normal approximation whose error is the distribution's skew.
 *       Measured against 1,000 seeded re-pairings on the default run (AER and AEUR, layers 3 and 4,
 *       MNIST_-60 and MNIST_mix against MNIST_0, 10,000 images): the means agree within 0.043 sd
 *       (the sample's own error is 0.032 sd), the 95th percentiles within 0.15 sd, 2.1e-5 in CKA
 *       (1.5% of the linear one, 8.4% of the debiased one; the sample's own error is about 0.07 sd),
 *       the normal one mostly the lower. The nearest rank of 20 re-pairings, the default before,
 *       was 0.24 sd lower on average over the default run's 56 comparisons, and off by up to 0.69 sd.
 *       <ul>
 *         <li>linear CKA is the RV coefficient of the two centred configurations (Robert and Escoufier
 *             1976); its permutation mean is sqrt(b_x b_y)/(n-1) with b = (tr K)^2 / tr K^2, and its
 *             variance is Kazi-Aoual et al. 1995's, as in Josse, Pagès and Husson 2008 ("Testing the
 *             significance of the RV coefficient", CSDA 53):
 *             2 / ((n+1)(n-1)^2(n-2)) [(n-1-b_x)(n-1-b_y) + (n-3)/(2n(n-1)) u_x u_y], with
 *             u = (n-1)/(n-3) [n(n+1) sum_i K_ii^2 / tr K^2 - (n-1)(b+2)];
 *         <li>debiased CKA: n(n-3) HSIC_1 is the inner product of the U-centred kernels K~, L~
 *             (Székely and Rizzo 2014), symmetric matrices with a zero diagonal and zero row sums;
 *             for those the permutation mean of {@code <K~, P L~ P'>} is 0 and its variance (the
 *             quadratic assignment moments of Mantel 1967 and Hubert 1987, the row-sum terms
 *             vanishing) is 2 ||K~||^2 ||L~||^2 / (n(n-3)). Divided by the normaliser ||K~|| ||L~||:
 *             the debiased chance level has mean 0 and sd sqrt(2 / (n(n-3))) whatever the data
 *             (1.41e-4 at n = 10,000).
 *       </ul>
 *   <li>{@link #sampled}: the sample mean and the nearest-rank 95th percentile of the estimator over
 *       a given set of seeded re-pairings, each an explicit comparison ({@code permutations: N}).
 * </ul>
 *
 * @param mean the mean over the re-pairings
 * @param p95 the 95th percentile over the re-pairings
 */
record Chance(double mean, double p95) {
  /** The standard normal's 95th percentile. */
  static final double Z95 = 1.6448536269514722;

  /** The summary of explicitly re-paired values; null when there are none. */
  static Chance sampled(double[] values) {
    return values.length == 0 ? null : new Chance(Similarity.mean(values), Similarity.p95(values));
  }

  /** Both estimators' chance levels over all re-pairings, from what two representations of n >= 4 images hold. */
  static Chance[] exact(Representation x, Representation y) {
    int n = x.n;
    double bx = x.sumSq * x.sumSq / x.self;
    double by = y.sumSq * y.sumSq / y.self;
    double linearMean = Math.sqrt(bx) * Math.sqrt(by) / (n - 1.0);
    double linearVar = 2 / ((n + 1.0) * (n - 1.0) * (n - 1.0) * (n - 2.0))
        * ((n - 1 - bx) * (n - 1 - by) + (n - 3.0) / (2.0 * n * (n - 1.0)) * u(x, bx) * u(y, by));
    double debiasedSd = Math.sqrt(2 / (n * (n - 3.0)));
    return new Chance[] {
        new Chance(linearMean, linearMean + Z95 * Math.sqrt(Math.max(0, linearVar))),
        new Chance(0, Z95 * debiasedSd)};
  }

  /** (n-1-b) tau of Josse et al.: the kurtosis-like term of the RV's variance, finite where b = n-1. */
  private static double u(Representation r, double b) {
    int n = r.n;
    double diagSq = 0;
    for (double k : r.rowSq) diagSq += k * k;
    return (n - 1.0) / (n - 3.0) * (n * (n + 1.0) * diagSq / r.self - (n - 1.0) * (b + 2));
  }
}
