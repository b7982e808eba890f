package org.invariance.report;

import java.math.BigDecimal;
import java.math.MathContext;

/** Escaping for the report's page, in one place so every piece of it escapes alike. */
final class Html {
  private Html() {}

  /** A number as its words state it: 0.03, 1, 10 (no padding zeros), up to 4 significant digits. */
  static String number(double v) {
    if (!Double.isFinite(v)) return String.valueOf(v);
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /**
   * Safe between tags and inside double-quoted attribute values (the page quotes every attribute
   * so): what would start markup, an entity or end the value is escaped; a word's apostrophe stays
   * as written.
   */
  static String attribute(String s) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
