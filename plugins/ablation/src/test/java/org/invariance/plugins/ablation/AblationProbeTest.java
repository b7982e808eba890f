package org.invariance.plugins.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.invariance.config.InvalidConfig;
import org.invariance.data.Images;
import org.invariance.model.Activations;
import org.invariance.model.Forward;
import org.invariance.study.analysis.Ablation;
import org.invariance.testing.ProbeHarness;
import org.invariance.testing.TinyModels;
import org.invariance.testing.TinyNet;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class AblationProbeTest {
  /**
   * Two pixels, two top neurons (monotone), class k = the brighter neuron k. Digit 0 images are
   * [1, 0], digit 1 images [0, 1]. D = {T_0, T_1} (T_1: shifted right, so [0, 1] becomes [0, 0], a
   * tie: the one place (top 1 of 2) is shared, 1/2 each). On digit 1: p10 n0 = (0, 1/2), n1 = (1,
   * 1/2); means 1/4 and 3/4 (mu = 1/2), variances 1/16 each (sigma = 1/16, none above 2 sigma): no
   * A; n1 is above mu: B1, n0 below: B2.
   */
  @Test
  void switchingTypesOffOnATwoNeuronHead() {
    var digits = TinyModels.digits(2, new float[][] {{1, 0}, {1, 0}, {1, 0}, {0, 1}, {0, 1}}, new int[] {0, 0, 0, 1, 1});
    ProbeHarness h = new ProbeHarness(digits, TinyModels.shifts(2, 0, 1), 1, Map.of("M", TinyModels.monotone(2, 2)));
    new AblationProbe().run(h, new AblationConfig(1, 0.5, List.of("0", "1"), "0"));
    String d = "{T_0,T_1}";
    assertEquals(List.of("type", "digit"), h.summaryKeyColumns(), "the means over the datasets are summary rows");
    assertTrue(h.rows().stream().noneMatch(r -> r.metric().startsWith("mean_relative")), "never among the raw rows");
    assertEquals(0, h.value("M", d, "neurons", "A", null));
    assertEquals(1, h.value("M", d, "neurons", "B1", null));
    assertEquals(1, h.value("M", d, "neurons", "B2", null));
    // on T_0 both digits are recognised. B2 (n0) off: digit 0's images leave only n1 lit, called 1:
    // lost; digit 1's still are
    assertEquals(1.0, h.value("M", "T_0", "accuracy", "B2", 0));
    assertEquals(0.0, h.value("M", "T_0", "accuracy_ablated", "B2", 0));
    assertEquals(1.0, h.value("M", "T_0", "accuracy_ablated", "B2", 1));
    assertEquals(1.0, h.value("M", "T_0", "relative_change", "B2", 0));
    assertEquals(0.0, h.value("M", "T_0", "relative_change", "B2", 1));
    // B1 (n1) off: digit 1's images leave only n0 lit, called 0: lost; digit 0's still are
    assertEquals(0.0, h.value("M", "T_0", "relative_change", "B1", 0));
    assertEquals(1.0, h.value("M", "T_0", "relative_change", "B1", 1));
    // on T_1 nothing is recognised intact ([0, 1] is called 1, [0, 0] a tie, class 0): the relative
    // change is undefined, and left out of the mean
    assertTrue(Double.isNaN(h.value("M", "T_1", "relative_change", "B2", 0)));
    assertTrue(Double.isNaN(h.value("M", "T_1", "relative_change", "B1", 1)));
    assertEquals(1.0, h.summaryValue("M", d, "mean_relative_change", "B2", 0));
    assertEquals(1.0, h.summaryValue("M", d, "mean_relative_change", "B1", 1));
    // overall on T_0: intact 5/5; B2 off 2/5 right -> (1 - 0.4) / 1, B1 off 3/5 -> (1 - 0.6) / 1
    assertEquals(0.6, h.value("M", "T_0", "relative_change", "B2", null), 1e-12);
    assertEquals(0.4, h.value("M", "T_0", "relative_change", "B1", null), 1e-12);
    assertEquals(1.0, h.value("M", "T_0", "accuracy", "B2", null), 1e-12);
    assertEquals(0.4, h.value("M", "T_0", "accuracy_ablated", "B2", null), 1e-12);
    // all digits on T_1: nothing right intact, the change undefined; Figure 10's rightmost bar averages
    // the defined ones over the datasets: T_0's alone
    assertEquals(0.0, h.value("M", "T_1", "accuracy", "B2", null), 1e-12);
    assertTrue(Double.isNaN(h.value("M", "T_1", "relative_change", "B2", null)));
    assertEquals(0.6, h.summaryValue("M", d, "mean_relative_change", "B2", null), 1e-12);
    assertEquals(0.4, h.summaryValue("M", d, "mean_relative_change", "B1", null), 1e-12);
    assertEquals(0.0, h.summaryValue("M", d, "mean_relative_change", "A", null), 1e-12);
    // switching off no neuron (type A is empty) changes nothing
    assertEquals(0.0, h.value("M", "T_0", "relative_change", "A", 1));
    // activity on T_0: n0 (B2) is sigmoid(5) on digit 0's images, sigmoid(-5) on digit 1's; n1 (B1)
    // the other way round; one neuron per type, so no spread
    double hi = 1 / (1 + Math.exp(-5));
    double lo = 1 / (1 + Math.exp(5));
    assertEquals(hi, h.value("M", "T_0", "mean_activity", "B2", 0), 1e-6);
    assertEquals(lo, h.value("M", "T_0", "mean_activity", "B2", 1), 1e-6);
    assertEquals(lo, h.value("M", "T_0", "mean_activity", "B1", 0), 1e-6);
    assertEquals(hi, h.value("M", "T_0", "mean_activity", "B1", 1), 1e-6);
    assertEquals(0.0, h.value("M", "T_0", "std_activity", "B2", 0), 1e-12);
  }

  @Test
  void relativeChangeAndAccuracyHelpers() {
    assertEquals(0.25, Ablation.relativeChange(0.8, 0.6), 1e-12);
    assertEquals(-0.5, Ablation.relativeChange(0.4, 0.6), 1e-12, "an ablation can help");
    assertTrue(Double.isNaN(Ablation.relativeChange(0, 0.5)));
    assertEquals(2.0 / 3, Ablation.accuracy(new int[] {1, 0, 1, 1}, new int[] {1, 1, 0, 1}, 1), 1e-12, "two of three 1s");
    // a classifier whose top layer (2) feeds an identity head; any encoder below it, since the pass starts at layer 2
    var model = TinyNet.encoder(List.of(Nd4j.zeros(DataType.FLOAT, 2, 2)), List.of(Nd4j.zeros(DataType.FLOAT, 1, 2)))
        .withHead(Nd4j.create(new float[] {1, 0, 0, 1}, new long[] {2, 2}, 'c'), Nd4j.zeros(DataType.FLOAT, 1, 2));
    var top = Nd4j.create(new float[] {0.2f, 0.9f}, new long[] {1, 2}, 'c');
    var input = Nd4j.zeros(DataType.FLOAT, 1, 2);
    assertEquals(1, predicted(model.forwardWithout(input, 2, top, new int[0])));
    assertEquals(0, predicted(model.forwardWithout(input, 2, top, new int[] {1})), "without neuron 1 only neuron 0 speaks");
    assertEquals(0.9f, top.getFloat(0, 1), "the given activity is left as it was");
  }

  /** Switching off a neuron below the top runs the model on from there: an input pixel off silences its unit. */
  @Test
  void switchingOffAnInputPixel() {
    var model = TinyModels.monotone(2, 2);
    var x = Nd4j.create(new float[] {0.2f, 0.9f}, new long[] {1, 2}, 'c');
    // h = sigmoid(10 x - 5) = (sigmoid(-3), sigmoid(4)): class 1
    assertEquals(1, predicted(model.forwardWithout(x, 1, x, new int[0])));
    // pixel 1 off: h = (sigmoid(-3), sigmoid(-5)), unit 0 is brighter: class 0
    assertEquals(0, predicted(model.forwardWithout(x, 1, x, new int[] {1})));
    assertEquals(0.9f, x.getFloat(0, 1), "the input is left as it was");
  }

  private static int predicted(Forward f) {
    return Activations.argmax(f.probabilities())[0];
  }

  // the class whose subsets define the types must be one of the data's: 42 of ten is refused at digit, before any work
  @Test
  void aClassBeyondTheDatasIsRefused() {
    List<String> ten = Images.numbered(10);
    new AblationProbe().check(new AblationConfig(9, null, null, null), ten);
    InvalidConfig e = Assertions.assertThrows(InvalidConfig.class,
        () -> new AblationProbe().check(new AblationConfig(42, null, null, null), ten));
    assertEquals("digit", e.field());
    assertTrue(e.getMessage().startsWith("class 42 does not exist: the data has 10 classes, 0 to 9"), e.getMessage());
  }
}
