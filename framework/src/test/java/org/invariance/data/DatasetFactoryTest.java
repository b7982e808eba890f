package org.invariance.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.invariance.plugin.NoConfig;
import org.invariance.testing.TestPlugins;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class DatasetFactoryTest {
  /** 50 images of 1x5 pixels: image i has value (i+1)/100 at pixel 0, class i % 10. */
  static Images digits() {
    int n = 50;
    float[] px = new float[n * 5];
    byte[] lb = new byte[n];
    for (int i = 0; i < n; i++) {
      px[i * 5] = (i + 1) / 100f;
      lb[i] = (byte) (i % 10);
    }
    return new Images("T", 5, 1, px, lb);
  }

  static TransformFamily sampler() {
    return new TransformFamily(new TestPlugins.Shift(), new NoConfig(), List.of(0.0, 1.0, 2.0), 5, 1);
  }

  @Test
  void fixedAmountTransformsEveryImage() {
    Dataset d = new DatasetFactory(digits(), sampler(), 1).build(DatasetSpec.at(2));
    assertEquals("T_2", d.name());
    assertEquals(50, d.count());
    INDArray row = d.images().getRow(3);
    assertEquals(0f, row.getFloat(0));
    assertEquals(0.04f, row.getFloat(2), 1e-7, "shifted right by 2");
  }

  @Test
  void mixIsSeededUsesEveryAmountAndDigitSubsetsAreRowsOfTheMix() {
    Dataset mix = new DatasetFactory(digits(), sampler(), 1).build(DatasetSpec.MIX);
    Dataset again = new DatasetFactory(digits(), sampler(), 1).build(DatasetSpec.MIX);
    Dataset other = new DatasetFactory(digits(), sampler(), 2).build(DatasetSpec.MIX);
    assertArrayEquals(mix.amounts(), again.amounts());
    assertNotEquals(java.util.Arrays.toString(mix.amounts()), java.util.Arrays.toString(other.amounts()));
    Set<Double> used = new HashSet<>();
    for (double a : mix.amounts()) used.add(a);
    assertEquals(Set.of(0.0, 1.0, 2.0), used);
    Dataset sevens = new DatasetFactory(digits(), sampler(), 1).build(DatasetSpec.MIX.digitSubset(7));
    assertEquals("T^7_mix", sevens.name());
    assertEquals(5, sevens.count());
    for (int k = 0; k < 5; k++) {
      int row = 7 + 10 * k;
      assertEquals(mix.amounts()[row], sevens.amounts()[k]);
      assertEquals(mix.images().getRow(row), sevens.images().getRow(k));
      assertEquals(7, sevens.labels()[k]);
    }
    // image i's amount: its first non-zero pixel sits at the shift
    for (int i = 0; i < 50; i++) {
      int at = (int) mix.amounts()[i];
      assertEquals((i + 1) / 100f, mix.images().getFloat(i, at), 1e-7);
    }
  }

  @Test
  void specNamesAndParsing() {
    assertEquals("MNIST_mix", DatasetSpec.parse("mix").name("MNIST"));
    assertEquals("MNIST_-60", DatasetSpec.parse("-60").name("MNIST"));
    assertEquals("MNIST^7_30", DatasetSpec.parse("30").digitSubset(7).name("MNIST"));
    assertEquals("MNIST_12.5", DatasetSpec.parse("12.5").name("MNIST"));
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DatasetSpec.parse("sideways"))
        .getMessage().contains("'sideways'"));
    org.invariance.experiment.InvalidConfig bad = org.junit.jupiter.api.Assertions.assertThrows(org.invariance.experiment.InvalidConfig.class,
        () -> DatasetSpec.parseAll(java.util.List.of("0", "mix", "sideways"), "datasets"));
    assertEquals("datasets.2", bad.field(), "the bad entry's own index, for its line in the file");
    assertEquals(java.util.List.of(DatasetSpec.at(0), DatasetSpec.MIX), DatasetSpec.parseAll(java.util.List.of("0", "mix"), "datasets"));
  }
}
