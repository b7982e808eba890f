package org.invariance.testing;

import java.nio.file.Path;

/**
 * The cache tests share for downloaded data (so the npm package is fetched once per machine):
 * $INVARIANCE_CACHE if set, else the user's cache. Trained models in tests go to temp dirs instead.
 */
public final class Caches {
  private Caches() {}

  public static Path shared() {
    String env = System.getenv("INVARIANCE_CACHE");
    if (env != null && !env.isBlank()) return Path.of(env);
    return Path.of(System.getProperty("user.home"), ".cache", "invariance");
  }
}
