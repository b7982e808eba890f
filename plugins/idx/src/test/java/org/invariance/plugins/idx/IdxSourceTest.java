package org.invariance.plugins.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.config.InvalidConfig;
import org.invariance.data.IdxFormatException;
import org.invariance.data.Images;
import org.invariance.data.NpmPackage;
import org.invariance.data.Split;
import org.invariance.experiment.ConfigBinder;
import org.invariance.testing.TestData;
import org.invariance.testing.TestSourceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The idx source on small IDX files written by the test, whose every byte is known. */
class IdxSourceTest {
  @TempDir Path dir;
  final IdxSource source = new IdxSource();

  static IdxConfig config(String yaml) throws IOException {
    return ConfigBinder.MAPPER.treeToValue(new YAMLMapper().readTree(yaml), IdxConfig.class);
  }

  /** n images of 3 rows x 2 columns; pixel p of image i is (7 * i + 13 * p) mod 256. */
  static byte[] pixels(int n) {
    byte[] b = new byte[n * 6];
    for (int i = 0; i < n; i++) for (int p = 0; p < 6; p++) b[i * 6 + p] = (byte) ((7 * i + 13 * p) % 256);
    return b;
  }

  void write(String images, String labels, byte[] px, byte[] lb, boolean gzip) throws IOException {
    TestData.write(dir.resolve(images), TestData.idx(new int[] {lb.length, 3, 2}, px), gzip);
    TestData.write(dir.resolve(labels), TestData.idx(new int[] {lb.length}, lb), gzip);
  }

  static float[] expected(byte[] px) {
    float[] f = new float[px.length];
    for (int i = 0; i < px.length; i++) f[i] = (px[i] & 0xff) / 255f;
    return f;
  }

  // gzip training files and raw test files: exactly the pixels (byte/255) and labels written,
  // the test split is the test files, the classes are the config's
  @Test
  void separateTestFilesAreTheTestSplit() throws IOException {
    byte[] trainPx = pixels(5);
    byte[] trainLb = {0, 1, 2, 1, 0};
    byte[] testPx = Arrays.copyOfRange(pixels(8), 18, 48);
    byte[] testLb = {2, 2, 0, 1, 0};
    write("train-images.gz", "train-labels.gz", trainPx, trainLb, true);
    write("test-images", "test-labels", testPx, testLb, false);
    TestSourceContext ctx = TestSourceContext.in(dir);
    Split s = source.load(ctx, config("""
        {images: train-images.gz, labels: train-labels.gz, test_images: test-images, test_labels: test-labels,
         classes: [cat, dog, bird], name: Pets}"""));
    assertEquals(List.of("cat", "dog", "bird"), s.classes());
    assertEquals(2, s.train().width());
    assertEquals(3, s.train().height());
    assertArrayEquals(expected(trainPx), s.train().pixels());
    assertArrayEquals(trainLb, s.train().labels());
    assertArrayEquals(expected(testPx), s.test().pixels());
    assertArrayEquals(testLb, s.test().labels());
    assertEquals("Pets", s.train().name());
    assertEquals("Pets", s.test().name());
    // provenance: every file's path and SHA-256
    for (String f : List.of("images:train-images.gz", "labels:train-labels.gz", "test_images:test-images", "test_labels:test-labels")) {
      String key = f.substring(0, f.indexOf(':'));
      Path p = dir.resolve(f.substring(f.indexOf(':') + 1));
      assertEquals(p.toString(), ctx.records().get(key));
      assertEquals(NpmPackage.sha256(p), ctx.records().get(key + "_sha256"), key);
    }
    assertEquals("the test files", ctx.records().get("split"));
  }

  // one pair of files: the last test_fraction of each class (in file order) is the test split;
  // without classes, they are "0".."max label"
  @Test
  void onePairIsSplitByClass() throws IOException {
    byte[] px = pixels(10);
    byte[] lb = {0, 0, 0, 0, 0, 3, 3, 3, 3, 3};
    write("im.idx", "lb.idx", px, lb, false);
    TestSourceContext ctx = TestSourceContext.in(dir);
    Split s = source.load(ctx, config("{images: im.idx, labels: lb.idx, test_fraction: 0.4}"));
    assertEquals(Images.numbered(4), s.classes());
    assertEquals("IDX", s.train().name());
    // class 0: images 0-4, test 3, 4; class 3: images 5-9, test 8, 9
    assertArrayEquals(new byte[] {0, 0, 0, 3, 3, 3}, s.train().labels());
    assertArrayEquals(new byte[] {0, 0, 3, 3}, s.test().labels());
    float[] all = expected(px);
    float[] test = new float[4 * 6];
    int at = 0;
    for (int i : new int[] {3, 4, 8, 9}) System.arraycopy(all, i * 6, test, 6 * at++, 6);
    assertArrayEquals(test, s.test().pixels());
    assertEquals("stratified: the last 0.4 of each class (file order) is test", ctx.records().get("split"));
    assertFalse(ctx.records().containsKey("test_images_sha256"));
    assertEquals(NpmPackage.sha256(dir.resolve("lb.idx")), ctx.records().get("labels_sha256"));
  }

