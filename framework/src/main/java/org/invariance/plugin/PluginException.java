package org.invariance.plugin;

import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * A plugin that failed: its module would not load, one of its classes would not be created, two
 * plugins registered one name, or one of its methods threw. {@link #getMessage()} is one line that
 * names the plugin, the jar it came from and what went wrong; the exception it caught is the cause
 * (its stack trace is for {@code -v}).
 */
public final class PluginException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PluginException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * A plugin's method threw: {@code plugin 'cka' (org.x.CkaProbe in /x/cka.jar): <its message>}.
   *
   * @param name the plugin's name as registered ({@code cka})
   * @param plugin the plugin's instance (its class and jar are named)
   */
  public static PluginException threw(String name, Object plugin, Throwable e) {
    return new PluginException(describe(name, plugin == null ? null : plugin.getClass()) + ": " + message(e), e);
  }

  /** {@code plugin 'cka' (org.x.CkaProbe in /x/cka.jar)}: the plugin, its class and where it was loaded from. */
  public static String describe(String name, Class<?> type) {
    if (type == null) return "plugin '" + name + "'";
    Path jar = jar(type);
    return "plugin '" + name + "' (" + className(type) + (jar == null ? "" : " in " + jar) + ")";
  }

  /** A class's name as its author wrote it (a lambda: the class that holds it). */
  static String className(Class<?> type) {
    String n = type.getName();
    int lambda = n.indexOf("$$Lambda");
    return lambda > 0 ? n.substring(0, lambda) : n;
  }

  /** The jar (or classes directory) a class was loaded from; null when it cannot tell. */
  public static Path jar(Class<?> type) {
    try {
      CodeSource src = type.getProtectionDomain().getCodeSource();
      return src == null || src.getLocation() == null ? null : Path.of(src.getLocation().toURI());
    } catch (URISyntaxException | SecurityException | IllegalArgumentException | FileSystemNotFoundException e) {
      return null;
    }
  }

  /**
   * What an exception says, in one line: its message's first line (a class not found: its name),
   * or its type when it says nothing. Wrappers that only carry another (reflection's, a static
   * initialiser's) are looked through.
   */
  public static String message(Throwable e) {
    Throwable t = unwrap(e);
    String m = t.getMessage();
    String first = m == null ? "" : m.strip().lines().findFirst().orElse("").strip();
    String type = t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
    if (first.isEmpty()) return type;
    if (t instanceof LinkageError || t instanceof ClassNotFoundException || t instanceof NullPointerException
        || t instanceof IndexOutOfBoundsException || t instanceof ClassCastException || t instanceof ArithmeticException) {
      return type + ": " + first; // their message alone (a class name, an index) does not say what happened
    }
    if (!first.equals(m.strip())) first += " ...";
    return first;
  }

  /** The exception a wrapper (reflection's, a static initialiser's) carries. */
  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    for (int i = 0; i < 10; i++) {
      if (t instanceof InvocationTargetException || t instanceof ExceptionInInitializerError
          || t instanceof UndeclaredThrowableException || t instanceof ProvisionException) {
        Throwable c = t instanceof ProvisionException p ? provisionCause(p) : t.getCause();
        if (c == null) break;
        t = c;
      } else {
        break;
      }
    }
    return t;
  }

  private static Throwable provisionCause(ProvisionException p) {
    for (Message m : p.getErrorMessages()) {
      if (m.getCause() != null) return m.getCause();
    }
    return p.getCause();
  }
}
