package org.invariance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.invariance.results.Figure;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** training.csv becomes one panel per phase, one line per model, each point where the trainer reported its loss. */
class TrainingFigureTest {
  @TempDir Path dir;

  static final String HEADER = "run_id,seed,model,phase,iteration,seconds,metric,layer,amount,value\n";

  @Test
  void onePanelPerPhaseOneLinePerModel() throws Exception {
    Path csv = Files.writeString(dir.resolve("training.csv"), HEADER + """
        r,1,AER-encoder,pretraining,50,1.0,loss,,,0.30
        r,1,AER-encoder,pretraining,50,1.0,lr,,,0.01
        r,1,AER-encoder,pretraining,100,2.0,loss,,,0.20
        r,1,AEUR-encoder,pretraining,50,1.1,loss,,,0.25
        r,1,AER,head,50,0.1,loss,,,2.1
        r,1,AER,head,100,0.2,loss,,,1.4
        r,1,AER,head,150,0.3,loss,,,
        """);
    List<Figure> figures = TrainingFigure.draw(csv);
    assertEquals(1, figures.size(), "no watch values, no watch figure");
    Figure f = figures.get(0);
    assertEquals(List.of("pretraining", "head"), f.panels().stream().map(Figure.Panel::label).toList());
    XYDataset pre = f.panels().get(0).chart().getXYPlot().getDataset();
    assertEquals(2, pre.getSeriesCount(), "AER-encoder and AEUR-encoder");
    assertEquals("AER-encoder", pre.getSeriesKey(0));
    assertEquals(2, pre.getItemCount(0), "the learning rate is not a loss");
    assertEquals(0.20, pre.getYValue(0, 1));
    assertEquals(100.0, pre.getXValue(0, 1));
    XYDataset head = f.panels().get(1).chart().getXYPlot().getDataset();
    assertEquals(2, head.getItemCount(0), "a row without a value draws no point");
  }

  @Test
  void watchValuesAreDrawnPerModelAndProbeOneLinePerLayerAveragedOverAmounts() throws Exception {
    Path csv = Files.writeString(dir.resolve("training.csv"), HEADER + """
        r,1,AER-encoder,pretraining,0,0.0,cka,2,-30,0.5
        r,1,AER-encoder,pretraining,0,0.0,cka,2,30,0.7
        r,1,AER-encoder,pretraining,0,0.0,cka,1,30,0.9
        r,1,AER-encoder,pretraining,250,3.0,cka,2,-30,0.8
        r,1,AER-encoder,pretraining,250,3.0,cka,2,30,1.0
        r,1,AER-encoder,pretraining,250,3.0,normalized_distance,2,30,0.1
        """);
    List<Figure> figures = TrainingFigure.draw(csv);
    assertEquals(1, figures.size(), "no loss reported, only the watch");
    Figure w = figures.get(0);
    assertEquals(List.of("AER-encoder: cka", "AER-encoder: normalized_distance"), w.panels().stream().map(Figure.Panel::label).toList());
    XYDataset cka = w.panels().get(0).chart().getXYPlot().getDataset();
    assertEquals("layer 1", cka.getSeriesKey(0));
    assertEquals("layer 2", cka.getSeriesKey(1));
    assertEquals(0.6, cka.getYValue(1, 0), 1e-12, "(0.5 + 0.7) / 2 at iteration 0");
    assertEquals(0.9, cka.getYValue(1, 1), 1e-12, "(0.8 + 1.0) / 2 at iteration 250");
  }

  @Test
  void noCurveNoFigure() throws Exception {
    assertTrue(TrainingFigure.draw(dir.resolve("absent.csv")).isEmpty());
    assertTrue(TrainingFigure.draw(Files.writeString(dir.resolve("training.csv"), HEADER)).isEmpty());
  }

  @Test
  void theWatchFigureSpeaksOfNoTransformInParticularAndNamesTheAmountsWatched() throws Exception {
    // a watch of a contrast transform: training.csv names no transform, so the words must fit any
    Path csv = Files.writeString(dir.resolve("training.csv"), HEADER + """
        r,1,MLP,training,0,0.0,cka,2,1.5,0.5
        r,1,MLP,training,0,0.0,cka,2,-1,0.7
        r,1,MLP,training,0,0.0,cka,2,0.5,0.9
        r,1,MLP,training,250,3.0,normalized_distance,2,0.5,0.1
        """);
    Figure w = TrainingFigure.draw(csv).get(0);
    String words = (w.title() + " | " + w.caption()).toLowerCase(Locale.ROOT);
    for (String word : List.of("rotat", "degree", "upright", "digit", "mnist", "angle")) assertFalse(words.contains(word), word + " in: " + words);
    assertTrue(w.caption().contains("the mean over the watched amounts (-1, 0.5, 1.5)"), w.caption());
  }
}
