package org.invariance.data;

import java.util.SplittableRandom;

/**
 * An endless walk through reshuffled epochs of {@code n} items, the minibatch order trainers share:
 * each epoch is a fresh Fisher-Yates permutation drawn from one seeded generator, so the order is a
 * function of the seed alone.
 */
public final class Epochs {
  private final SplittableRandom rng;
  private int[] order;
  private int pos;

  public Epochs(int n, SplittableRandom rng) {
    this.rng = rng;
    this.order = shuffled(n, rng);
  }

  /** The next item; a new permutation starts when the last one is used up. */
  public int next() {
    if (pos == order.length) {
      order = shuffled(order.length, rng);
      pos = 0;
    }
    return order[pos++];
  }

  /** A uniformly random permutation of 0..n-1. */
  public static int[] shuffled(int n, SplittableRandom rng) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) a[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
