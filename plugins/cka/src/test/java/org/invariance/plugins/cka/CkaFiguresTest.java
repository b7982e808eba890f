package org.invariance.plugins.cka;

import static org.invariance.testing.FigureHarness.assertSpeaksOfTheSetting;
import static org.invariance.testing.FigureHarness.fashion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.invariance.results.Figure;
import org.invariance.testing.FigureHarness;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;

class CkaFiguresTest {
  private static final String HEADER = "model,dataset,other_dataset,layer,metric,value";

  @Test
  void onePanelPerModelAndEstimatorWithTheBaselineBand() throws Exception {
    List<String> rows = new ArrayList<>();
    for (String model : List.of("AER", "AEUR")) {
      for (String pair : List.of("T_0,T_30", "T_0,T_mix")) {
        for (int layer = 1; layer <= 3; layer++) {
          double shift = pair.endsWith("mix") ? 0.1 : 0;
          rows.add(model + "," + pair + "," + layer + ",cka," + (0.9 - 0.1 * layer));
          rows.add(model + "," + pair + "," + layer + ",cka_debiased," + (0.7 - 0.3 * layer));
          rows.add(model + "," + pair + "," + layer + ",cka_permuted_mean," + (0.2 + shift));
          rows.add(model + "," + pair + "," + layer + ",cka_permuted_p95," + (0.3 + shift));
          rows.add(model + "," + pair + "," + layer + ",cka_debiased_permuted_mean," + (0.01 + shift));
          rows.add(model + "," + pair + "," + layer + ",cka_debiased_permuted_p95," + (0.05 + shift));
        }
      }
    }
    FigureHarness h = FigureHarness.run(new CkaFigures(), "{}", List.of("AER", "AEUR"), HEADER, rows);
    assertEquals(1, h.figures.size());
    Figure f = h.figures.get(0);
    assertNull(f.number(), "beyond the study");
    assertEquals(List.of("AER, linear CKA", "AER, debiased CKA", "AEUR, linear CKA", "AEUR, debiased CKA"),
        f.panels().stream().map(Figure.Panel::label).toList());
    assertTrue(f.caption().contains("debiased") && f.caption().contains("permutation"), f.caption());

    XYPlot debiased = f.panels().get(1).chart().getXYPlot();
    XYDataset lines = debiased.getDataset(0);
    assertEquals(2, lines.getSeriesCount(), "one line per pair");
    assertEquals("T_0 vs T_mix", lines.getSeriesKey(1), "named by both datasets");
    assertEquals(0.7 - 0.3 * 3, lines.getYValue(0, 2), 1e-12, "layer 3 of the first pair");
    assertTrue(debiased.getRangeAxis().getLowerBound() <= -0.25 + 1e-9, "room for negative debiased values");
    YIntervalSeriesCollection band = (YIntervalSeriesCollection) debiased.getDataset(1);
    assertEquals(3, band.getItemCount(0), "one band point per layer");
    assertEquals(0.01, band.getStartYValue(0, 0), 1e-12, "lowest permuted mean over the pairs");
    assertEquals(0.15, band.getEndYValue(0, 0), 1e-12, "highest permuted p95 over the pairs");
    assertEquals(0.06, band.getYValue(0, 0), 1e-12, "mean of the permuted means");
  }

  @Test
  void aCsvOfTheLinearEstimatorAloneStillDraws() throws Exception {
    // runs made before the debiased estimator and the baseline: one panel per model, no band
    FigureHarness h = FigureHarness.run(new CkaFigures(), "{}", List.of("AER"), HEADER,
        List.of("AER,T_0,T_30,1,cka,0.95", "AER,T_0,T_30,2,cka,0.7"));
    Figure f = h.figures.get(0);
    assertEquals(1, f.panels().size());
    XYPlot plot = f.panels().get(0).chart().getXYPlot();
    assertNull(plot.getDataset(1));
    assertEquals(0.7, plot.getDataset(0).getYValue(0, 1), 1e-12);
  }

  @Test
  void beyondTheStudyTitleAndCaptionNameTheProbeTheTransformTheDataAndThePairs() throws Exception {
    List<String> models = List.of("MLP", "MLP-contrast");
    List<String> rows = new ArrayList<>();
    for (String model : models) {
      for (String pair : List.of("FashionMNIST_1.0,FashionMNIST_0.5", "FashionMNIST_1.0,FashionMNIST_mix")) {
        for (int layer = 1; layer <= 3; layer++) {
          rows.add(model + "," + pair + "," + layer + ",cka," + (0.9 - 0.1 * layer));
          rows.add(model + "," + pair + "," + layer + ",cka_permuted_mean,0.2");
          rows.add(model + "," + pair + "," + layer + ",cka_permuted_p95,0.3");
        }
      }
    }
    FigureHarness h = FigureHarness.run(new CkaFigures(), "cka-contrast", fashion("contrast", "mlp", models), "{}", models, HEADER, rows);
    Figure f = h.figures.get(0);
    assertSpeaksOfTheSetting(f, "cka-contrast", h.setting());
    assertTrue(f.caption().contains("(FashionMNIST_1.0 vs FashionMNIST_0.5, FashionMNIST_1.0 vs FashionMNIST_mix)"), f.caption());
    assertTrue(f.caption().contains("debiased") && f.caption().contains("permutation"), f.caption());
  }

  @Test
  void inTheStudysSettingTheCaptionReadsAsBefore() throws Exception {
    FigureHarness h = FigureHarness.run(new CkaFigures(), "{}", List.of("AER", "AEUR"), HEADER,
        List.of("AER,T_0,T_30,1,cka,0.95", "AEUR,T_0,T_30,1,cka,0.9"));
    Figure f = h.figures.get(0);
    assertEquals("CKA between the representations of transformed copies", f.title());
    assertTrue(f.caption().startsWith("Centred kernel alignment (Kornblith et al. 2019) between the activations of the same test images untransformed and "
        + "transformed, per layer: 1 means the two representations agree up to a rotation and scaling of the activation space."), f.caption());
    assertTrue(f.caption().endsWith("so CKA is near 1 there, while a mixed set (MNIST_mix) rotates each image by its own angle."), f.caption());
  }
}
