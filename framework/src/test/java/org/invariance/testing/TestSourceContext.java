package org.invariance.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.invariance.plugin.SourceContext;

/**
 * A source's view of a run for tests: a cache, paths relative to {@code dir} (the experiment
 * file's), and the provenance it records kept in a map.
 */
public record TestSourceContext(Path cacheDir, Path dir, Map<String, String> records) implements SourceContext {
  /** Paths relative to the working directory; fetched data in {@code cacheDir}. */
  public static TestSourceContext withCache(Path cacheDir) {
    return new TestSourceContext(cacheDir, Path.of("."), new LinkedHashMap<>());
  }

  /** Paths relative to {@code dir}, the cache in {@code dir/cache}. */
  public static TestSourceContext in(Path dir) {
    return new TestSourceContext(dir.resolve("cache"), dir, new LinkedHashMap<>());
  }

  @Override
  public Path resolve(String path) {
    return dir.resolve(path).normalize();
  }

  @Override
  public void record(String key, String value) {
    records.put(key, value);
  }
}
