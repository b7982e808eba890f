package org.invariance.model;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.invariance.config.InvalidConfig;

/**
 * What a model may hold in native memory (ND4J's arrays live off the Java heap), for plugins that
 * can estimate their needs from the config before any data loads: a network too large for the
 * machine is refused at its line with the estimate and the limit, never an allocation failure an
 * hour in.
 *
 * <p>It reads JavaCPP's limit from the system properties itself, the way JavaCPP's {@code Pointer}
 * does, rather than asking {@code Pointer}: that class loads JavaCPP's native library when it is
 * initialised, and checking a config ({@code validate}, preflight) loads nothing native.
 */
public final class NativeMemory {
  private NativeMemory() {}

  /** The most native memory this JVM may take: JavaCPP's limit ({@code -Dorg.bytedeco.javacpp.maxbytes}), else the machine's memory. */
  public static long limit() {
    long javacpp = javacppMaxBytes();
    if (javacpp > 0) return javacpp;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) return os.getTotalMemorySize();
    return Long.MAX_VALUE;
  }

  /**
   * Refuses {@code bytes} beyond {@link #limit()}: an {@link InvalidConfig} on {@code field} saying
   * what would hold them ({@code what}), the estimate and the limit, in words.
   */
  public static void require(long bytes, String field, String what) {
    long limit = limit();
    if (bytes > limit) {
      throw new InvalidConfig(field, what + " would take about " + size(bytes) + " of native memory; this JVM may use " + size(limit)
          + " (INVARIANCE_JAVA_OPTS=-Dorg.bytedeco.javacpp.maxbytes=... raises it where the machine has more)");
    }
  }

  /**
   * JavaCPP's {@code Pointer.maxBytes()} without initialising {@code Pointer}: the property
   * {@code org.bytedeco.javacpp.maxbytes} (or {@code maxBytes}), relative to the heap's maximum where
   * it ends in %, the heap's maximum where it is not set.
   */
  static long javacppMaxBytes() {
    long heap = Runtime.getRuntime().maxMemory();
    String s = System.getProperty("org.bytedeco.javacpp.maxBytes", System.getProperty("org.bytedeco.javacpp.maxbytes"));
    return s == null || s.isEmpty() ? heap : parseBytes(s, heap);
  }

  /** JavaCPP's {@code Pointer.parseBytes}: digits, then nothing, %, k(b), m(b), g(b) or t(b) (powers of 1024), any case. */
  static long parseBytes(String s, long relativeTo) {
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
    long size = Long.parseLong(s.substring(0, i));
    return switch (s.substring(i).trim().toLowerCase(Locale.ROOT)) {
      case "%" -> size * relativeTo / 100;
      case "t", "tb" -> size << 40;
      case "g", "gb" -> size << 30;
      case "m", "mb" -> size << 20;
      case "k", "kb" -> size << 10;
      case "" -> size;
      default -> throw new NumberFormatException("Cannot parse into bytes: " + s);
    };
  }

  /** "6.3 GB", "640 MB". */
  static String size(long bytes) {
    return bytes >= 1L << 30 ? String.format("%.1f GB", bytes / (double) (1L << 30)) : (bytes >> 20) + " MB";
  }
}
