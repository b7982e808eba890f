package org.invariance.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.invariance.config.InvalidConfig;
import org.invariance.testing.TinyModels;
import org.junit.jupiter.api.Assertions;
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

  static TransformFamily shifts() {
    return TinyModels.shifts(5, 0, 1, 2);
  }

  static DatasetFactory factory(long seed) {
    return new DatasetFactory(digits(), Map.of("shift", shifts()), seed);
  }

  @Test
  void fixedAmountTransformsEveryImage() {
    Dataset d = factory(1).build(DatasetSpec.at(2).withDefaultTransform("shift"));
    assertEquals("T_2", d.name());
    assertEquals(50, d.count());
    INDArray row = d.images().getRow(3);
    assertEquals(0f, row.getFloat(0));
    assertEquals(0.04f, row.getFloat(2), 1e-7, "shifted right by 2");
  }

  @Test
  void mixIsSeededUsesEveryAmountAndClassSubsetsAreRowsOfTheMix() {
    DatasetSpec spec = DatasetSpec.mix().withDefaultTransform("shift");
    Dataset mix = factory(1).build(spec);
    Dataset again = factory(1).build(spec);
    Dataset other = factory(2).build(spec);
    assertArrayEquals(mix.amounts(), again.amounts());
    assertNotEquals(Arrays.toString(mix.amounts()), Arrays.toString(other.amounts()));
    Set<Double> used = new HashSet<>();
    for (double a : mix.amounts()) used.add(a);
    assertEquals(Set.of(0.0, 1.0, 2.0), used);
    Dataset sevens = factory(1).build(spec.classSubset(7));
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
  void eachFamilyMixesWithItsOwnSeedAndNamesShowTheTransformWhenThereAreSeveral() {
    TransformFamily wide = TinyModels.shifts(5, 3, 4);
    TransformFamily renamed = new TransformFamily("wide", (a, w, h) -> wide.op(a), wide.amounts(), 5, 1);
    DatasetFactory f = new DatasetFactory(digits(), Map.of("shift", shifts(), "wide", renamed), 1);
    Dataset d = f.build(DatasetSpec.parse("wide:3"));
    assertEquals("T_wide:3", d.name());
    assertEquals(0.04f, d.images().getFloat(3, 3), 1e-7, "shifted right by 3");
    Dataset mix = f.build(DatasetSpec.parse("wide:mix"));
    assertEquals("T_wide:mix", mix.name());
    for (double a : mix.amounts()) assertTrue(a == 3 || a == 4, "drawn from wide's amounts: " + a);
    assertEquals("T_shift:mix", f.build(DatasetSpec.mix().withDefaultTransform("shift")).name());
    // the default transform fills in only where the spec names none
    assertEquals("wide", DatasetSpec.parse("wide:3").withDefaultTransform("shift").transform());
  }

  @Test
  void unknownTransformsAndClassesAreRefusedByName() {
    IllegalArgumentException noTransform = Assertions.assertThrows(IllegalArgumentException.class,
        () -> factory(1).build(DatasetSpec.parse("spin:30")));
    assertTrue(noTransform.getMessage().contains("'spin'") && noTransform.getMessage().contains("shift"), noTransform.getMessage());
    IllegalArgumentException noClass = Assertions.assertThrows(IllegalArgumentException.class,
        () -> factory(1).build(DatasetSpec.at(0).withDefaultTransform("shift").classSubset(10)));
    assertTrue(noClass.getMessage().contains("class 10"), noClass.getMessage());
  }

  @Test
  void subsetNamesPutTheClassBeforeTheAmount() {
    Dataset d = factory(1).build(DatasetSpec.at(2).withDefaultTransform("shift"));
    assertEquals("T^7_2", d.subsetName(7));
  }

  @Test
  void specNamesAndParsing() {
    assertEquals("MNIST_mix", DatasetSpec.parse("mix").name("MNIST", false));
    assertEquals("MNIST_-60", DatasetSpec.parse("-60").name("MNIST", false));
    assertEquals("MNIST^7_30", DatasetSpec.parse("30").classSubset(7).name("MNIST", false));
    assertEquals("MNIST_12.5", DatasetSpec.parse("12.5").name("MNIST", false));
    assertEquals("MNIST_scale:1.5", DatasetSpec.parse("scale:1.5").name("MNIST", true));
    assertEquals("MNIST_1.5", DatasetSpec.parse("scale:1.5").name("MNIST", false));
    assertEquals(new DatasetSpec("scale", null, null), DatasetSpec.parse("scale:mix"));
    assertEquals(DatasetSpec.mix(), DatasetSpec.parse(" MIX "));
    assertTrue(Assertions.assertThrows(IllegalArgumentException.class, () -> DatasetSpec.parse(":30"))
        .getMessage().contains("no transform"));
    assertTrue(Assertions.assertThrows(IllegalArgumentException.class, () -> DatasetSpec.parse("sideways"))
        .getMessage().contains("'sideways'"));
    InvalidConfig bad = Assertions.assertThrows(InvalidConfig.class,
        () -> DatasetSpec.parseAll(List.of("0", "mix", "sideways"), "datasets"));
    assertEquals("datasets.2", bad.field(), "the bad entry's own index, for its line in the file");
    assertEquals(List.of(DatasetSpec.at(0), DatasetSpec.mix()), DatasetSpec.parseAll(List.of("0", "mix"), "datasets"));
  }

  @Test
  void trainingDatasetsAreASeededSampleOfTheTrainingImagesAsLargeAsTheTestSet() {
    // training images: value (i+1)/1000 at pixel 0 (distinct from every test value), 80 of them
    int n = 80;
    float[] px = new float[n * 5];
    byte[] lb = new byte[n];
    for (int i = 0; i < n; i++) {
      px[i * 5] = (i + 1) / 1000f;
      lb[i] = (byte) (i % 10);
    }
    Images train = new Images("T", 5, 1, px, lb);
    DatasetFactory f = new DatasetFactory(digits(), train, Map.of("shift", shifts()), 3);
    Dataset d = f.build(DatasetSpec.at(1).withDefaultTransform("shift").onTraining());
    assertEquals("T-train_1", d.name());
    assertEquals(50, d.count(), "as many as the test set");
    Set<Float> seen = new HashSet<>();
    for (int r = 0; r < d.count(); r++) {
      float v = d.images().getFloat(r, 1); // shifted right by one
      int i = Math.round(v * 1000) - 1;
      assertTrue(i >= 0 && i < n && Math.abs(v - (i + 1) / 1000f) < 1e-7, "a training image: " + v);
      assertEquals(i % 10, d.labels()[r], "its own label");
      assertTrue(seen.add(v), "no image twice");
    }
    Dataset same = new DatasetFactory(digits(), train, Map.of("shift", shifts()), 3).build(DatasetSpec.at(0).withDefaultTransform("shift").onTraining());
    for (int r = 0; r < d.count(); r++) assertEquals(same.images().getFloat(r, 0), d.images().getFloat(r, 1), "every amount transforms the same sample");
    Dataset reseeded = new DatasetFactory(digits(), train, Map.of("shift", shifts()), 4).build(DatasetSpec.at(0).withDefaultTransform("shift").onTraining());
    assertNotEquals(same.images().getFloat(0, 0) + "," + same.images().getFloat(1, 0), reseeded.images().getFloat(0, 0) + "," + reseeded.images().getFloat(1, 0));
    assertTrue(Assertions.assertThrows(IllegalArgumentException.class,
        () -> factory(1).build(DatasetSpec.at(0).withDefaultTransform("shift").onTraining())).getMessage().contains("no training images"));
  }
}
