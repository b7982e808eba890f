package org.invariance.plugins.sta;

import static org.invariance.testing.FigureHarness.assertSpeaksOfTheSetting;
import static org.invariance.testing.FigureHarness.fashion;
import static org.invariance.testing.FigureHarness.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.invariance.data.ImageShape;
import org.invariance.plugin.ReportContext;
import org.invariance.report.Charts;
import org.invariance.results.Figure;
import org.invariance.testing.FigureHarness;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class StaFiguresTest {
  private static final String HEADER = "model,dataset,neuron,pixel,metric,value";

  /** 2 x 2 images, two output neurons; neuron 1 never wins on the first dataset (a blank cell). */
  private static List<String> rows(List<String> models, String data, List<String> amounts) {
    List<String> r = new ArrayList<>();
    for (String model : models) {
      for (int d = 0; d < amounts.size(); d++) {
        String dataset = data + "_" + amounts.get(d);
        for (int k = 0; k < 2; k++) {
          boolean blank = d == 0 && k == 1;
          r.add(model + "," + dataset + "," + k + ",,count," + (blank ? 0 : 3));
          for (int px = 0; px < 4; px++) r.add(model + "," + dataset + "," + k + "," + px + ",sta," + (blank ? "NaN" : String.valueOf(0.1 * (px + k))));
        }
      }
    }
    return r;
  }

  @Test
  void theStudysSettingGivesFigureFourWithAPanelPerModel() throws Exception {
    List<String> models = List.of("AER", "AEUR");
    FigureHarness h = FigureHarness.run(new StaFigures(), "{\"images\": 5000}", models, HEADER, rows(models, "MNIST", List.of("0", "30", "mix")));
    Figure f = h.figure("4");
    assertEquals(2, f.panels().size());
    assertTrue(f.title().contains("softmax"), f.title());
    assertTrue(h.claims.isEmpty());
  }

  @Test
  void aSectionThatLeavesImagesOutGetsTheRecordsDefaultInTheCaption() throws Exception {
    List<String> models = List.of("AER", "AEUR");
    FigureHarness h = FigureHarness.run(new StaFigures(), "{\"datasets\": [\"0\", \"30\", \"mix\"]}", models, HEADER,
        rows(models, "MNIST", List.of("0", "30", "mix")));
    assertTrue(h.figure("4").caption().contains("(up to 5000 per dataset)"), h.figure("4").caption());
  }

  @Test
  void beyondTheStudyTheFigureIsUnnumberedAndSpeaksOfTheTransformAndClasses() throws Exception {
    List<String> models = List.of("MLP", "MLP-scaled");
    FigureHarness h = FigureHarness.run(new StaFigures(), FigureHarness.setting("Fashion-MNIST", "scale", "mlp", models), "{\"images\": 2000}", models,
        HEADER, rows(models, "Fashion-MNIST", List.of("0.8", "1.0", "1.2", "mix")));
    assertEquals(1, h.figures.size());
    Figure f = h.figures.get(0);
    assertNull(f.number(), "no study number outside the study's setting");
    assertEquals(2, f.panels().size());
    assertTrue(h.claims.isEmpty());
    String words = f.title() + " | " + f.caption();
    assertTrue(f.title().contains("scale"), f.title());
    assertTrue(words.contains("classes of Fashion-MNIST") && words.contains("up to 2000 images"), words);
    assertFalse(words.contains("rotat") || words.contains("angle") || words.contains("digit") || words.contains("softmax"), words);
    assertFalse(words.replace("Fashion-MNIST", "").contains("MNIST"), words);
  }

  @Test
  void theStudysDataAndTransformWithAModelFromAnotherPluginIsBeyondTheStudy() throws Exception {
    List<String> models = List.of("AER", "CNN");
    FigureHarness h = FigureHarness.run(new StaFigures(), FigureHarness.studyDataWithAnotherModel(), "{}", models, HEADER,
        rows(models, "MNIST", List.of("0", "30", "mix")));
    assertEquals(1, h.figures.size());
    assertNull(h.figures.get(0).number());
    assertTrue(h.figures.get(0).title().contains("rotation"), h.figures.get(0).title());
  }

  @Test
  void beyondTheStudyTheColumnsAreTheClassesByNameAndTheWordsTheSettings() throws Exception {
    List<String> models = List.of("MLP", "MLP-contrast");
    ReportContext.Setting s = fashion("contrast", "mlp", models);
    // the rows' images are 2 x 2 grey
    ReportContext.Setting small = new ReportContext.Setting(s.data(), s.transform(), s.transformPlugin(), s.modelPlugins(), s.classes(), new ImageShape(1, 2, 2));
    FigureHarness h = FigureHarness.run(new StaFigures(), "sta-contrast", small, "{\"images\": 2000}", models, HEADER,
        rows(models, "FashionMNIST", List.of("0.5", "1.0", "mix")));
    assertEquals(1, h.figures.size());
    Figure f = h.figures.get(0);
    assertSpeaksOfTheSetting(f, "sta-contrast", h.setting());
    assertTrue(f.caption().contains("columns: the classes of FashionMNIST, by name"), f.caption());
    String labels = shown(f);
    assertTrue(labels.contains("| T-shirt_top |") && labels.contains("| Trouser |"), "columns named by class: " + labels);
  }

  /** One model, one dataset, neurons 0 and 1, each average the same image of {@code shape} given channel by channel. */
  private static List<String> image(ImageShape shape, float[] values) {
    List<String> r = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      r.add("MLP,CIFAR_0," + k + ",,count,3");
      for (int px = 0; px < shape.size(); px++) r.add("MLP,CIFAR_0," + k + "," + px + ",sta," + values[px]);
    }
    return r;
  }

  private static ReportContext.Setting colour(ImageShape shape) {
    return new ReportContext.Setting("CIFAR", "contrast", "contrast", Map.of("MLP", "mlp", "MLP-contrast", "mlp"), List.of("airplane", "automobile"), shape);
  }

  /** The colour of the panel's PNG, as the report writes it, at image pixel (row, column) of the grid's first cell. */
  private static Color pixel(Figure.Panel p, double row, double column) throws Exception {
    byte[] png = Charts.png(p.chart(), p.width(), p.height());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    ChartRenderingInfo info = new ChartRenderingInfo();
    p.chart().createBufferedImage(p.width(), p.height(), info);
    Rectangle2D area = info.getPlotInfo().getDataArea();
    XYPlot plot = p.chart().getXYPlot();
    int x = (int) Math.floor(plot.getDomainAxis().valueToJava2D(column, area, RectangleEdge.BOTTOM));
    int y = (int) Math.floor(plot.getRangeAxis().valueToJava2D(row, area, RectangleEdge.LEFT));
    return new Color(image.getRGB(x, y));
  }

  @Test
  void aColourImageWhoseRedPlaneIsOneIsDrawnRed() throws Exception {
    ImageShape shape = new ImageShape(3, 4, 5);
    float[] red = new float[shape.size()];
    Arrays.fill(red, 0, shape.plane(), 1f); // the pixel column runs channel by channel: red first
    FigureHarness h = FigureHarness.run(new StaFigures(), "sta", colour(shape), "{}", List.of("MLP"), HEADER, image(shape, red));
    Figure f = h.figures.get(0);
    assertTrue(f.caption().contains("in colour"), f.caption());
    Figure.Panel p = f.panels().get(0);
    for (int i = 0; i < 4; i++) for (int j = 0; j < 5; j++) assertEquals(Color.RED, pixel(p, i, j), "pixel " + i + ", " + j);
    // and the bytes themselves: red pixels in the PNG
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Charts.png(p.chart(), p.width(), p.height())));
    int reds = 0;
    for (int y = 0; y < image.getHeight(); y++) for (int x = 0; x < image.getWidth(); x++) if ((image.getRGB(x, y) & 0xFFFFFF) == 0xFF0000) reds++;
    assertTrue(reds > 100, reds + " red pixels");
  }

  @Test
  void anOblongColourImageKeepsItsRowsAndColumns() throws Exception {
    ImageShape shape = new ImageShape(3, 24, 32);
    float[] values = new float[shape.size()];
    for (int i = 0; i < 24; i++) {
      for (int j = 0; j < 32; j++) {
        int p = i * 32 + j;
        values[(j < 16 ? 1 : 2) * shape.plane() + p] = 1f; // left half green, right half blue
        if (i == 0) values[p] = 1f; // the top row also red: yellow, then magenta
      }
    }
    FigureHarness h = FigureHarness.run(new StaFigures(), "sta", colour(shape), "{}", List.of("MLP"), HEADER, image(shape, values));
    Figure.Panel p = h.figures.get(0).panels().get(0);
    assertEquals(Color.GREEN, pixel(p, 12, 3));
    assertEquals(Color.BLUE, pixel(p, 12, 30));
    assertEquals(Color.YELLOW, pixel(p, 0, 3));
    assertEquals(Color.MAGENTA, pixel(p, 0, 30));
  }

  @Test
  void theShapeIsTheDatasOrASquareGreyImageForOlderRuns() {
    assertEquals(new ImageShape(3, 24, 32), StaFigures.shape(new ImageShape(3, 24, 32), 3 * 24 * 32));
    assertEquals(ImageShape.grey(28, 28), StaFigures.shape(null, 784));
    assertEquals(ImageShape.grey(32, 24), StaFigures.shape(new ImageShape(3, 24, 32), 24 * 32), "one value per pixel: grey");
    Assertions.assertThrows(IllegalStateException.class, () -> StaFigures.shape(null, 780));
    Assertions.assertThrows(IllegalStateException.class, () -> StaFigures.shape(new ImageShape(3, 24, 32), 100));
  }
}