  // the default classes cover the largest label of the training and the test labels
  @Test
  void defaultClassesCoverTheTestLabelsToo() throws IOException {
    write("a", "b", pixels(2), new byte[] {0, 1}, false);
    write("c", "d", pixels(2), new byte[] {4, 0}, true);
    Split s = source.load(TestSourceContext.in(dir), config("{images: a, labels: b, test_images: c, test_labels: d}"));
    assertEquals(Images.numbered(5), s.classes());
  }

  // a label beyond the class list is refused at its byte offset (8-byte header, then one byte per label)
  @Test
  void aLabelBeyondTheClassesNamesItsByteOffset() throws IOException {
    write("im", "lb.gz", pixels(4), new byte[] {0, 1, 0, 2}, true);
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> source.load(TestSourceContext.in(dir), config("{images: im, labels: lb.gz, classes: [no, yes]}")));
    assertEquals(11, e.offset());
    assertTrue(e.getMessage().contains("byte 11") && e.getMessage().contains("label 2"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.resolve("lb.gz").toString()), e.getMessage());
  }

  // a missing file is a one-line error naming the field and the resolved path
  @Test
  void aMissingFileNamesItsField() throws IOException {
    write("im", "lb", pixels(2), new byte[] {0, 1}, false);
    InvalidConfig e = assertThrows(InvalidConfig.class,
        () -> source.load(TestSourceContext.in(dir), config("{images: im, labels: lb, test_images: im, test_labels: sub/nope}")));
    assertEquals("test_labels", e.field());
    assertEquals("no such file: " + dir.resolve("sub/nope"), e.getMessage());
    e = assertThrows(InvalidConfig.class, () -> source.load(TestSourceContext.in(dir), config("{images: gone, labels: lb}")));
    assertEquals("images", e.field());
  }

  // training and test images of different sizes do not make a split
  @Test
  void testImagesOfAnotherSizeAreRefused() throws IOException {
    write("im", "lb", pixels(2), new byte[] {0, 1}, false);
    TestData.write(dir.resolve("tim"), TestData.idx(new int[] {1, 2, 2}, new byte[4]), false);
    TestData.write(dir.resolve("tlb"), TestData.idx(new int[] {1}, new byte[1]), false);
    IOException e = assertThrows(IOException.class,
        () -> source.load(TestSourceContext.in(dir), config("{images: im, labels: lb, test_images: tim, test_labels: tlb}")));
    assertTrue(e.getMessage().contains("2x2") && e.getMessage().contains("2x3"), e.getMessage());
  }

  // the config's rules, each naming its field
  @Test
  void configChecks() throws IOException {
    IdxConfig d = config("{images: a, labels: b}");
    assertEquals("IDX", d.name());
    assertEquals(0.2, d.testFraction());
    assertEquals(null, d.classes());
    assertThrows(MismatchedInputException.class, () -> config("{labels: b}"), "images is required");
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("{images: a, labels: b, test_images: c}", "test_labels");
    bad.put("{images: a, labels: b, test_labels: c}", "test_images");
    bad.put("{images: a, labels: b, test_images: c, test_labels: d, test_fraction: 0.3}", "test_fraction");
    bad.put("{images: a, labels: b, test_fraction: 1}", "test_fraction");
    bad.put("{images: a, labels: b, classes: []}", "classes");
    bad.put("{images: a, labels: b, classes: [x, y, x]}", "classes.2");
    bad.put("{images: a, labels: b, classes: [x, '']}", "classes.1");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      ValueInstantiationException ex = assertThrows(ValueInstantiationException.class, () -> config(e.getKey()), e.getKey());
      assertEquals(e.getValue(), assertInstanceOf(InvalidConfig.class, ex.getCause()).field(), e.getKey());
    }
  }

  @Test
  void namesEveryFileItReadsByItsFieldSoTheyAreCheckedBeforeAnyWork() throws IOException {
    assertEquals(Map.of("images", "a.gz", "labels", "b.gz", "test_images", "sub/c", "test_labels", "/abs/d"),
        source.files(config("{images: a.gz, labels: b.gz, test_images: sub/c, test_labels: /abs/d}")), "as written: the run resolves them");
    assertEquals(List.of("images", "labels"), List.copyOf(source.files(config("{images: im.idx, labels: lb.idx, test_fraction: 0.4}")).keySet()),
        "without test files, only the pair it splits");
  }
}
