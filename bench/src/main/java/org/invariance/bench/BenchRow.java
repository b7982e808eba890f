package org.invariance.bench;

import java.util.Locale;

/** One printed figure of the benchmark. */
public record BenchRow(String name, double value, double min, double max, String unit, String note) {
  public static BenchRow single(String name, double value, String unit, String note) {
    return new BenchRow(name, value, Double.NaN, Double.NaN, unit, note);
  }

  public String format() {
    String range = Double.isNaN(min) ? "" : String.format(Locale.ROOT, " [%s .. %s]", num(min), num(max));
    return String.format(Locale.ROOT, "%-34s %12s %-8s%-24s %s", name, num(value), unit, range, note == null ? "" : note);
  }

  static String num(double v) {
    if (Double.isNaN(v)) return "n/a";
    double a = Math.abs(v);
    if (a >= 1000) return String.format(Locale.ROOT, "%.0f", v);
    if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
