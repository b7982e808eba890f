package org.invariance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a standalone plugin project, from the templates under
 * {@code org/invariance/cli/new-plugin/}: {@code common/} (pom, README, services file) and one
 * folder per kind, whose {@code manifest.txt} lists its templates and where each goes. A template's
 * {@code {{key}}} is replaced by the value of key; a key that has none is an error.
 */
final class PluginSkeleton {
  /** The kinds of plugin it writes, as {@code new-plugin} names them. */
  static final List<String> KINDS = List.of("source", "transform", "model", "probe");

  /** A plugin's name in experiments: lower-case words of letters and digits joined by '-', starting with a letter. */
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");
  private static final Pattern KEY = Pattern.compile("\\{\\{([A-Za-z]+)}}");
  private static final String ROOT = "/org/invariance/cli/new-plugin/";

  /** Java's reserved words and literals: none may be a package segment. */
  private static final Set<String> RESERVED = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
      "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if", "implements", "import",
      "instanceof", "int", "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short", "static",
      "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false",
      "null", "var", "record", "yield", "sealed", "permits", "non-sealed", "_");

  private PluginSkeleton() {}

  /** Why {@code name} cannot name a plugin, or null when it can. */
  static String nameProblem(String name) {
    if (name.length() > 40) return "at most 40 characters, got " + name.length();
    if (!NAME.matcher(name).matches()) {
      return "'" + name + "' is not a plugin name: lower-case words of letters and digits joined by '-', starting with a letter (e.g. edge-density)";
    }
    return null;
  }

  /** Why {@code pkg} cannot name the plugin's Java package, or null when it can. */
  static String packageProblem(String pkg) {
    if (!PACKAGE.matcher(pkg).matches()) return "'" + pkg + "' is not a Java package name of lower-case segments (e.g. org.example.edgedensity)";
    for (String segment : pkg.split("\\.")) {
      if (RESERVED.contains(segment)) return "'" + pkg + "': '" + segment + "' is a Java keyword and cannot name a package";
    }
    return null;
  }

  /** The class names' stem: edge-density gives EdgeDensity. */
  static String className(String name) {
    StringBuilder b = new StringBuilder();
    for (String word : name.split("-")) b.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    return b.toString();
  }

  /** The package when none is given: edge-density gives org.example.edgedensity. */
  static String defaultPackage(String name) {
    return "org.example." + name.replace("-", "");
  }

  /**
   * Every file of the project, by its path relative to the project's folder, in the order the
   * README lists them.
   *
   * @param kind one of {@link #KINDS}
   * @param version the framework's version, which the pom's parent names
   */
  static Map<String, String> files(String kind, String name, String pkg, String version) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("kind", kind);
    values.put("name", name);
    values.put("Name", className(name));
    values.put("package", pkg);
    values.put("packagePath", pkg.replace('.', '/'));
    values.put("groupId", pkg.contains(".") ? pkg.substring(0, pkg.lastIndexOf('.')) : pkg);
    values.put("version", version);
    Map<String, String> out = new LinkedHashMap<>();
    StringBuilder table = new StringBuilder();
    for (String line : template(kind + "/manifest.txt").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      if (line.startsWith("file ")) {
        String[] parts = line.substring(5).split("\\|", 2);
        String[] paths = parts[0].trim().split("\\s+");
        String path = render(paths[1], values);
        out.put(path, render(template(kind + "/" + paths[0]), values));
        if (parts.length > 1) table.append("| `").append(path).append("` | ").append(render(parts[1].trim(), values)).append(" |\n");
      } else {
        int eq = line.indexOf(" = ");
        if (eq < 0) throw new IllegalStateException(kind + "/manifest.txt: not 'key = value' nor 'file TEMPLATE PATH': " + line);
        values.put(line.substring(0, eq).trim(), render(line.substring(eq + 3).trim(), values));
      }
    }
    values.put("kinds", values.getOrDefault("plural", kind + "s"));
    values.put("files", table.toString());
    out.put("pom.xml", render(template("common/pom.xml"), values));
    out.put("README.md", render(template("common/README.md"), values));
    out.put(".gitignore", render(template("common/gitignore"), values));
    out.put("src/main/resources/META-INF/services/org.invariance.plugin.PluginModule", render(template("common/services"), values));
    return out;
  }

  /** {@code text} with every {@code {{key}}} replaced. */
  static String render(String text, Map<String, String> values) {
    Matcher m = KEY.matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) throw new IllegalStateException("a template names {{" + m.group(1) + "}}, which has no value; known: " + values.keySet());
      m.appendReplacement(b, Matcher.quoteReplacement(v));
    }
    m.appendTail(b);
    return b.toString();
  }

  private static String template(String path) {
    try (InputStream in = PluginSkeleton.class.getResourceAsStream(ROOT + path)) {
      if (in == null) throw new IllegalStateException("no template " + ROOT + path + " in the framework's jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The kind as the command line wrote it, or null when it names none. */
  static String kind(String written) {
    String k = written.toLowerCase(Locale.ROOT);
    return KINDS.contains(k) ? k : null;
  }
}
