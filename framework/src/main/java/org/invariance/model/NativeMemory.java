package org.invariance.model;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import org.bytedeco.javacpp.Pointer;
import org.invariance.config.InvalidConfig;

/**
 * What a model may hold in native memory (ND4J's arrays live off the Java heap), for plugins that
 * can estimate their needs from the config before any data loads: a network too large for the
 * machine is refused at its line with the estimate and the limit, never an allocation failure an
 * hour in.
 */
public final class NativeMemory {
  private NativeMemory() {}

  /** The most native memory this JVM may take: JavaCPP's limit ({@code -Dorg.bytedeco.javacpp.maxbytes}), else the machine's memory. */
  public static long limit() {
    long javacpp = Pointer.maxBytes();
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

  /** "6.3 GB", "640 MB". */
  static String size(long bytes) {
    return bytes >= 1L << 30 ? String.format("%.1f GB", bytes / (double) (1L << 30)) : (bytes >> 20) + " MB";
  }
}
