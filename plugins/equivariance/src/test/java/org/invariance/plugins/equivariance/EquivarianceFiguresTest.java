package org.invariance.plugins.equivariance;

import static org.invariance.testing.FigureHarness.assertSpeaksOfTheSetting;
import static org.invariance.testing.FigureHarness.fashion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import org.invariance.results.Figure;
import org.invariance.testing.FigureHarness;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

class EquivarianceFiguresTest {
  private static final String HEADER = "model,dataset,other_dataset,amount,layer,metric,value";

  private static List<String> rows(String model) {
    List<String> r = new ArrayList<>();
    for (String a : List.of("-30", "0", "30")) {
      for (int layer : new int[] {1, 2}) {
        String set = "MNIST_0,MNIST_" + a;
        double identity = a.equals("0") ? 0 : 1.5 - 0.5 * layer;
        r.add(model + "," + set + "," + a + "," + layer + ",equivariance_error," + (a.equals("0") ? 0 : 0.1 * layer));
        r.add(model + "," + set + "," + a + "," + layer + ",identity_error," + identity);
        r.add(model + "," + set + "," + a + "," + layer + ",ridge,0.001");
      }
    }
    return r;
  }

  @Test
  void onePanelPerModelWithASolidAndADashedLinePerLayer() throws Exception {
    List<String> all = new ArrayList<>(rows("AER"));
    all.addAll(rows("AEUR"));
    FigureHarness h = FigureHarness.run(new EquivarianceFigures(), "{}", List.of("AER", "AEUR", "none"), HEADER, all);
    assertEquals(1, h.figures.size());
    Figure f = h.figures.get(0);
    assertNull(f.number(), "beyond the study");
    assertTrue(f.caption().contains("fraction of the transformed representation's variance"));
    assertEquals(List.of("AER", "AEUR"), f.panels().stream().map(Figure.Panel::label).toList(), "no panel for a model without rows");

    XYPlot plot = f.panels().get(0).chart().getXYPlot();
    XYSeriesCollection data = (XYSeriesCollection) plot.getDataset();
    assertEquals(List.of("layer 1", "layer 1, identity map", "layer 2", "layer 2, identity map"),
        data.getSeries().stream().map(s -> ((XYSeries) s).getKey().toString()).toList());
    // amounts on x, sorted; the errors as written
    assertEquals(-30, data.getSeries(2).getX(0).doubleValue());
    assertEquals(0.2, data.getSeries(2).getY(0).doubleValue(), 1e-12);
    assertEquals(0.5, data.getSeries(3).getY(2).doubleValue(), 1e-12);
    XYItemRenderer r = plot.getRenderer();
    assertEquals(r.getSeriesPaint(0), r.getSeriesPaint(1), "a layer's two lines share its colour");
    assertTrue(((BasicStroke) r.getSeriesStroke(1)).getDashArray() != null, "the identity map's line is dashed");
    assertFalse(r.isSeriesVisibleInLegend(1));
    assertTrue(r.isSeriesVisibleInLegend(0));
  }

  @Test
  void noRowsNoFigure() throws Exception {
    FigureHarness h = FigureHarness.run(new EquivarianceFigures(), "{}", List.of("AER"), HEADER, List.of());
    assertTrue(h.figures.isEmpty());
  }

  @Test
  void beyondTheStudyTitleCaptionAndAxisNameTheProbeTheTransformAndTheData() throws Exception {
    List<String> models = List.of("MLP", "MLP-contrast");
    List<String> all = new ArrayList<>();
    for (String m : models) for (String row : rows(m)) all.add(row.replace("MNIST_", "FashionMNIST_"));
    FigureHarness h = FigureHarness.run(new EquivarianceFigures(), "equivariance-contrast", fashion("contrast", "mlp", models), "{}", models, HEADER, all);
    Figure f = h.figures.get(0);
    assertSpeaksOfTheSetting(f, "equivariance-contrast", h.setting());
    assertEquals("contrast amount", f.panels().get(0).chart().getXYPlot().getDomainAxis().getLabel());
    // in the study's setting: as before
    Figure study = FigureHarness.run(new EquivarianceFigures(), "{}", List.of("AER", "AEUR"), HEADER, rows("AER")).figures.get(0);
    assertEquals(EquivarianceFigures.CAPTION, study.caption());
    assertEquals("amount", study.panels().get(0).chart().getXYPlot().getDomainAxis().getLabel());
  }
}
