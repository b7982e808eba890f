package org.invariance.report;

/** Escaping for the report's page, in one place so every piece of it escapes alike. */
final class Html {
  private Html() {}

  /** Text between tags: only what would start markup or an entity is escaped (a word's apostrophe stays as written). */
  static String text(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Text anywhere, attribute values included: quotes escaped too. */
  static String esc(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
