package org.invariance.cli;

import java.nio.file.Path;

/** Where downloads and trained models live: $INVARIANCE_CACHE, else $XDG_CACHE_HOME/invariance, else ~/.cache/invariance. */
public final class CacheDir {
  private CacheDir() {}

  public static Path resolve() {
    String env = System.getenv("INVARIANCE_CACHE");
    if (env != null && !env.isBlank()) return Path.of(env);
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "invariance");
    return Path.of(System.getProperty("user.home"), ".cache", "invariance");
  }
}
