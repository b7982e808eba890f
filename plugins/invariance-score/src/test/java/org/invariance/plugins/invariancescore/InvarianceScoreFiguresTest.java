package org.invariance.plugins.invariancescore;

import static org.invariance.testing.FigureHarness.assertSpeaksOfTheSetting;
import static org.invariance.testing.FigureHarness.fashion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invariance.results.Figure;
import org.invariance.testing.FigureHarness;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;

class InvarianceScoreFiguresTest {
  private static final String HEADER = "model,dataset,layer,metric,value";
  private static final List<String> ROWS = List.of(
      "AER,T_0,1,neurons,784", "AER,T_0,1,invariance_score,12.5", "AER,T_0,2,invariance_score,30",
      "AEUR,T_0,1,invariance_score,11", "AEUR,T_0,2,scored,0", "AEUR,T_0,2,invariance_score,8",
      "AER,T_0,2,local_firing_rate,0.3");

  @Test
  void oneLinePerModelOfTheScorePerLayer() throws Exception {
    FigureHarness h = FigureHarness.run(new InvarianceScoreFigures(), "{\"top\": 0.2, \"firing_rate\": 0.01}", List.of("AER", "AEUR"), HEADER, ROWS);
    assertEquals(1, h.figures.size());
    Figure f = h.figures.get(0);
    assertNull(f.number(), "beyond the study");
    XYDataset d = f.panels().get(0).chart().getXYPlot().getDataset();
    assertEquals(2, d.getSeriesCount());
    assertEquals("AER", d.getSeriesKey(0));
    assertEquals(2, d.getItemCount(0), "only invariance_score rows");
    assertEquals(30, d.getYValue(0, 1), 1e-12);
    assertEquals(2, d.getXValue(1, 1), 1e-12);
    assertEquals(8, d.getYValue(1, 1), 1e-12);
    assertTrue(f.caption().contains("Goodfellow") && f.caption().contains("top 20%") && f.caption().contains("about 1%"), f.caption());
  }

  @Test
  void theCaptionFollowsTheConfigAndAnEmptyTableDrawsNothing() throws Exception {
    FigureHarness h = FigureHarness.run(new InvarianceScoreFigures(), "{\"top\": 0.1, \"firing_rate\": 0.05}", List.of("AER"), HEADER, ROWS);
    String caption = h.figures.get(0).caption();
    assertTrue(caption.contains("top 10%") && caption.contains("about 5%") && caption.contains("about 20)"), caption);
    assertEquals("0.5%", InvarianceScoreFigures.percent(0.005));
    assertEquals("7%", InvarianceScoreFigures.percent(0.07));

    FigureHarness none = FigureHarness.run(new InvarianceScoreFigures(), "{}", List.of("AER"), HEADER, List.of("AER,T_0,1,scored,0"));
    assertEquals(0, none.figures.size());
  }

  @Test
  void beyondTheStudyTitleAndCaptionNameTheProbeTheTransformAndTheData() throws Exception {
    List<String> models = List.of("AER", "AEUR");
    FigureHarness h = FigureHarness.run(new InvarianceScoreFigures(), "score-contrast", fashion("contrast", "mlp", models), "{}", models, HEADER, ROWS);
    Figure f = h.figures.get(0);
    assertSpeaksOfTheSetting(f, "score-contrast", h.setting());
    assertTrue(f.caption().contains("Goodfellow"), f.caption());
    // in the study's setting: as before
    Figure study = FigureHarness.run(new InvarianceScoreFigures(), "{}", models, HEADER, ROWS).figures.get(0);
    assertEquals("Invariance score per layer (Goodfellow et al. 2009)", study.title());
    assertTrue(study.caption().endsWith("of scored neurons, as the paper reports it."), study.caption());
  }
}
