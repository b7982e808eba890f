package org.invariance.plugin;

import java.nio.file.Path;
import org.invariance.metrics.Progress;

/** What a {@link Source} may use while loading. */
public interface SourceContext {
  /** The user's cache ({@code ~/.cache/invariance} or {@code $INVARIANCE_CACHE}): fetched data lives here. */
  Path cacheDir();

  /** A path from the experiment file, resolved against that file's directory. */
  Path resolve(String path);

  /** Records a fact about where the data came from (a package, a file's SHA-256) in the run's provenance. */
  void record(String key, String value);

  /** A progress reporter (terminal and metrics) for loading that takes a while (decoding many files); silent by default. */
  default Progress progress(String phase, long total) {
    return Progress.silent();
  }

  /** As {@link #progress(String, long)}, naming what a step is, in the plural ("images", "files"). */
  default Progress progress(String phase, long total, String unit) {
    return progress(phase, total);
  }
}
