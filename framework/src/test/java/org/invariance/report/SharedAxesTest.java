package org.invariance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.invariance.results.Figure;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.Range;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;

/** Panels of one quantity side by side share their y-range; panels of different quantities keep theirs. */
class SharedAxesTest {
  private static JFreeChart bars(String yLabel, double... values) {
    DefaultCategoryDataset d = new DefaultCategoryDataset();
    for (int i = 0; i < values.length; i++) d.addValue(values[i], "s", "c" + i);
    return ChartFactory.createBarChart("", "x", yLabel, d);
  }

  private static Range y(Figure f, int panel) {
    return f.panels().get(panel).chart().getCategoryPlot().getRangeAxis().getRange();
  }

  @Test
  void modelsSideBySideShareOneRangeThatHoldsBoth() {
    Figure f = Figure.of("5a", "distances", "").panel("AER", bars("distance", 1, 14)).panel("AEUR", bars("distance", 1, 15)).build();
    assertNotEquals(y(f, 0), y(f, 1), "auto ranges differ before");
    SharedAxes.apply(f);
    assertEquals(y(f, 0), y(f, 1));
    assertTrue(y(f, 0).getUpperBound() >= 15 && y(f, 0).getLowerBound() <= 0, "the union of both: " + y(f, 0));
  }

  @Test
  void differentQuantitiesKeepTheirOwnRange() {
    Figure f = Figure.of(null, "two", "").panel("a", bars("accuracy", 0.5, 0.9)).panel("b", bars("loss", 10, 300)).build();
    Range a = y(f, 0);
    Range b = y(f, 1);
    SharedAxes.apply(f);
    assertEquals(a, y(f, 0));
    assertEquals(b, y(f, 1));
  }
}
