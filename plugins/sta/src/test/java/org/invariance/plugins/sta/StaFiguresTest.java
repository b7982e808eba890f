package org.invariance.plugins.sta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Figure;
import org.invariance.testing.FigureHarness;
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
}
