package org.invariance.plugins.cka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.Map;
import org.invariance.config.InvalidConfig;
import org.invariance.experiment.ConfigBinder;
import org.invariance.testing.ProbeHarness;
import org.invariance.testing.TinyModels;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class CkaProbeTest {
  @Test
  void oneDimensionalCkaIsTheSquaredCorrelation() {
    // centered x = (-1, 0, 1), y = (0, -1, 1): y'x = 1, x'x = y'y = 2 -> 1 / (2 * 2)
    INDArray x = Nd4j.create(new double[] {1, 2, 3}, new long[] {3, 1}, 'c');
    INDArray y = Nd4j.create(new double[] {1, 0, 2}, new long[] {3, 1}, 'c');
    assertEquals(0.25, CkaProbe.linear(x, y), 1e-12);
  }

  @Test
  void invariantToRotationAndScalingOfTheSpaceButNotToMixingSamples() {
    Nd4j.getRandom().setSeed(3);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 50, 4);
    double c = Math.cos(0.7);
    double s = Math.sin(0.7);
    INDArray q = Nd4j.create(new double[] {c, -s, 0, 0, s, c, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, new long[] {4, 4}, 'c');
    assertEquals(1.0, CkaProbe.linear(x, x), 1e-9);
    assertEquals(1.0, CkaProbe.linear(x, x.mmul(q).mul(3.5)), 1e-9);
    INDArray shuffled = Nd4j.vstack(x.get(NDArrayIndex.interval(25, 50), NDArrayIndex.all()),
        x.get(NDArrayIndex.interval(0, 25), NDArrayIndex.all()));
    assertTrue(CkaProbe.linear(x, shuffled) < 0.5, "other samples' representations share little structure");
  }

  // docs-region: rows (docs/WRITING-A-PROBE.md shows it; DocsTest keeps the two the same)
  @Test
  void probeRowsPerLayerAndPair() {
    var digits = TinyModels.digits(3, new float[][] {{1, 0, 0}, {0, 1, 0}, {0.5f, 0.5f, 0}, {0.2f, 0.9f, 0.1f}}, new int[] {0, 1, 0, 1});
    ProbeHarness h = new ProbeHarness(digits, TinyModels.shifts(3, 0, 1), 1, Map.of("M", TinyModels.monotone(3, 2)));
    new CkaProbe().run(h, new CkaConfig("0", List.of("0", "1"), List.of(1, 2)));
    assertEquals(1.0, h.value("M", "T_0", "cka", "T_0", 1), 1e-9, "a representation is fully similar to itself");
    double shifted = h.value("M", "T_0", "cka", "T_1", 1);
    assertTrue(shifted > 0 && shifted < 1, "a shift changes the structure: " + shifted);

    // no layers named: every layer of the model (input and its one hidden layer), the same rows
    ProbeHarness all = new ProbeHarness(digits, TinyModels.shifts(3, 0, 1), 1, Map.of("M", TinyModels.monotone(3, 2)));
    new CkaProbe().run(all, new CkaConfig("0", List.of("0", "1"), null));
    assertEquals(h.rows(), all.rows());
  }
  // docs-end: rows

  @Test
  void probeWritesBothEstimatorsAndTheirBaselinesReproducibly() {
    var digits = TinyModels.digits(4, new float[][] {{1, 0, 0, 0}, {0, 1, 0.2f, 0}, {0.5f, 0.5f, 0, 0}, {0.2f, 0.9f, 0.1f, 0}, {0.7f, 0.1f, 0.8f, 0}, {0.3f, 0.3f, 0.6f, 0}},
        new int[] {0, 1, 0, 1, 0, 1});
    ProbeHarness h = new ProbeHarness(digits, TinyModels.shifts(4, 0, 1), 1, Map.of("M", TinyModels.monotone(4, 2)));
    new CkaProbe().run(h, new CkaConfig("0", List.of("0", "1"), List.of(1, 2), 10));
    for (String metric : List.of("cka", "cka_debiased")) {
      assertEquals(1.0, h.value("M", "T_0", metric, "T_0", 1), 1e-9, metric + ": a representation is fully similar to itself");
    }
    assertTrue(h.value("M", "T_0", "cka_permuted_p95", "T_0", 2) < 1, "re-pairing the images breaks the match");
    assertTrue(h.value("M", "T_0", "cka_debiased_permuted_mean", "T_0", 2) < 0.5);
    assertTrue(h.value("M", "T_0", "cka_permuted_mean", "T_0", 2) <= h.value("M", "T_0", "cka_permuted_p95", "T_0", 2) + 1e-12);
    assertEquals(2 * 2 * 6, h.rows().size(), "2 pairs x 2 layers x 6 metrics");

    ProbeHarness again = new ProbeHarness(digits, TinyModels.shifts(4, 0, 1), 1, Map.of("M", TinyModels.monotone(4, 2)));
    new CkaProbe().run(again, new CkaConfig("0", List.of("0", "1"), List.of(1, 2), 10));
    assertEquals(h.rows(), again.rows(), "the same seed, the same permutations and numbers");

    ProbeHarness none = new ProbeHarness(digits, TinyModels.shifts(4, 0, 1), 1, Map.of("M", TinyModels.monotone(4, 2)));
    new CkaProbe().run(none, new CkaConfig("0", List.of("0", "1"), List.of(1, 2), 0));
    assertEquals(List.of("cka", "cka_debiased"), none.rows().stream().map(r -> r.metric()).distinct().toList(), "permutations: 0 writes no baseline");

    // left out: the exact chance level, the same columns; the values themselves the same numbers
    ProbeHarness exact = new ProbeHarness(digits, TinyModels.shifts(4, 0, 1), 1, Map.of("M", TinyModels.monotone(4, 2)));
    new CkaProbe().run(exact, new CkaConfig("0", List.of("0", "1"), List.of(1, 2)));
    assertEquals(h.rows().stream().map(r -> r.metric()).toList(), exact.rows().stream().map(r -> r.metric()).toList());
    for (String metric : List.of("cka", "cka_debiased")) {
      assertEquals(h.value("M", "T_0", metric, "T_1", 2), exact.value("M", "T_0", metric, "T_1", 2), 0, metric);
    }
    // six images: the debiased chance level is mean 0, sd sqrt(2 / (6 * 3)) = 1/3 whatever the layer
    assertEquals(0, exact.value("M", "T_0", "cka_debiased_permuted_mean", "T_1", 2), 0);
    assertEquals(Chance.Z95 / 3, exact.value("M", "T_0", "cka_debiased_permuted_p95", "T_1", 2), 1e-15);
  }

  @Test
  void undefinedValuesAreLeftOutNotWrittenAsNaN() {
    // four identical images: every layer is constant over the images, CKA is 0/0
    float[] same = {0.4f, 0.6f, 0.1f};
    ProbeHarness h = new ProbeHarness(TinyModels.digits(3, new float[][] {same, same, same, same}, new int[] {0, 1, 0, 1}),
        TinyModels.shifts(3, 0, 1), 1, Map.of("M", TinyModels.monotone(3, 2)));
    new CkaProbe().run(h, new CkaConfig("0", List.of("0", "1"), null, 5));
    assertEquals(List.of(), h.rows());

    // three images: linear CKA and its baseline, no debiased rows (n(n-3) = 0)
    ProbeHarness three = new ProbeHarness(TinyModels.digits(3, new float[][] {{1, 0, 0}, {0, 1, 0}, {0.5f, 0.2f, 0}}, new int[] {0, 1, 0}),
        TinyModels.shifts(3, 0, 1), 1, Map.of("M", TinyModels.monotone(3, 2)));
    new CkaProbe().run(three, new CkaConfig("0", List.of("1"), List.of(1), 5));
    assertEquals(List.of("cka", "cka_permuted_mean", "cka_permuted_p95"), three.rows().stream().map(r -> r.metric()).toList());
    ProbeHarness threeExact = new ProbeHarness(TinyModels.digits(3, new float[][] {{1, 0, 0}, {0, 1, 0}, {0.5f, 0.2f, 0}}, new int[] {0, 1, 0}),
        TinyModels.shifts(3, 0, 1), 1, Map.of("M", TinyModels.monotone(3, 2)));
    new CkaProbe().run(threeExact, new CkaConfig("0", List.of("1"), List.of(1)));
    assertEquals(List.of("cka"), threeExact.rows().stream().map(r -> r.metric()).toList(), "the exact chance level needs 4 images");
    assertTrue(three.rows().stream().noneMatch(r -> Double.isNaN(r.value())));
  }

  @Test
  void configRejectsANegativeNumberOfPermutationsAndBindsItsKey() throws Exception {
    var e = Assertions.assertThrows(InvalidConfig.class, () -> new CkaConfig(null, null, null, -1));
    assertEquals("permutations", e.field());
    var yaml = new YAMLMapper();
    CkaConfig c = ConfigBinder.MAPPER.treeToValue(yaml.readTree("reference: \"0\"\npermutations: 7\n"), CkaConfig.class);
    assertEquals(7, c.permutations());
    assertNull(ConfigBinder.MAPPER.treeToValue(yaml.readTree("reference: \"0\"\n"), CkaConfig.class).permutations(), "left out: the exact chance level");
  }

  // the chance level's re-pairings are bounded: a billion would hold the heap for nothing
  @Test
  void permutationsAreBounded() {
    InvalidConfig e = Assertions.assertThrows(InvalidConfig.class,
        () -> new CkaConfig(null, null, null, 1_000_000_000));
    Assertions.assertEquals("permutations", e.field());
    new CkaConfig(null, null, null, 1000);
  }
}
