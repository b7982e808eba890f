package org.invariance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invariance.results.Figure;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** training.csv becomes one panel per phase, one line per model, each point where the trainer reported its loss. */
class TrainingFigureTest {
  @TempDir Path dir;

  @Test
  void onePanelPerPhaseOneLinePerModel() throws Exception {
    Path csv = Files.writeString(dir.resolve("training.csv"), """
        model,phase,iteration,loss,lr,seconds
        AER-encoder,pretraining,50,0.30,0.01,1.0
        AER-encoder,pretraining,100,0.20,0.01,2.0
        AEUR-encoder,pretraining,50,0.25,0.01,1.1
        AER,head,50,2.1,0.05,0.1
        AER,head,100,1.4,0.05,0.2
        AER,head,150,,0.05,0.3
        """);
    Figure f = TrainingFigure.draw(csv);
    assertEquals(List.of("pretraining", "head"), f.panels().stream().map(Figure.Panel::label).toList());
    XYDataset pre = f.panels().get(0).chart().getXYPlot().getDataset();
    assertEquals(2, pre.getSeriesCount(), "AER-encoder and AEUR-encoder");
    assertEquals("AER-encoder", pre.getSeriesKey(0));
    assertEquals(0.20, pre.getYValue(0, 1));
    assertEquals(100.0, pre.getXValue(0, 1));
    XYDataset head = f.panels().get(1).chart().getXYPlot().getDataset();
    assertEquals(2, head.getItemCount(0), "a row without a loss draws no point");
  }

  @Test
  void noCurveNoFigure() throws Exception {
    assertNull(TrainingFigure.draw(dir.resolve("absent.csv")));
    assertNull(TrainingFigure.draw(Files.writeString(dir.resolve("training.csv"), "model,phase,iteration,loss,lr,seconds\n")));
  }
}
