package org.invariance.results;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * A figure of the report: one or more chart panels (for instance one per model) under one caption.
 *
 * @param number the study's figure number ("2", "5a", ...), or null for figures beyond the study
 * @param title a short title
 * @param caption what the figure shows; the report adds what was run (budget, seed, data)
 * @param panels the charts, drawn side by side
 */
public record Figure(String number, String title, String caption, List<Panel> panels) {
  /** A chart rendered to a PNG of the given size in pixels. */
  public record Panel(String label, JFreeChart chart, int width, int height) {}

  public Figure {
    panels = List.copyOf(panels);
    if (panels.isEmpty()) throw new IllegalArgumentException("figure " + title + " has no panels");
  }

  public static Builder of(String number, String title, String caption) {
    return new Builder(number, title, caption);
  }

  /** Collects panels in order. */
  public static final class Builder {
    private final String number;
    private final String title;
    private final String caption;
    private final List<Panel> panels = new ArrayList<>();

    private Builder(String number, String title, String caption) {
      this.number = number;
      this.title = title;
      this.caption = caption;
    }

    public Builder panel(String label, JFreeChart chart, int width, int height) {
      panels.add(new Panel(label, chart, width, height));
      return this;
    }

    public Builder panel(String label, JFreeChart chart) {
      return panel(label, chart, 560, 380);
    }

    public Figure build() {
      return new Figure(number, title, caption, panels);
    }
  }
}
