package org.invariance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a chart plots, read back from its datasets: rows computed by hand for each kind of dataset figures use. */
class PlottedDataTest {
  @TempDir Path dir;

  private static List<Object> row(Object... cells) {
    return Arrays.asList(cells);
  }

  @Test
  void aLineGivesOneRowPerPointAndAGapIsAnEmptyCell() {
    XYSeries s = new XYSeries("AER");
    s.add(-30, 0.5);
    s.add(0, Double.NaN);
    s.add(30, 0.75);
    JFreeChart chart = ChartFactory.createXYLineChart("", "angle", "accuracy", new XYSeriesCollection(s));
    assertEquals(List.of(row(1, "AER", -30.0, 0.5, null, null, null, null), row(1, "AER", 0.0, null, null, null, null, null),
        row(1, "AER", 30.0, 0.75, null, null, null, null)), PlottedData.rows(chart));
  }

  @Test
  void aBandGivesItsEndsAndSubplotsAreNumbered() {
    YIntervalSeries band = new YIntervalSeries("mean of 3 trials");
    band.add(1, 2.0, 1.5, 2.5);
    XYSeries plain = new XYSeries("single");
    plain.add(1, 4.0);
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis("layer"));
    combined.add(new XYPlot(new YIntervalSeriesCollection() {{ addSeries(band); }}, null, new NumberAxis("a"), new XYLineAndShapeRenderer()));
    combined.add(new XYPlot(new XYSeriesCollection(plain), null, new NumberAxis("b"), new XYLineAndShapeRenderer()));
    List<List<Object>> rows = PlottedData.rows(new JFreeChart(combined));
    assertEquals(List.of(row(1, "mean of 3 trials", 1.0, 2.0, null, 1.5, 2.5, null), row(2, "single", 1.0, 4.0, null, null, null, null)), rows);
  }

  @Test
  void categoriesKeepTheirNamesAndSummariesSayWhatTheyAre() {
    DefaultCategoryDataset bars = new DefaultCategoryDataset();
    bars.addValue(3, "AER", "B1");
    bars.addValue(5, "AER", "B2");
    assertEquals(List.of(row(1, "AER", "B1", 3.0, null, null, null, null), row(1, "AER", "B2", 5.0, null, null, null, null)),
        PlottedData.rows(ChartFactory.createBarChart("", "type", "neurons", bars)));

    DefaultStatisticalCategoryDataset st = new DefaultStatisticalCategoryDataset();
    st.add(0.5, 0.1, "AEUR", "mix");
    assertEquals(List.of(row(1, "AEUR", "mix", 0.5, null, 0.4, 0.6, "mean ± sd")),
        PlottedData.rows(ChartFactory.createLineChart("", "", "", st)));

    // 1..5: min 1, q1 2, median 3, q3 4, max 5, mean 3
    DefaultBoxAndWhiskerCategoryDataset box = new DefaultBoxAndWhiskerCategoryDataset();
    box.add(List.of(1.0, 2.0, 3.0, 4.0, 5.0), "AER", "layer 2");
    List<List<Object>> rows = PlottedData.rows(ChartFactory.createBoxAndWhiskerChart("", "", "", box, false));
    assertEquals(List.of("min", "q1", "median", "q3", "max", "mean"), rows.stream().map(r -> r.get(7)).toList());
    assertEquals(1.0, rows.get(0).get(3));
    assertEquals(3.0, rows.get(2).get(3));
    assertEquals(5.0, rows.get(4).get(3));
  }

  @Test
  void aHeatMapGivesEachCellsValueAndTheCsvQuotesWhatNeedsIt() throws Exception {
    DefaultXYZDataset d = new DefaultXYZDataset();
    d.addSeries("p10, AER", new double[][] {{0, 1}, {0, 0}, {0.25, 0.75}});
    JFreeChart chart = new JFreeChart(new XYPlot(d, new NumberAxis("x"), new NumberAxis("y"), new XYLineAndShapeRenderer()));
    assertEquals(List.of(row(1, "p10, AER", 0.0, 0.0, 0.25, null, null, null), row(1, "p10, AER", 1.0, 0.0, 0.75, null, null, null)),
        PlottedData.rows(chart));
    Path csv = dir.resolve("h.csv");
    PlottedData.write(csv, chart);
    List<String> lines = Files.readAllLines(csv);
    assertEquals("plot,series,x,y,z,low,high,stat", lines.get(0));
    assertEquals("1,\"p10, AER\",1.0,0.0,0.75,,,", lines.get(2));
    // an empty cell in the middle of a row keeps the cells after it in their columns
    YIntervalSeries band = new YIntervalSeries("m");
    band.add(2, 0.5, 0.25, 0.75);
    PlottedData.write(csv, ChartFactory.createXYLineChart("", "", "", new YIntervalSeriesCollection() {{ addSeries(band); }}));
    assertEquals("1,m,2.0,0.5,,0.25,0.75,", Files.readAllLines(csv).get(1));
  }

  @Test
  void aRasterOfManyCellsIsNotWorthAVectorFileAndNumbersReadAsWritten() {
    DefaultXYZDataset big = new DefaultXYZDataset();
    int n = Svg.MAX_VALUES + 1;
    big.addSeries("pixels", new double[][] {new double[n], new double[n], new double[n]});
    assertEquals(false, Svg.worthIt(new JFreeChart(new XYPlot(big, new NumberAxis(), new NumberAxis(), new XYLineAndShapeRenderer()))));
    XYSeries s = new XYSeries("AER");
    s.add(0, 1);
    assertTrue(Svg.worthIt(ChartFactory.createXYLineChart("", "", "", new XYSeriesCollection(s))));
    assertEquals(List.of("0.03", "1", "10", "0.8", "2.5", "0.1235", "Infinity"),
        List.of(Html.number(0.03), Html.number(1.0), Html.number(10), Html.number(0.8), Html.number(2.5), Html.number(0.123456), Html.number(Double.POSITIVE_INFINITY)));
  }

  @Test
  void theSvgIsTheSameDrawingEveryTime() {
    XYSeries s = new XYSeries("AER");
    s.add(0, 1);
    s.add(1, 2);
    String a = Svg.of(ChartFactory.createXYLineChart("t", "x", "y", new XYSeriesCollection(s)), 300, 200);
    String b = Svg.of(ChartFactory.createXYLineChart("t", "x", "y", new XYSeriesCollection(s)), 300, 200);
    assertEquals(a, b, "no clock or counter in the ids: a run writes the same bytes");
    assertTrue(a.startsWith("<?xml") && a.contains("<svg ") && a.strip().endsWith("</svg>") && !a.contains("DOCTYPE"), a.substring(0, 200));
    assertTrue(a.contains("width='300.0'") && a.contains("height='200.0'"), a.substring(0, 300));
  }
}
