package org.invariance.bench;

import java.util.Arrays;

/** Repeated timings of one thing: median with min and max, in milliseconds. */
public record Measurement(double medianMs, double minMs, double maxMs, int repeats) {
  public static Measurement of(double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    int n = s.length;
    double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    return new Measurement(median, s[0], s[n - 1], n);
  }

  /** Runs {@code warmup} untimed and {@code repeats} timed calls. */
  public static Measurement time(int warmup, int repeats, Runnable r) {
    for (int i = 0; i < warmup; i++) r.run();
    double[] ms = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      r.run();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    return of(ms);
  }
}
