package org.invariance.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** The known word a mistyped one was probably meant to be: a misspelt key, a mistyped subcommand. */
public final class DidYouMean {
  private DidYouMean() {}

  /**
   * The nearest known word by edit distance, if it is a typo away: at most 3 edits and at most half
   * the known word (so "sede" finds "seed" and "rn" finds "run", but "xy" finds nothing in "lr").
   */
  public static Optional<String> suggest(String typed, Collection<String> known) {
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance.apply(typed.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.min(3, best.length() / 2) ? Optional.of(best) : Optional.empty();
  }
}
