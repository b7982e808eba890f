package org.invariance.plugins.cka;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.invariance.data.Epochs;

/**
 * The seeded re-pairings of the permutation baseline: the same {@code count} permutations of n rows
 * for every model, layer and pair, so baselines are comparable and a run is reproducible whatever
 * the order of its comparisons.
 */
final class Permutations {
  private final long seed;
  private final int count;
  private final Map<Integer, int[][]> byRows = new HashMap<>();

  Permutations(long seed, int count) {
    this.seed = seed;
    this.count = count;
  }

  /** {@code count} uniform random permutations of 0..n-1 (Fisher-Yates). */
  int[][] of(int n) {
    return byRows.computeIfAbsent(n, k -> {
      SplittableRandom random = new SplittableRandom(seed);
      int[][] perms = new int[count][];
      for (int c = 0; c < count; c++) perms[c] = Epochs.shuffled(n, random);
      return perms;
    });
  }
}
