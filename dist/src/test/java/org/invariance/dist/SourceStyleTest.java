package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code names classes by import, not by their full name (a line of {@code org.invariance.run.Runner}
 * in code is harder to read than {@code Runner}): every Java source of every module, main and test,
 * is checked. A full name stays only where its simple name is taken in that file (imported from
 * another package, or a class of the file's own).
 */
class SourceStyleTest {
  static final Path ROOT = Path.of("..");
  static final Pattern FULL_NAME = Pattern.compile("(?<![\\w.])((?:[a-z][a-z0-9_]*\\.)+)([A-Z][A-Za-z0-9_]*)");
  static final List<String> ROOTS = List.of("java.", "javax.", "org.", "com.", "io.", "jdk.", "picocli.", "ai.", "onnx.", "net.", "me.", "sun.");
  static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)\\.(\\w+|\\*);", Pattern.MULTILINE);
  static final Pattern DECLARED = Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z]\\w*)");

  @Test
  void codeNamesClassesByImport() throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> all = Files.walk(ROOT)) {
      sources = all.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/") && !p.toString().contains("/target/")).toList();
    }
    assertTrue(sources.size() > 300, "every module's sources are read: " + sources.size());
    for (Path p : sources) found.addAll(fullNames(p, Files.readString(p)));
    assertEquals(List.of(), found, "code that names a class by its full name: import it");
  }

  // the check finds what it must: a full name in code, not in a comment, a string or an import
  @Test
  void theCheckSeesFullNamesInCodeOnly() {
    String src = "package a;\nimport java.util.List;\nclass X {\n  // java.util.Map in a comment\n  String s = \"java.util.Set\";\n  java.util.Map<String, List<String>> m;\n}\n";
    assertEquals(List.of("X.java:6: java.util.Map"), fullNames(Path.of("X.java"), src));
    String clash = "package a;\nimport java.awt.List;\nclass Y {\n  java.util.List<String> l;\n}\n";
    assertEquals(List.of(), fullNames(Path.of("Y.java"), clash), "List is taken by an import: the full name stays");
  }

  /** Each full class name in {@code src}'s code whose simple name is free in that file, as "file:line: name". */
  static List<String> fullNames(Path file, String src) {
    Map<String, String> imported = new HashMap<>();
    Matcher im = IMPORT.matcher(src);
    int bodyStart = 0;
    while (im.find()) {
      if (im.group(1) == null && !im.group(3).equals("*")) imported.put(im.group(3), im.group(2) + "." + im.group(3));
      bodyStart = im.end();
    }
    Set<String> declared = new HashSet<>();
    Matcher dm = DECLARED.matcher(src);
    while (dm.find()) declared.add(dm.group(1));
    List<String> found = new ArrayList<>();
    String code = codeOnly(src);
    Matcher m = FULL_NAME.matcher(code);
    while (m.find()) {
      if (m.start() < bodyStart || ROOTS.stream().noneMatch(m.group(1)::startsWith)) continue;
      String simple = m.group(2);
      String full = m.group(0);
      String taken = imported.get(simple);
      if (taken != null && !taken.equals(full) || taken == null && declared.contains(simple)) continue;
      int line = 1;
      for (int i = 0; i < m.start(); i++) if (src.charAt(i) == '\n') line++;
      found.add(file + ":" + line + ": " + full);
    }
    return found;
  }

  /** The source with comments, strings and character literals blanked (line breaks kept, so lines still count). */
  static String codeOnly(String s) {
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      int end;
      if (s.startsWith("//", i)) {
        end = s.indexOf('\n', i);
        end = end < 0 ? n : end;
      } else if (s.startsWith("/*", i)) {
        end = s.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
      } else if (s.startsWith("\"\"\"", i)) {
        end = s.indexOf("\"\"\"", i + 3);
        end = end < 0 ? n : end + 3;
      } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
        char q = s.charAt(i);
        end = i + 1;
        while (end < n && s.charAt(end) != q) end += s.charAt(end) == '\\' ? 2 : 1;
        end = Math.min(n, end + 1);
      } else {
        b.append(s.charAt(i++));
        continue;
      }
      for (int k = i; k < end; k++) b.append(s.charAt(k) == '\n' ? '\n' : ' ');
      i = end;
    }
    return b.toString();
  }
}
