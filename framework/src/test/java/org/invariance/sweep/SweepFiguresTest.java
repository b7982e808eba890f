package org.invariance.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.invariance.report.Charts;
import org.invariance.results.Figure;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's numbers across seeds, drawn: what each panel plots is read back and checked against the table it came from. */
class SweepFiguresTest {
  @TempDir Path dir;

  private static List<String> row(String... cells) {
    return Arrays.asList(cells);
  }

  @Test
  void meansWithTheirIntervalAndEachSeedPerModelAndRowsThatCannotVaryLeftOut() throws Exception {
    List<List<String>> table = List.of(
        row("lr", "model", "dataset", "amount", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"),
        row("0.1", "AER", "MNIST_-30", "-30", "accuracy", "2", "0.5", "0.1", "0.2", "0.8"),
        row("0.1", "AER", "MNIST_0", "0", "accuracy", "2", "0.9", "0.05", "0.85", "0.95"),
        row("0.1", "AER", "MNIST_mix", "", "accuracy", "2", "0.6", "0.1", "0.5", "0.7"),
        row("0.1", "AER", "MNIST_0", "0", "images", "2", "1000.0", "0.0", "1000.0", "1000.0"),
        row("0.2", "AER", "MNIST_-30", "-30", "accuracy", "2", "0.3", "0.1", "0.1", "0.4"),
        row("0.2", "AER", "MNIST_0", "0", "accuracy", "2", "0.7", "0.1", "0.6", "0.8"));
    Map<List<String>, double[]> seeds = Map.of(
        row("0.1", "AER", "MNIST_-30", "-30", "accuracy"), new double[] {0.4, 0.6},
        row("0.1", "AER", "MNIST_0", "0", "accuracy"), new double[] {0.85, 0.95},
        row("0.2", "AER", "MNIST_-30", "-30", "accuracy"), new double[] {0.25, 0.35},
        row("0.2", "AER", "MNIST_0", "0", "accuracy"), new double[] {0.6, 0.8});
    List<Figure> figures = SweepFigures.draw("accuracy", table, 1, seeds);
    assertEquals(1, figures.size(), "accuracy only: the images count is the same in every seed");
    Figure f = figures.get(0);
    assertEquals(List.of("lr 0.1", "lr 0.2"), f.panels().stream().map(Figure.Panel::label).toList(), "one panel per grid setting");
    assertEquals("accuracy: accuracy against amount across seeds", f.title());

    Path csv = dir.resolve("p.csv");
    Charts.writePlottedData(csv, f.panels().get(0).chart());
    assertEquals(List.of("plot,series,x,y,z,low,high,stat",
        "1,\"AER: mean, 95% interval\",-30.0,0.5,,0.2,0.8,", "1,\"AER: mean, 95% interval\",0.0,0.9,,0.85,0.95,",
        "1,AER: each seed,-30.0,0.4,,,,", "1,AER: each seed,-30.0,0.6,,,,", "1,AER: each seed,0.0,0.85,,,,", "1,AER: each seed,0.0,0.95,,,,")
        .stream().map(l -> l.replace("1,AER: each seed", "1,\"AER: each seed\"")).toList(),
        Files.readAllLines(csv), "the mix (no amount) stays in the CSV; each seed a dot");

    Range a = ((XYPlot) f.panels().get(0).chart().getPlot()).getRangeAxis().getRange();
    Range b = ((XYPlot) f.panels().get(1).chart().getPlot()).getRangeAxis().getRange();
    assertEquals(a, b, "panels compared on one y-axis");
    assertTrue(a.getLowerBound() < 0.1 && a.getUpperBound() > 0.95, "the axis holds every interval and seed: " + a);
  }

  @Test
  void classIndicesAreNamedOnTheAxisAndInPanelsWhereTheDataNamesThem() {
    List<List<String>> table = List.of(
        row("lr", "model", "digit", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"),
        row("0.1", "MLP", "0", "accuracy", "2", "0.5", "0.1", "0.2", "0.8"),
        row("0.1", "MLP", "1", "accuracy", "2", "0.9", "0.05", "0.85", "0.95"),
        row("0.1", "MLP", "2", "accuracy", "2", "0.7", "0.05", "0.65", "0.75"));
    ClassNames fashion = new ClassNames(List.of("T-shirt/top", "Trouser", "Pullover"));
    Figure f = SweepFigures.draw("accuracy", table, 1, Map.of(), fashion).get(0);
    XYPlot plot = (XYPlot) f.panels().get(0).chart().getPlot();
    assertTrue(plot.getDomainAxis() instanceof SymbolAxis, "the classes by name, not by index");
    assertEquals("Trouser", ((SymbolAxis) plot.getDomainAxis()).valueToString(1));
    assertEquals("Trouser (class 1)", fashion.cell("digit", "1"));
    assertEquals("1", fashion.cell("amount", "1"), "only class columns are named");
    // digits named by their own index keep the number alone
    ClassNames digits = new ClassNames(List.of("0", "1", "2"));
    assertEquals("1", digits.cell("digit", "1"));
    Figure plain = SweepFigures.draw("accuracy", table, 1, Map.of(), digits).get(0);
    assertTrue(!(((XYPlot) plain.panels().get(0).chart().getPlot()).getDomainAxis() instanceof SymbolAxis));
  }

  @Test
  void aRowCannotVaryWhenEverySeedGaveTheSameNumber() {
    assertTrue(SweepFigures.cannotVary(row("AER", "images", "3", "1000.0", "0.0", "1000.0", "1000.0"), 2));
    assertEquals(false, SweepFigures.cannotVary(row("AER", "accuracy", "3", "0.5", "0.1", "0.2", "0.8"), 2));
    assertEquals(false, SweepFigures.cannotVary(row("AER", "accuracy", "1", "0.5", "", "", ""), 2), "one seed: no spread known, not constant");
  }
}
