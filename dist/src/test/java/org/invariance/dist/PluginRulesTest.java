package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules docs/ARCHITECTURE.md states for plugins, on the shipped ones' sources and poms: no
 * plugin's code depends on or imports another (its tests may read real digits through a source
 * plugin, in test scope), and every plugin module is shipped by the distribution.
 */
class PluginRulesTest {
  static final Path PLUGINS = Path.of("..", "plugins");

  static List<String> modules() throws Exception {
    List<String> modules = new ArrayList<>();
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(PLUGINS.resolve("pom.xml")));
    while (m.find()) modules.add(m.group(1));
    assertTrue(modules.size() >= 20, modules.toString());
    return modules;
  }

  @Test
  void noPluginDependsOnOrImportsAnother() throws Exception {
    List<String> broken = new ArrayList<>();
    Pattern pluginImport = Pattern.compile("^import (?:static )?org\\.invariance\\.plugins\\.([a-z0-9_]+)\\.", Pattern.MULTILINE);
    for (String module : modules()) {
      Path dir = PLUGINS.resolve(module);
      String pom = Files.readString(dir.resolve("pom.xml"));
      Matcher dep = Pattern.compile("<dependency>(?:(?!</dependency>).)*?<artifactId>(invariance-plugin-[^<]+)</artifactId>((?:(?!</dependency>).)*)</dependency>", Pattern.DOTALL).matcher(pom);
      while (dep.find()) {
        // a plugin's tests may read real digits through a source plugin; its jar never needs one
        if (!dep.group(2).contains("<scope>test</scope>")) broken.add(module + "/pom.xml depends on " + dep.group(1));
      }
      List<Path> sources;
      try (Stream<Path> files = Files.walk(dir.resolve("src/main"))) {
        sources = files.filter(p -> p.toString().endsWith(".java")).toList();
      }
      // the module's own plugin packages: a file of the module outside them (a shim under a library's name) may import them
      Set<String> mine = new HashSet<>();
      for (Path f : sources) {
        Matcher own = Pattern.compile("^package org\\.invariance\\.plugins\\.([a-z0-9_]+)", Pattern.MULTILINE).matcher(Files.readString(f));
        if (own.find()) mine.add(own.group(1));
      }
      for (Path f : sources) {
        Matcher imp = pluginImport.matcher(Files.readString(f));
        while (imp.find()) {
          if (!mine.contains(imp.group(1))) broken.add(PLUGINS.relativize(f) + " imports org.invariance.plugins." + imp.group(1));
        }
      }
    }
    assertEquals(List.of(), broken, "no plugin builds on another; what plugins share belongs in the framework or a library such as study/");
  }

  @Test
  void everyPluginModuleIsShipped() throws Exception {
    String dist = Files.readString(Path.of("pom.xml"));
    List<String> missing = new ArrayList<>();
    for (String module : modules()) {
      if (!dist.contains("<artifactId>invariance-plugin-" + module + "</artifactId>")) missing.add(module);
    }
    assertEquals(List.of(), missing, "plugin modules dist/pom.xml does not depend on, so ./invariance would not ship them");
  }
}
