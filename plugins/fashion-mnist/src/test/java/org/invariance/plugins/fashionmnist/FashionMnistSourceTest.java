package org.invariance.plugins.fashionmnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.invariance.data.Images;
import org.invariance.data.NpmPackage;
import org.invariance.data.Split;
import org.invariance.experiment.ConfigBinder;
import org.invariance.config.InvalidConfig;
import org.invariance.testing.TestData;
import org.invariance.testing.TestSourceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fashion-mnist source on Debian's dataset-fashion-mnist, and on small files written by the test. */
class FashionMnistSourceTest {
  static final Path DEBIAN = Path.of(FashionMnistConfig.DEBIAN_DIR);
  static final String[] FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

  final FashionMnistSource source = new FashionMnistSource();
  @TempDir Path dir;

  /**
   * Skips the test unless Debian's package is installed; fails instead where INVARIANCE_REQUIRE_TOOLS
   * names fashion-mnist (CI installs it), so CI cannot pass by skipping.
   */
  static void requireDebiansFashionMnist() {
    boolean installed = Arrays.stream(FILES).allMatch(f -> Files.isRegularFile(DEBIAN.resolve(f + ".gz")));
    if (installed) return;
    String required = System.getenv().getOrDefault("INVARIANCE_REQUIRE_TOOLS", "");
    if (Arrays.stream(required.split(",")).map(String::trim).anyMatch("fashion-mnist"::equals)) {
      fail("Debian's dataset-fashion-mnist is not installed in " + DEBIAN + " but INVARIANCE_REQUIRE_TOOLS requires it (apt-get install -y dataset-fashion-mnist)");
    }
    assumeTrue(false, "Debian's dataset-fashion-mnist is not installed in " + DEBIAN + " (apt-get install -y dataset-fashion-mnist); .ci/run installs it");
  }

  static FashionMnistConfig config(String yaml) throws IOException {
    return ConfigBinder.MAPPER.treeToValue(new YAMLMapper().readTree(yaml), FashionMnistConfig.class);
  }

  static int[] perClass(Images images) {
    int[] n = new int[images.classes().size()];
    for (int i = 0; i < images.count(); i++) n[images.label(i)]++;
    return n;
  }

  // Debian's files: 60,000/10,000 images of 28x28, ten named garments, 6,000/1,000 of each
  @Test
  void debiansFashionMnist() throws IOException {
    requireDebiansFashionMnist();
    TestSourceContext ctx = TestSourceContext.in(dir);
    Split s = source.load(ctx, config("{}"));
    assertEquals(60_000, s.train().count());
    assertEquals(10_000, s.test().count());
    assertEquals(FashionMnistSource.CLASSES, s.classes());
    assertEquals(10, s.classes().size());
    assertEquals("T-shirt/top", s.classes().get(0));
    assertEquals("Ankle boot", s.classes().get(9));
    int[] train = perClass(s.train());
    int[] test = perClass(s.test());
    for (int c = 0; c < 10; c++) {
      assertEquals(6000, train[c], s.classes().get(c));
      assertEquals(1000, test[c], s.classes().get(c));
    }
    for (Images im : new Images[] {s.train(), s.test()}) {
      assertEquals("FashionMNIST", im.name());
      assertEquals(28, im.width());
      assertEquals(28, im.height());
      float min = 1;
      float max = 0;
      for (float p : im.pixels()) {
        min = Math.min(min, p);
        max = Math.max(max, p);
      }
      assertEquals(0f, min);
      assertEquals(1f, max);
    }
    // Zalando's first labels: training 9 (ankle boot) 0 0 3 0 2 7 2 5 5, test 9 2 1 1 6 1 4 6 5 7
    assertArrayEquals(new byte[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, Arrays.copyOf(s.train().labels(), 10));
    assertArrayEquals(new byte[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(s.test().labels(), 10));
    assertEquals(DEBIAN.toString(), ctx.records().get("dir"));
    for (String f : FILES) assertEquals(NpmPackage.sha256(DEBIAN.resolve(f + ".gz")), ctx.records().get(f + ".gz_sha256"), f);
  }

  // the shape validate checks models against is the shape loading gives
  @Test
  void theShapeToldBeforeLoadingIsTheLoadedOne() throws IOException {
    requireDebiansFashionMnist();
    assertEquals(source.load(TestSourceContext.in(dir), config("{}")).test().shape(), source.shape(config("{}"), TestSourceContext.in(dir)).orElseThrow());
  }

  // any directory with the four files, raw or gzip (relative to the experiment file), is read the same way
  @Test
  void anotherDirectoryWithRawOrGzipFiles() throws IOException {
    Path d = Files.createDirectories(dir.resolve("data"));
    byte[] px = new byte[3 * 4];
    for (int i = 0; i < px.length; i++) px[i] = (byte) (20 * i);
    TestData.write(d.resolve(FILES[0]), TestData.idx(new int[] {3, 2, 2}, px), false);
    TestData.write(d.resolve(FILES[1] + ".gz"), TestData.idx(new int[] {3}, new byte[] {9, 0, 8}), true);
    TestData.write(d.resolve(FILES[2] + ".gz"), TestData.idx(new int[] {1, 2, 2}, new byte[] {0, 0, (byte) 255, 0}), true);
    TestData.write(d.resolve(FILES[3]), TestData.idx(new int[] {1}, new byte[] {1}), false);
    TestSourceContext ctx = TestSourceContext.in(dir);
    Split s = source.load(ctx, config("dir: data"));
    assertArrayEquals(new byte[] {9, 0, 8}, s.train().labels());
    assertEquals("Ankle boot", s.classes().get(s.train().label(0)));
    assertEquals(40 / 255f, s.train().pixels()[2]);
    assertEquals(1f, s.test().pixels()[2]);
    assertEquals(NpmPackage.sha256(d.resolve(FILES[1] + ".gz")), ctx.records().get(FILES[1] + ".gz_sha256"));
    assertEquals(NpmPackage.sha256(d.resolve(FILES[0])), ctx.records().get(FILES[0] + "_sha256"));
  }

  // without the files, the error (on dir) says how to get them
  @Test
  void missingFilesSayHowToGetThem() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    InvalidConfig e = assertThrows(InvalidConfig.class, () -> source.load(TestSourceContext.in(dir), config("dir: empty")));
    assertEquals("dir", e.field());
    assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist") && e.getMessage().contains("set dir"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.resolve("empty").toString()), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line");
  }

  // defaults and checks
  @Test
  void configChecks() throws IOException {
    FashionMnistConfig d = config("{}");
    assertEquals("FashionMNIST", d.name());
    assertEquals("/usr/share/datasets/fashion-mnist", d.dir());
    for (String bad : new String[] {"name: ''", "dir: ' '"}) {
      ValueInstantiationException e = assertThrows(ValueInstantiationException.class, () -> config(bad), bad);
      assertEquals(bad.substring(0, bad.indexOf(':')), assertInstanceOf(InvalidConfig.class, e.getCause()).field());
    }
  }
}
