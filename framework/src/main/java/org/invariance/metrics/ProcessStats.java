package org.invariance.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's page faults and peak resident memory, from /proc (Linux). */
public final class ProcessStats {
  private ProcessStats() {}

  /** Minor + major page faults so far, or -1 where /proc is not there. */
  public static long pageFaults() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after "pid (comm) ": state=0 ppid=1 ... minflt=7 cminflt=8 majflt=9
      return Long.parseLong(f[7]) + Long.parseLong(f[9]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Peak resident set size (VmHWM) in bytes, or -1. */
  public static long peakRssBytes() {
    return status("VmHWM:");
  }

  /** Current resident set size (VmRSS) in bytes, or -1: native ND4J buffers count here, not in the heap. */
  public static long rssBytes() {
    return status("VmRSS:");
  }

  private static long status(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
