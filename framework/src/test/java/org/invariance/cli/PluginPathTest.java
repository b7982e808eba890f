package org.invariance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginPathTest {
  @TempDir Path dir;

  Path jar(String name, String entry) throws IOException {
    Path j = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(j); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(entry));
      zip.write("my.lab.ActivityModule\n".getBytes());
      zip.closeEntry();
    }
    return j;
  }

  @Test
  void everyKindOfWrongEntryIsNamedAndAGoodPathPasses() throws IOException {
    Path good = jar("good.jar", PluginPath.SERVICE);
    assertNull(PluginPath.problem(good + File.pathSeparator + good));
    assertNull(PluginPath.problem(""));
    Path missing = dir.resolve("actvity.jar");
    assertEquals("INVARIANCE_PLUGIN_PATH: " + missing + ": no such file", PluginPath.problem(good + File.pathSeparator + missing));
    Path text = Files.writeString(dir.resolve("notes.txt"), "not a jar");
    assertEquals("INVARIANCE_PLUGIN_PATH: " + text + ": not a jar", PluginPath.problem(text.toString()));
    Path other = jar("other.jar", "org/example/Thing.class");
    assertEquals("INVARIANCE_PLUGIN_PATH: " + other + ": holds no invariance plugin (no " + PluginPath.SERVICE + ")", PluginPath.problem(other.toString()));
  }
}
