package org.invariance.experiment;

import java.util.function.Supplier;

/**
 * Every error of the loader in one line, whatever part of it found the problem: a key, value or
 * override quoted with a line break in it ("a\nb": 1) is echoed with the break escaped.
 */
final class OneLineErrors {
  private OneLineErrors() {}

  static Plan oneLine(Supplier<Plan> plan) {
    try {
      return plan.get();
    } catch (ConfigException e) {
      if (isOneLine(e.getMessage())) throw e;
      ConfigException clean = new ConfigException(printable(e.source()), e.line(), e.column(), e.field() == null ? null : printable(e.field()), printable(e.problem()));
      clean.initCause(e);
      throw clean;
    }
  }

  private static boolean isOneLine(String s) {
    return s.chars().noneMatch(c -> Character.isISOControl(c) && c != '\t' || c == '\u2028' || c == '\u2029');
  }

  private static String printable(String s) {
    if (s == null || isOneLine(s)) return s;
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '\n') b.append("\\n");
      else if (c == '\r') b.append("\\r");
      else if (Character.isISOControl(c) && c != '\t' || c == '\u2028' || c == '\u2029') b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.toString();
  }
}
