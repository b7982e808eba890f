package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invariance.plugin.ReportContext;
import org.invariance.testing.FigureHarness;
import org.junit.jupiter.api.Test;

/** The figures on a table written by hand, whose claims can be judged by eye. */
class {{Name}}FiguresTest {
  static final String HEADER = "model,dataset,other_dataset,layer,metric,value";

  @Test
  void onePanelPerModelAndTheClaimHeldOnlyWhereTheTopLayerChangesLess() throws Exception {
    ReportContext.Setting setting = FigureHarness.setting("Stripes", "contrast", "mlp", List.of("A", "B"));
    FigureHarness h = FigureHarness.run(new {{Name}}Figures(), "{{name}}", setting, "{}", List.of("A", "B"), HEADER, List.of(
        "A,T_1,T_0.5,1,relative_change,0.8", "A,T_1,T_0.5,2,relative_change,0.2",    // A: the top layer changes less
        "B,T_1,T_0.5,1,relative_change,0.3", "B,T_1,T_0.5,2,relative_change,0.6"));  // B: more
    assertEquals(1, h.figures.size());
    assertEquals(2, h.figures.get(0).panels().size());
    assertTrue(h.claim("A", "changes less").held());
    assertEquals(0.25, h.claim("A", "changes less").value(), 1e-12);
    assertFalse(h.claim("B", "changes less").held());
    assertTrue(h.beyondClaims().size() == 2 && h.studyClaims().isEmpty(), "not one of the study's claims");
    FigureHarness.assertSpeaksOfTheSetting(h.figures.get(0), "{{name}}", setting); // its words name the probe, transform, data and classes
  }

  @Test
  void noRowsNoFigure() throws Exception {
    FigureHarness h = FigureHarness.run(new {{Name}}Figures(), "{{name}}", FigureHarness.setting("Stripes", "contrast", "mlp", List.of("A")), "{}",
        List.of("A"), HEADER, List.of());
    assertTrue(h.figures.isEmpty() && h.claims.isEmpty());
  }
}
