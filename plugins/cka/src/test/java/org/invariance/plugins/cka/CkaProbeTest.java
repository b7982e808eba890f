package org.invariance.plugins.cka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.invariance.testing.ProbeHarness;
import org.invariance.testing.TinyModels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
    INDArray shuffled = Nd4j.vstack(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(25, 50), org.nd4j.linalg.indexing.NDArrayIndex.all()),
        x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 25), org.nd4j.linalg.indexing.NDArrayIndex.all()));
    assertTrue(CkaProbe.linear(x, shuffled) < 0.5, "other samples' representations share little structure");
  }

  @Test
  void probeRowsPerLayerAndPair() {
    var digits = TinyModels.digits(3, new float[][] {{1, 0, 0}, {0, 1, 0}, {0.5f, 0.5f, 0}, {0.2f, 0.9f, 0.1f}}, new int[] {0, 1, 0, 1});
    ProbeHarness h = new ProbeHarness(digits, TinyModels.shifts(3, 0, 1), 1, Map.of("M", TinyModels.monotone(3, 2)));
    new CkaProbe().run(h, new CkaConfig("0", List.of("0", "1"), List.of(1, 2)));
    assertEquals(1.0, h.value("M", "T_0 vs T_0", "cka", 1), 1e-9, "a representation is fully similar to itself");
    double shifted = h.value("M", "T_0 vs T_1", "cka", 1);
    assertTrue(shifted > 0 && shifted < 1, "a shift changes the structure: " + shifted);

    // no layers named: every layer of the model (input and its one hidden layer), the same rows
    ProbeHarness all = new ProbeHarness(digits, TinyModels.shifts(3, 0, 1), 1, Map.of("M", TinyModels.monotone(3, 2)));
    new CkaProbe().run(all, new CkaConfig("0", List.of("0", "1"), null));
    assertEquals(h.rows(), all.rows());
  }
}
