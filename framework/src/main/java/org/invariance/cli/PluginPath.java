package org.invariance.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/**
 * Checks {@code INVARIANCE_PLUGIN_PATH} (extra plugin jars the launcher puts on the class path): an
 * entry that does not exist, is not a jar, or holds no plugin would otherwise show only as
 * "unknown plugin 'x'" much later.
 */
final class PluginPath {
  static final String SERVICE = "META-INF/services/org.invariance.plugin.PluginModule";

  private PluginPath() {}

  /** The first problem with the path, in one line, or null when every entry holds a plugin. */
  static String problem(String path) {
    if (path == null || path.isBlank()) return null;
    for (String entry : path.split(File.pathSeparator)) {
      if (entry.isBlank()) continue;
      Path p = Path.of(entry);
      String where = "INVARIANCE_PLUGIN_PATH: " + entry + ": ";
      if (!Files.exists(p)) return where + "no such file";
      if (Files.isDirectory(p)) {
        if (!Files.isRegularFile(p.resolve(SERVICE))) return where + "a directory without " + SERVICE + ": it holds no invariance plugin";
        continue;
      }
      try (ZipFile jar = new ZipFile(p.toFile())) {
        if (jar.getEntry(SERVICE) == null) return where + "holds no invariance plugin (no " + SERVICE + ")";
      } catch (IOException e) {
        return where + "not a jar";
      }
    }
    return null;
  }
}
