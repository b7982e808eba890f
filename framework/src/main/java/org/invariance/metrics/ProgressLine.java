package org.invariance.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jline.utils.WCWidth;

/**
 * The text of a progress line, fitted to a width: what to keep when a terminal is narrow is a
 * decision of its own, tested without a terminal.
 */
final class ProgressLine {
  private ProgressLine() {}

  /** What a line shows; {@code unit} names what the steps count, in the plural ("iterations", "images"). */
  record Snapshot(String label, long done, long total, String unit, double seconds, long samples, Map<String, Double> values) {
    Snapshot(String label, long done, long total, double seconds, long samples, Map<String, Double> values) {
      this(label, done, total, DEFAULT_UNIT, seconds, samples, values);
    }
  }

  /** What steps are called when the caller does not say. */
  static final String DEFAULT_UNIT = "steps";

  /** A part of the line: its text, its place on the line and its rank (0 is kept longest). */
  private record Part(int place, int rank, String text) {}

  private static final int BAR_MIN = 10;
  private static final int BAR_MAX = 40;

  /**
   * The line for {@code s} in at most {@code width} columns. Parts in order of what is kept longest: the label, the
   * counts, the percentage, the time left (or taken), the unit, the loss, the bar (10 columns or more), the rate, the
   * samples per second, the other values; the bar then takes what is left, up to 40 columns. Past that the label is cut.
   * The rate is steps per second, or seconds per step when slower than one a second (as tqdm's s/it): "0.0/s" says nothing.
   */
  static String fit(Snapshot s, int width, boolean withBar) {
    double frac = Math.min(1.0, (double) s.done() / s.total());
    double rate = s.seconds() > 0 ? s.done() / s.seconds() : 0;
    List<Part> parts = new ArrayList<>();
    parts.add(new Part(0, 0, s.label()));
    parts.add(new Part(1, 2, String.format(Locale.ROOT, "%3.0f%%", Math.floor(frac * 100))));
    if (withBar) parts.add(new Part(2, 6, "")); // the bar: drawn below once its width is known
    parts.add(new Part(3, 1, s.done() + "/" + s.total()));
    parts.add(new Part(4, 4, s.unit()));
    if (rate > 0) parts.add(new Part(5, 7, rate(rate, s.unit())));
    if (s.samples() > 0 && s.seconds() > 0) parts.add(new Part(6, 8, compact(s.samples() / s.seconds()) + " samples/s"));
    if (s.done() >= s.total()) parts.add(new Part(7, 3, "in " + duration(s.seconds())));
    else if (rate > 0) parts.add(new Part(7, 3, "eta " + duration((s.total() - s.done()) * s.seconds() / s.done())));
    int place = 8;
    for (Map.Entry<String, Double> v : s.values().entrySet()) {
      parts.add(new Part(place++, v.getKey().equals("loss") ? 5 : 9, v.getKey() + "=" + String.format(Locale.ROOT, "%.4g", v.getValue())));
    }
    // drop the part ranked last while the line is too wide (the bar counts at its least), then cut the label
    while (parts.size() > 2 && columns(parts) > width) {
      Part last = parts.get(0);
      for (Part p : parts) if (p.rank() > last.rank()) last = p;
      parts.remove(last);
    }
    int over = columns(parts) - width;
    if (over > 0) parts.set(0, new Part(0, 0, cut(s.label(), Math.max(1, displayWidth(s.label()) - over))));
    int spare = width - columns(parts);
    StringBuilder b = new StringBuilder();
    parts.sort((x, y) -> Integer.compare(x.place(), y.place()));
    for (Part p : parts) {
      if (b.length() > 0) b.append(' ');
      if (p.place() == 2) {
        int inner = Math.min(BAR_MAX, BAR_MIN + Math.max(0, spare)) - 2;
        int filled = (int) Math.floor(frac * inner);
        b.append('[').append("#".repeat(filled)).append(".".repeat(inner - filled)).append(']');
      } else {
        b.append(p.text());
      }
    }
    String line = b.toString();
    return width == Integer.MAX_VALUE ? line : cut(line, width);
  }

  /** Columns of the parts joined by single spaces, the bar at its least. */
  private static int columns(List<Part> parts) {
    int n = parts.size() - 1;
    for (Part p : parts) n += p.place() == 2 ? BAR_MIN : displayWidth(p.text());
    return n;
  }

  /** {@code s} cut to {@code width} columns, ending in "~" where it was cut (the label of a very narrow terminal). */
  static String cut(String s, int width) {
    if (displayWidth(s) <= width) return s;
    if (width <= 0) return "";
    StringBuilder b = new StringBuilder();
    int used = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int w = Math.max(0, WCWidth.wcwidth(cp));
      if (used + w > width - 1) break;
      b.appendCodePoint(cp);
      used += w;
      i += Character.charCount(cp);
    }
    return b.append('~').toString();
  }

  /** Columns a string takes on a terminal (wide characters count two). */
  static int displayWidth(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += Math.max(0, WCWidth.wcwidth(cp));
      i += Character.charCount(cp);
    }
    return w;
  }

  /** Steps per second, or seconds per step ("22.5 s/step") below one a second. */
  static String rate(double perSecond, String unit) {
    if (perSecond >= 1) return String.format(Locale.ROOT, "%.1f/s", perSecond);
    double each = 1 / perSecond;
    String per = "s/" + singular(unit);
    return each < 100 ? String.format(Locale.ROOT, "%.1f %s", each, per) : duration(each) + "/" + singular(unit);
  }

  /** "iterations" gives "iteration"; a unit that is no English plural stays as it is. */
  static String singular(String unit) {
    return unit.length() > 1 && unit.endsWith("s") && !unit.endsWith("ss") ? unit.substring(0, unit.length() - 1) : unit;
  }

  private static String compact(double v) {
    if (v >= 1e6) return String.format(Locale.ROOT, "%.1fM", v / 1e6);
    if (v >= 1e4) return String.format(Locale.ROOT, "%.1fk", v / 1e3);
    return String.format(Locale.ROOT, "%.0f", v);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) return s + "s";
    if (s < 3600) return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
  }
}
