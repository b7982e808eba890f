package org.invariance.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.invariance.data.Dataset;
import org.invariance.data.DatasetFactory;
import org.invariance.data.DatasetSpec;
import org.invariance.data.Images;
import org.invariance.testing.TinyModels;
import org.invariance.testing.TinyNet;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The model contract as probes use it: layers, predictions, class subsets, starting above the input, leases. */
class ActivationsTest {
  static final Images DATA = TinyModels.digits(3, new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 0}, {1, 0, 0}}, new int[] {0, 1, 2, 1, 1});

  static Dataset dataset(String spec) {
    return new DatasetFactory(DATA, Map.of("shift", TinyModels.shifts(3, 0, 1)), 5).build(DatasetSpec.parse(spec).withDefaultTransform("shift"));
  }

  @Test
  void everyLayerAndThePredictionsOfAClassifier() {
    TinyNet m = TinyModels.monotone(3, 3);
    assertEquals(List.of("input", "h1"), m.layerNames());
    assertArrayEquals(new int[] {3, 3}, m.layerSizes());
    assertEquals(3, m.classes());
    Activations a = Activations.of("M", m, dataset("0"));
    assertEquals(m.layers(), a.top());
    assertEquals(a.dataset().images(), a.layer(1), "layer 1 is the input");
    assertArrayEquals(new int[] {0, 1, 2, 1, 0}, a.predicted(), "the brightest pixel's class");
    assertArrayEquals(Activations.argmax(a.probabilities()), a.predicted());
    assertEquals(0.8, a.accuracy(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> a.layer(3));
  }

  @Test
  void aModelThatDoesNotClassifyHasNoPredictions() {
    Activations a = Activations.of("E", TinyModels.monotone(3, 3).encoder(), dataset("0"));
    assertEquals(0, TinyModels.monotone(3, 3).encoder().classes());
    assertNull(a.probabilities());
    assertNull(a.predicted());
    assertThrows(IllegalStateException.class, a::accuracy);
  }

  @Test
  void theForwardPassFromAHiddenLayerContinuesTheFullOne() {
    TinyNet m = TinyModels.monotone(3, 3);
    Dataset d = dataset("mix");
    Forward full = m.forward(d.images());
    Forward fromTop = m.forward(2, full.layers().get(1));
    assertEquals(full.probabilities(), fromTop.probabilities());
    assertEquals(full.top(), fromTop.top());
  }

  @Test
  void aClassSubsetIsTheRowsOfThatClass() {
    Activations a = Activations.of("M", TinyModels.monotone(3, 3), dataset("mix"));
    try (Activations ones = a.classSubset(1)) {
      assertEquals("T^1_mix", ones.dataset().name());
      assertArrayEquals(new int[] {1, 1, 1}, ones.dataset().labels());
      int[] rows = {1, 3, 4};
      for (int k = 0; k < rows.length; k++) {
        assertEquals(a.dataset().amounts()[rows[k]], ones.dataset().amounts()[k]);
        for (int l = 1; l <= a.top(); l++) {
          INDArray full = a.layer(l).getRow(rows[k]);
          assertEquals(full, ones.layer(l).getRow(k));
        }
        assertEquals(a.predicted()[rows[k]], ones.predicted()[k]);
      }
      assertEquals(Activations.accuracy(ones.predicted(), ones.dataset().labels()), ones.accuracy());
    }
    assertEquals(0, a.classSubset(2).dataset().count() - 1, "one image of class 2");
  }

  @Test
  void aLeaseIsGivenBackOnceAndTheLeasedCopyIsTheSameActivations() {
    Activations a = Activations.of("M", TinyModels.monotone(3, 3), dataset("0"));
    AtomicInteger released = new AtomicInteger();
    Activations lent = a.leased(released::incrementAndGet);
    assertEquals(a.layer(2), lent.layer(2));
    lent.close();
    lent.close();
    assertEquals(1, released.get());
    assertEquals(Double.NaN, Activations.accuracy(new int[0], new int[0]));
  }
}
