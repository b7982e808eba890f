package org.invariance.plugins.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.plugin.ReportContext;
import org.invariance.results.Claim;
import org.invariance.results.Figure;
import org.invariance.testing.FigureHarness;
import org.junit.jupiter.api.Test;

class AblationFiguresTest {
  /** Type-A mean relative changes per digit 0..9; B1 and B2 lose nothing. */
  private static List<String> rows(String model, double... typeA) {
    return rows(model, "D", "MNIST_0", typeA);
  }

  private static List<String> rows(String model, String sets, String activity, double... typeA) {
    List<String> r = new ArrayList<>();
    for (String type : List.of("A", "B1", "B2")) {
      r.add(model + "," + sets + "," + type + ",,neurons,3");
      for (int d = 0; d < 10; d++) {
        r.add(model + "," + activity + "," + type + "," + d + ",mean_activity,0.5");
        r.add(model + "," + activity + "," + type + "," + d + ",std_activity,0.1");
        r.add(model + "," + sets + "," + type + "," + d + ",mean_relative_change," + (type.equals("A") ? typeA[d] : 0));
      }
    }
    return r;
  }

  @Test
  void digitOneFirstThenSevenAndNineHolds() throws Exception {
    List<String> r = new ArrayList<>(rows("AER", 0, 0.30, 0.01, 0, 0, 0, 0, 0.12, 0, 0.10));
    r.addAll(rows("AEUR", 0, 0.30, 0.20, 0, 0, 0, 0, 0.12, 0, 0.10));
    FigureHarness h = FigureHarness.run(new AblationFigures(), "{\"digit\": 1}", List.of("AER", "AEUR"), "model,dataset,type,digit,metric,value", r);
    Claim held = h.claim("AER", "type-A");
    assertTrue(held.held(), held.measured());
    assertTrue(held.measured().contains("1 (30.0%), 7 (12.0%), 9 (10.0%)"), held.measured());
    Claim not = h.claim("AEUR", "type-A");
    assertFalse(not.held(), "digit 2 ranks second: " + not.measured());
    // digit 1's type-A mean relative change is the second of the ten values given: 0.30 for both models
    assertEquals(0.30, held.value(), 1e-12);
    assertEquals(0.30, not.value(), 1e-12);
    assertTrue(held.quantity().contains("digit 1"), held.quantity());
    assertTrue(h.figure("10").panels().size() == 4);
  }

  @Test
  void theClaimIsTheStudysForDigitOneOnly() throws Exception {
    FigureHarness h = FigureHarness.run(new AblationFigures(), "{\"digit\": 4}", List.of("AER", "AEUR"), "model,dataset,type,digit,metric,value",
        rows("AER", 0, 0.30, 0.01, 0, 0, 0, 0, 0.12, 0, 0.10));
    assertTrue(h.claims.isEmpty(), h.claims.toString());
    assertEquals(1, h.figure("10").panels().size() / 2, "the study's figure all the same, for AER (AEUR has no rows here)");
  }

  private static final String HEADER = "model,dataset,type,digit,metric,value";
  /** Type A ablation hurting class 1 most, then 7 and 9: the study's claim would hold. */
  private static final double[] STUDY_LIKE = {0, 0.30, 0.01, 0, 0, 0, 0, 0.12, 0, 0.10};

  @Test
  void theStudysCaptionNamesTheActivityDatasetTheProbeUsed() throws Exception {
    FigureHarness upright = FigureHarness.run(new AblationFigures(), "{\"digit\": 1}", List.of("AER", "AEUR"), HEADER,
        rows("AER", STUDY_LIKE));
    assertTrue(upright.figure("10").caption().contains("on each digit's upright test images MNIST^i_0."), upright.figure("10").caption());
    FigureHarness mix = FigureHarness.run(new AblationFigures(), "{\"digit\": 1, \"activity\": \"mix\"}", List.of("AER", "AEUR"), HEADER,
        rows("AER", "D", "MNIST_mix", STUDY_LIKE));
    String caption = mix.figure("10").caption();
    assertTrue(caption.contains("on each digit's test images MNIST^i_mix."), caption);
    assertFalse(caption.contains("upright") || caption.contains("MNIST^i_0"), caption);
  }

  @Test
  void beyondTheStudyTheFigureIsUnnumberedJudgesNothingAndSpeaksOfClassesAndScale() throws Exception {
    List<String> models = List.of("MLP", "MLP-scaled");
    String d = "{Fashion-MNIST_1.0;Fashion-MNIST_mix;Fashion-MNIST_0.8;Fashion-MNIST_1.2}"; // the set D (the harness's cells hold no commas)
    List<String> r = new ArrayList<>(rows("MLP", d, "Fashion-MNIST_1.0", STUDY_LIKE));
    r.addAll(rows("MLP-scaled", d, "Fashion-MNIST_1.0", STUDY_LIKE));
    FigureHarness h = FigureHarness.run(new AblationFigures(), FigureHarness.setting("Fashion-MNIST", "scale", "mlp", models),
        "{\"digit\": 1, \"activity\": \"1.0\"}", models, HEADER, r);
    assertEquals(1, h.figures.size());
    Figure f = h.figures.get(0);
    assertNull(f.number(), "no study number outside the study's setting");
    assertEquals(4, f.panels().size());
    assertTrue(h.claims.isEmpty(), "digit 1 first, then 7 and 9, but the claim is the study's: " + h.claims);
    String words = f.title() + " | " + f.caption() + " | " + f.panels().get(0).chart().getTitle().getText() + " | "
        + f.panels().get(0).chart().getCategoryPlot().getDomainAxis().getLabel();
    assertTrue(f.title().contains("class 1") && f.title().contains("scale"), f.title());
    assertTrue(words.contains("Fashion-MNIST^1_d") && words.contains("Fashion-MNIST^i_1.0") && words.contains("top layer") && words.contains(d), words);
    assertFalse(words.contains("digit") || words.contains("rotat") || words.contains("layer 4") || words.contains("softmax") || words.contains("upright"), words);
    assertFalse(words.replace("Fashion-MNIST", "").contains("MNIST"), words);
  }

  @Test
  void theStudysDataAndTransformWithAModelFromAnotherPluginIsBeyondTheStudy() throws Exception {
    List<String> r = new ArrayList<>(rows("AER", STUDY_LIKE));
    r.addAll(rows("CNN", STUDY_LIKE));
    FigureHarness h = FigureHarness.run(new AblationFigures(), FigureHarness.studyDataWithAnotherModel(), "{\"digit\": 1}",
        List.of("AER", "CNN"), HEADER, r);
    assertEquals(1, h.figures.size());
    assertNull(h.figures.get(0).number());
    assertTrue(h.claims.isEmpty(), h.claims.toString());
  }
}
