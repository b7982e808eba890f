package org.invariance.fuzz;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every reader promises for any input: a result, or one expected error whose message is one
 * line of plain words. A message that spans lines or names a Java class is a finding (unless the
 * name is the input's own text, echoed back).
 */
public final class Contract {
  /** A qualified name (java.util.zip.ZipException, com.fasterxml...) or a bare *Exception / *Error. */
  private static final Pattern CLASS_NAME = Pattern.compile(
      "\\b(?:java|javax|jdk|sun|com|org|net|io)\\.[a-z_]\\w*\\.[\\w.$]*\\w|\\b[A-Z]\\w*(?:Exception|Error)\\b");

  private Contract() {}

  /** Fails (a finding) unless {@code e}'s message is one line of plain words. */
  public static void plainOneLine(Throwable e, String input) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) throw new AssertionError("an error without a message", e);
    if (m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) throw new AssertionError("a message of more than one line: " + m, e);
    Matcher k = CLASS_NAME.matcher(m);
    while (k.find()) {
      if (!input.contains(k.group())) throw new AssertionError("a Java class name in the message: " + m, e);
    }
  }
}
