package org.invariance.plugins.imagefolder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.invariance.config.InvalidConfig;
import org.invariance.data.IdxReader;
import org.invariance.data.ImageFolderWriter;
import org.invariance.data.ImageShape;
import org.invariance.data.Images;
import org.invariance.data.Split;
import org.invariance.experiment.ConfigBinder;
import org.invariance.metrics.Progress;
import org.invariance.plugin.PluginRegistry;
import org.invariance.plugin.SourceContext;
import org.invariance.testing.TestSourceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image-folder source on PNG and JPEG folders written by the test, whose every pixel is known. */
class ImageFolderSourceTest {
  static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
  static final List<String> SHAPES = List.of("circle", "square", "triangle");

  @TempDir Path dir;
  final ImageFolderSource source = new ImageFolderSource();

  static ImageFolderConfig config(String yaml) throws IOException {
    return ConfigBinder.MAPPER.treeToValue(new YAMLMapper().readTree(yaml), ImageFolderConfig.class);
  }

  // ---- writing test images ----

  /** The colour set: shape s (0 circle, 1 square, 2 triangle), image i, pixel (x, y) of 16x16, as {r, g, b}. */
  static int[] shapePixel(int s, int i, int x, int y) {
    boolean inside = switch (s) {
      case 0 -> (x - 7.5) * (x - 7.5) + (y - 7.5) * (y - 7.5) <= 36;
      case 1 -> x >= 3 && x <= 12 && y >= 3 && y <= 12;
      default -> y >= 2 && y <= 13 && Math.abs(x - 7.5) <= (y - 2) / 2.0;
    };
    if (inside) return new int[] {(40 * i + 90 * s + 7 * x) % 256, (200 - 30 * i + 5 * y) % 256, (17 * s + 60 * i + 3 * x * y) % 256};
    return new int[] {(5 * i + x) % 256, (11 * s + y) % 256, (x * y + i) % 256};
  }

  static BufferedImage rgb(int w, int h, BiFunction<Integer, Integer, int[]> pixel) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    WritableRaster r = img.getRaster();
    for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) r.setPixel(x, y, pixel.apply(x, y));
    return img;
  }

  static BufferedImage grey(int w, int h, BiFunction<Integer, Integer, Integer> value) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.getRaster().setSample(x, y, 0, value.apply(x, y));
    return img;
  }

  static Path png(Path file, BufferedImage img) throws IOException {
    Files.createDirectories(file.getParent());
    assertTrue(ImageIO.write(img, "png", file.toFile()), "no PNG writer for " + img);
    return file;
  }

  /** Writes the colour set: train 4 and test 2 images per shape, "img<i>.png", i counting on from train into test. */
  Path colourSet() throws IOException {
    Path root = dir.resolve("shapes");
    for (int s = 0; s < 3; s++) {
      int sh = s;
      for (int i = 0; i < 6; i++) {
        int im = i;
        png(root.resolve(i < 4 ? "train" : "test").resolve(SHAPES.get(s)).resolve("img" + i + ".png"), rgb(16, 16, (x, y) -> shapePixel(sh, im, x, y)));
      }
    }
    return root;
  }

  /** PIL's convert("L"), computed by hand: ITU-R 601-2 luma in 16-bit fixed point, rounded (Pillow >= 7). */
  static int pilLuma(int r, int g, int b) {
    return (r * 19595 + g * 38470 + b * 7471 + 32768) >> 16;
  }

  // ---- the colour set ----

  // rgb: every value is the pixel written / 255, classes are the sorted folder names, labels class by class, files in name order
  @Test
  void colourImagesInRgbAreThePixelsWritten() throws IOException {
    Path root = colourSet();
    TestSourceContext ctx = TestSourceContext.in(dir);
    Split s = source.load(ctx, config("{root: shapes, mode: rgb}"));
    assertEquals(SHAPES, s.classes());
    assertEquals(new ImageShape(3, 16, 16), s.train().shape());
    assertEquals(12, s.train().count());
    assertEquals(6, s.test().count());
    assertArrayEquals(new byte[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}, s.train().labels());
    assertArrayEquals(new byte[] {0, 0, 1, 1, 2, 2}, s.test().labels());
    for (Images half : List.of(s.train(), s.test())) {
      for (int n = 0; n < half.count(); n++) {
        int shape = half.label(n);
        int i = half == s.train() ? n % 4 : 4 + n % 2;
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) {
          int[] rgb = shapePixel(shape, i, x, y);
          for (int c = 0; c < 3; c++) assertEquals(rgb[c] / 255f, half.pixels()[n * 768 + c * 256 + y * 16 + x], "image " + n + " channel " + c + " at " + x + "," + y);
        }
      }
    }
    assertEquals("shapes", s.train().name());
    assertEquals(root.toString(), ctx.records().get("root"));
    assertEquals("train/test folders", ctx.records().get("layout"));
    assertEquals("18", ctx.records().get("files"));
    assertEquals("0", ctx.records().get("skipped"));
    assertEquals("rgb", ctx.records().get("mode"));
    assertEquals("16x16", ctx.records().get("size"));
  }

  // grey: each value is PIL's luma of the pixel written, computed by hand, / 255
  @Test
  void colourImagesInGreyArePilsLuma() throws IOException {
    colourSet();
    TestSourceContext ctx = TestSourceContext.in(dir);
    Split s = source.load(ctx, config("{root: shapes, mode: grey}"));
    assertEquals(new ImageShape(1, 16, 16), s.test().shape());
    int differentFromTruncation = 0;
    for (int n = 0; n < 6; n++) {
      int shape = s.test().label(n);
      for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) {
        int[] p = shapePixel(shape, 4 + n % 2, x, y);
        int l = pilLuma(p[0], p[1], p[2]);
        assertEquals(l / 255f, s.test().pixels()[n * 256 + y * 16 + x], "test image " + n + " at " + x + "," + y);
        // the fixed point is the luma rounded, never more than half a level from R*0.299 + G*0.587 + B*0.114
        assertTrue(Math.abs(l - (p[0] * 299 + p[1] * 587 + p[2] * 114) / 1000.0) <= 0.5 + 1e-3, Arrays.toString(p));
        if (l != (p[0] * 299 + p[1] * 587 + p[2] * 114) / 1000) differentFromTruncation++;
      }
    }
    assertTrue(differentFromTruncation > 0, "some pixels round up (old PIL truncated)");
    assertEquals("grey", ctx.records().get("mode"));
    // the rounding itself: (255, 0, 0) is 76 (76.245), (0, 0, 255) is 29 (29.07), (100, 150, 200) is 141 (140.75 rounds up)
    assertEquals(76, pilLuma(255, 0, 0));
    assertEquals(29, pilLuma(0, 0, 255));
    assertEquals(141, pilLuma(100, 150, 200));
    assertEquals(255, pilLuma(255, 255, 255));
    assertEquals(141, Decoder.luma(100, 150, 200));
  }

  // auto: colour images give three channels, grey images one; the shape told before loading is the loaded one
  @Test
  void autoModeAndTheShapeToldBeforeLoading() throws IOException {
    colourSet();
    for (int k = 0; k < 3; k++) {
      int kk = k;
      png(dir.resolve("grey").resolve("c" + k).resolve("a.png"), grey(5, 3, (x, y) -> 40 * kk + x + y));
      png(dir.resolve("grey").resolve("c" + k).resolve("b.png"), grey(5, 3, (x, y) -> 200 - x));
    }
    for (String yaml : List.of("{root: shapes}", "{root: shapes, mode: grey}", "{root: grey}", "{root: grey, mode: rgb}", "{root: grey, size: [7, 2]}",
        "{root: shapes, size: 9}", "{root: shapes, size: 9, mode: grey}")) {
      Split s = source.load(TestSourceContext.in(dir), config(yaml));
      assertEquals(s.train().shape(), source.shape(config(yaml), TestSourceContext.in(dir)).orElseThrow(), yaml);
    }
    assertEquals(new ImageShape(3, 16, 16), source.shape(config("{root: shapes}"), TestSourceContext.in(dir)).orElseThrow());
    assertEquals(new ImageShape(1, 3, 5), source.shape(config("{root: grey}"), TestSourceContext.in(dir)).orElseThrow());
    assertEquals(new ImageShape(1, 2, 7), source.shape(config("{root: grey, size: [7, 2]}"), TestSourceContext.in(dir)).orElseThrow());
    // from the config alone: no image is read (an unreadable first image does not matter)
    Files.write(dir.resolve("grey/c0/a.png"), new byte[] {1, 2, 3});
    assertEquals(new ImageShape(3, 4, 6), source.shape(config("{root: grey, size: [6, 4], mode: rgb}"), TestSourceContext.in(dir)).orElseThrow());
    InvalidConfig e = assertThrows(InvalidConfig.class, () -> source.shape(config("{root: grey}"), TestSourceContext.in(dir)));
    assertTrue(e.getMessage().startsWith(dir.resolve("grey/c0/a.png") + ": not a PNG or JPEG image ImageIO can read ("), e.getMessage());
  }

  // ---- Fashion-MNIST through ImageFolderWriter ----

  /** Skips unless Debian's dataset-fashion-mnist is installed; fails instead where INVARIANCE_REQUIRE_TOOLS names fashion-mnist. */
  static void requireFashionMnist() {
    boolean installed = Stream.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
        .allMatch(f -> Files.isRegularFile(FASHION.resolve(f + ".gz")));
    if (installed) return;
    String required = System.getenv().getOrDefault("INVARIANCE_REQUIRE_TOOLS", "");
    if (Arrays.stream(required.split(",")).map(String::trim).anyMatch("fashion-mnist"::equals)) {
      fail("Debian's dataset-fashion-mnist is not installed in " + FASHION + " but INVARIANCE_REQUIRE_TOOLS requires it (apt-get install -y dataset-fashion-mnist)");
    }
    assumeTrue(false, "Debian's dataset-fashion-mnist is not installed in " + FASHION + " (apt-get install -y dataset-fashion-mnist)");
  }

  static final List<String> GARMENTS = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  static Images first(Images im, int n) {
    return im.select(IntStream.range(0, n).toArray());
  }

  // the first 500 of each split written as PNG folders and read back: the same pixels, bit for bit, per class in order
  @Test
  void fashionMnistWrittenAsPngFoldersReadsBackBitIdentical() throws IOException {
    requireFashionMnist();
    Images train = first(IdxReader.images("F", FASHION.resolve("train-images-idx3-ubyte.gz"), FASHION.resolve("train-labels-idx1-ubyte.gz"), GARMENTS), 500);
    Images test = first(IdxReader.images("F", FASHION.resolve("t10k-images-idx3-ubyte.gz"), FASHION.resolve("t10k-labels-idx1-ubyte.gz"), GARMENTS), 500);
    assertEquals(1000, ImageFolderWriter.write(new Split(train, test), dir.resolve("fashion")));
    TestSourceContext ctx = TestSourceContext.in(dir);
    Split back = source.load(ctx, config("{root: fashion}"));
    // folder names are safe ('T-shirt/top' -> 'T-shirt_top') and sorted
    assertEquals(List.of("Ankle boot", "Bag", "Coat", "Dress", "Pullover", "Sandal", "Shirt", "Sneaker", "T-shirt_top", "Trouser"), back.classes());
    assertEquals(new ImageShape(1, 28, 28), back.train().shape());
    assertEquals("grey", ctx.records().get("mode"));
    assertEquals("1000", ctx.records().get("files"));
    assertEquals("fashion", back.train().name());
    for (Images[] pair : new Images[][] {{train, back.train()}, {test, back.test()}}) {
      Map<String, List<float[]>> written = byClass(pair[0], c -> ImageFolderWriter.folderName(c));
      Map<String, List<float[]>> read = byClass(pair[1], c -> c);
      assertEquals(written.keySet(), read.keySet());
      for (String c : written.keySet()) {
        assertEquals(written.get(c).size(), read.get(c).size(), c);
        for (int k = 0; k < written.get(c).size(); k++) assertArrayEquals(written.get(c).get(k), read.get(c).get(k), c + " #" + k);
      }
    }
  }

  static Map<String, List<float[]>> byClass(Images im, UnaryOperator<String> name) {
    Map<String, List<float[]>> m = new TreeMap<>();
    for (int i = 0; i < im.count(); i++) {
      m.computeIfAbsent(name.apply(im.classes().get(im.label(i))), k -> new ArrayList<>()).add(Arrays.copyOfRange(im.pixels(), i * im.size(), (i + 1) * im.size()));
    }
    return m;
  }

  // ---- layout ----

  // a root of class folders: the last test_fraction of each class, in sorted file order, is test
  @Test
  void stratifiedByTestFraction() throws IOException {
    // class a: 8 images a0..a7 of value 10+i; class b: 4 images of value 100+i; value = the image's identity
    for (int i = 0; i < 8; i++) {
      int v = 10 + i;
      png(dir.resolve("flat/a/a" + i + ".png"), grey(2, 2, (x, y) -> v));
    }
    for (int i = 0; i < 4; i++) {
      int v = 100 + i;
      png(dir.resolve("flat/b/b" + i + ".png"), grey(2, 2, (x, y) -> v));
    }
    TestSourceContext ctx = TestSourceContext.in(dir);
    Split s = source.load(ctx, config("{root: flat, test_fraction: 0.25}"));
    // a: round(0.25 * 8) = 2 test images (a6, a7); b: 1 (b3)
    assertArrayEquals(new float[] {10, 11, 12, 13, 14, 15, 100, 101, 102}, firstValues(s.train()));
    assertArrayEquals(new float[] {16, 17, 103}, firstValues(s.test()));
    assertEquals("stratified: the last 0.25 of each class (sorted file order) is test", ctx.records().get("layout"));
    TestSourceContext d = TestSourceContext.in(dir);
    Split s2 = source.load(d, config("{root: flat}"));
    assertEquals("stratified: the last 0.2 of each class (sorted file order) is test", d.records().get("layout"));
    assertArrayEquals(new float[] {16, 17, 103}, firstValues(s2.test())); // round(1.6) = 2, round(0.8) = 1
  }

  /** Each image's first value * 255. */
  static float[] firstValues(Images im) {
    float[] v = new float[im.count()];
    for (int i = 0; i < im.count(); i++) v[i] = Math.round(im.pixels()[i * im.size()] * 255);
    return v;
  }

  // subfolders of a class in torchvision's order (sorted(os.walk)): the class folder's own files, then folders by path;
  // extensions without case; other files and hidden ones skipped and counted; hidden folders never entered
  @Test
  void subfoldersInTorchvisionsOrderAndWhatIsSkipped() throws IOException {
    Path c = dir.resolve("deep/c");
    int[] v = {0};
    for (String f : List.of("z.png", "B/4.PNG", "a/1.png", "a/b/2.png", "a b/3.Png", "y.png")) {
      int val = 10 * ++v[0];
      png(c.resolve(f), grey(1, 1, (x, y) -> val));
    }
    Files.write(c.resolve(".DS_Store"), new byte[] {0});
    Files.write(c.resolve("Thumbs.db"), new byte[] {0});
    Files.write(c.resolve("a/notes.txt"), new byte[] {0});
    png(c.resolve("._z.png"), grey(1, 1, (x, y) -> 1));
    png(c.resolve(".ipynb_checkpoints/9.png"), grey(1, 1, (x, y) -> 2));
    png(dir.resolve("deep/.hidden-class/x.png"), grey(1, 1, (x, y) -> 3));
    Files.write(dir.resolve("deep/README.md"), new byte[] {0});
    png(dir.resolve("deep/d/0.jpeg.png"), grey(1, 1, (x, y) -> 250));
    TestSourceContext ctx = TestSourceContext.in(dir);
    Split s = source.load(ctx, config("{root: deep, test_fraction: 0.01}"));
    assertEquals(List.of("c", "d"), s.classes());
    // c: y.png (60), z.png (10), then folders B (20), a (30), 'a b' (50), a/b (40): ' ' sorts before '/'
    assertArrayEquals(new float[] {60, 10, 20, 30, 50, 40, 250}, firstValues(s.train()));
    assertEquals("5", ctx.records().get("skipped")); // .DS_Store, Thumbs.db, a/notes.txt, ._z.png, README.md
    assertEquals("7", ctx.records().get("files"));
  }

  // a train/ without test/ (or the reverse) is an error in words; test_fraction with both is an error
  @Test
  void halfALayoutAndTestFractionWithFoldersAreErrors() throws IOException {
    png(dir.resolve("r/train/a/1.png"), grey(1, 1, (x, y) -> 0));
    InvalidConfig e = assertThrows(InvalidConfig.class, () -> source.load(TestSourceContext.in(dir), config("{root: r}")));
    assertEquals("root", e.field());
    assertEquals(dir.resolve("r/train") + " is a folder but " + dir.resolve("r/test") + " is not: a split image folder has both train/ and test/"
        + " (or, for a root of class folders split by test_fraction, rename the class folder 'train')", e.getMessage());
    png(dir.resolve("r/test/a/1.png"), grey(1, 1, (x, y) -> 0));
    e = assertThrows(InvalidConfig.class, () -> source.load(TestSourceContext.in(dir), config("{root: r, test_fraction: 0.3}")));
    assertEquals("test_fraction", e.field());
    assertTrue(e.getMessage().contains("has train/ and test/ folders"), e.getMessage());
    e = assertThrows(InvalidConfig.class, () -> source.shape(config("{root: r, test_fraction: 0.3, size: 3, mode: grey}"), TestSourceContext.in(dir)));
    assertEquals("test_fraction", e.field());
  }

  // train/ and test/ naming different classes: the folder without a counterpart is named
  // classes: numbers the class folders in the order a network was trained with, instead of sorted
  @Test
  void classesInLabelOrder() throws IOException {
    for (String c : List.of("apple", "banana", "cherry")) png(dir.resolve("r").resolve(c).resolve("1.png"), grey(1, 1, (x, y) -> (int) c.charAt(0)));
    Split sorted = source.load(TestSourceContext.in(dir), config("{root: r, test_fraction: 0.5}"));
    assertEquals(List.of("apple", "banana", "cherry"), sorted.classes(), "torchvision's order by default");
    Split mine = source.load(TestSourceContext.in(dir), config("{root: r, test_fraction: 0.5, classes: [cherry, apple, banana]}"));
    assertEquals(List.of("cherry", "apple", "banana"), mine.classes());
    for (int i = 0; i < mine.train().count(); i++) {
      String name = mine.classes().get(mine.train().label(i));
      assertEquals(name.charAt(0) / 255f, mine.train().pixels()[i], "image " + i + " is labelled with its folder");
    }
    InvalidConfig missing = assertThrows(InvalidConfig.class, () -> source.load(TestSourceContext.in(dir), config("{root: r, classes: [cherry, date, apple, banana]}")));
    assertEquals("classes.1", missing.field());
    assertTrue(missing.getMessage().contains("no class folder") && missing.getMessage().contains("date"), missing.getMessage());
    InvalidConfig unlisted = assertThrows(InvalidConfig.class, () -> source.load(TestSourceContext.in(dir), config("{root: r, classes: [cherry, apple]}")));
    assertEquals("classes", unlisted.field());
    assertTrue(unlisted.getMessage().contains("banana is not listed"), unlisted.getMessage());
  }

  @Test
  void trainAndTestMustNameTheSameClasses() throws IOException {
    for (String f : List.of("train/a/1.png", "train/b/1.png", "test/a/1.png", "test/c/1.png")) png(dir.resolve("r").resolve(f), grey(1, 1, (x, y) -> 0));
    InvalidConfig e = assertThrows(InvalidConfig.class, () -> source.load(TestSourceContext.in(dir), config("{root: r}")));
    assertEquals(dir.resolve("r/test/c") + " has no counterpart " + dir.resolve("r/train/c") + ": train/ and test/ must hold the same class folders", e.getMessage());
    png(dir.resolve("r/train/c/1.png"), grey(1, 1, (x, y) -> 0));
    e = assertThrows(InvalidConfig.class, () -> source.load(TestSourceContext.in(dir), config("{root: r}")));
    assertTrue(e.getMessage().startsWith(dir.resolve("r/train/b") + " has no counterpart "), e.getMessage());
  }

  // a class folder without an image (only other files) is an error naming it; so is a root without class folders
  @Test
  void emptyClassFolderAndEmptyRoot() throws IOException {
    png(dir.resolve("r/a/1.png"), grey(1, 1, (x, y) -> 0));
    Files.createDirectories(dir.resolve("r/b/sub"));
    Files.write(dir.resolve("r/b/sub/notes.txt"), new byte[] {1});
    InvalidConfig e = assertThrows(InvalidConfig.class, () -> source.load(TestSourceContext.in(dir), config("{root: r}")));
    assertEquals("root", e.field());
    assertEquals(dir.resolve("r/b") + " holds no .png, .jpg or .jpeg image (nor do its subfolders): remove the class folder or add its images", e.getMessage());
    Files.createDirectories(dir.resolve("empty"));
    Files.write(dir.resolve("empty/x.png"), new byte[] {1});
    e = assertThrows(InvalidConfig.class, () -> source.load(TestSourceContext.in(dir), config("{root: empty}")));
    assertTrue(e.getMessage().startsWith(dir.resolve("empty") + " holds no class folder"), e.getMessage());
  }

  // no root folder: load and shape name its absolute path; a file is not a folder
  @Test
  void missingRoot() throws IOException {
    for (boolean shape : new boolean[] {false, true}) {
      InvalidConfig e = assertThrows(InvalidConfig.class, () -> {
        if (shape) source.shape(config("{root: nowhere, size: 4, mode: grey}"), TestSourceContext.in(dir));
        else source.load(TestSourceContext.in(dir), config("{root: nowhere}"));
      });
      assertEquals("root", e.field());
      assertTrue(e.getMessage().startsWith("no folder " + dir.resolve("nowhere") + " ("), e.getMessage());
    }
    Files.write(dir.resolve("file"), new byte[] {1});
    InvalidConfig e = assertThrows(InvalidConfig.class, () -> source.load(TestSourceContext.in(dir), config("{root: file}")));
    assertTrue(e.getMessage().startsWith(dir.resolve("file") + " is a file, not a folder"), e.getMessage());
    assertEquals(Map.of(), source.files(config("{root: nowhere}")));
  }

  // ---- files ----

  // without size, an image of another size is named with its size and the expected one
  @Test
  void aMisSizedImageIsNamed() throws IOException {
    png(dir.resolve("r/a/1.png"), grey(4, 4, (x, y) -> 0));
    png(dir.resolve("r/a/2.png"), grey(4, 4, (x, y) -> 0));
    png(dir.resolve("r/b/1.png"), grey(5, 4, (x, y) -> 0));
    InvalidConfig e = assertThrows(InvalidConfig.class, () -> source.load(TestSourceContext.in(dir), config("{root: r}")));
    assertEquals("root", e.field());
    assertEquals(dir.resolve("r/b/1.png") + ": 5x4 pixels, but the first image (" + dir.resolve("r/a/1.png") + ") is 4x4: every image must have one size, or set size to resize them all", e.getMessage());
    // with size, it is resized like the others
    assertEquals(new ImageShape(1, 4, 4), source.load(TestSourceContext.in(dir), config("{root: r, size: 4}")).train().shape());
  }

  // a file that is not an image, a truncated PNG and an empty file are named, in one line
  @Test
  void undecodableFilesAreNamed() throws IOException {
    png(dir.resolve("r/a/1.png"), grey(4, 4, (x, y) -> 0));
    byte[] good = Files.readAllBytes(png(dir.resolve("r/b/1.png"), grey(4, 4, (x, y) -> x)));
    Map<String, byte[]> bad = Map.of("text", "hello, I am not a picture\n".getBytes(StandardCharsets.UTF_8), "truncated", Arrays.copyOf(good, 40), "empty", new byte[0]);
    for (Map.Entry<String, byte[]> b : bad.entrySet()) {
      Path f = dir.resolve("r/b/2.png");
      Files.write(f, b.getValue());
      InvalidConfig e = assertThrows(InvalidConfig.class, () -> source.load(TestSourceContext.in(dir), config("{root: r}")), b.getKey());
      assertEquals("root", e.field());
      assertTrue(e.getMessage().startsWith(f + ": not a PNG or JPEG image ImageIO can read ("), b.getKey() + ": " + e.getMessage());
      assertTrue(e.getMessage().endsWith(")"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
  }

  // 16-bit PNGs: v / 65535 (grey); 16-bit colour to grey uses the same luma on 16-bit samples
  @Test
  void sixteenBitPngs() throws IOException {
    BufferedImage g16 = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
    g16.getRaster().setPixels(0, 0, 3, 1, new int[] {0, 1000, 65535});
    png(dir.resolve("g/a/1.png"), g16);
    Split s = source.load(TestSourceContext.in(dir), config("{root: g, test_fraction: 0.4}"));
    assertArrayEquals(new float[] {0, 1000 / 65535f, 1f}, s.train().pixels());
    assertNotEquals(Math.round(1000 / 257f) / 255f, 1000 / 65535f, "not cut to 8 bits");

    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {16, 16, 16}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    BufferedImage c16 = new BufferedImage(cm, cm.createCompatibleWritableRaster(2, 1), false, null);
    c16.getRaster().setPixels(0, 0, 2, 1, new int[] {65535, 0, 300, 1234, 40000, 65535});
    png(dir.resolve("c/a/1.png"), c16);
    Split rgb = source.load(TestSourceContext.in(dir), config("{root: c, test_fraction: 0.4}"));
    assertEquals(3, rgb.train().channels());
    assertArrayEquals(new float[] {1f, 1234 / 65535f, 0, 40000 / 65535f, 300 / 65535f, 1f}, rgb.train().pixels());
    Split grey = source.load(TestSourceContext.in(dir), config("{root: c, test_fraction: 0.4, mode: grey}"));
    long l0 = (65535L * 19595 + 0 * 38470 + 300L * 7471 + 32768) >> 16;
    long l1 = (1234L * 19595 + 40000L * 38470 + 65535L * 7471 + 32768) >> 16;
    assertArrayEquals(new float[] {l0 / 65535f, l1 / 65535f}, grey.train().pixels());
  }

  // palette PNGs: each index through its palette entry; a palette with colour is rgb in auto mode, an all-grey palette grey
  @Test
  void palettePngs() throws IOException {
    byte[] r = {(byte) 255, 0, 10, (byte) 200};
    byte[] g = {0, (byte) 255, 20, (byte) 200};
    byte[] b = {0, 0, 30, (byte) 200};
    BufferedImage p = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(2, 4, r, g, b));
    p.getRaster().setPixels(0, 0, 4, 1, new int[] {3, 0, 1, 2});
    png(dir.resolve("p/a/1.png"), p);
    Split s = source.load(TestSourceContext.in(dir), config("{root: p, test_fraction: 0.4}"));
    assertEquals(3, s.train().channels());
    assertArrayEquals(new float[] {200 / 255f, 1, 0, 10 / 255f, 200 / 255f, 0, 1, 20 / 255f, 200 / 255f, 0, 0, 30 / 255f}, s.train().pixels());
    Split grey = source.load(TestSourceContext.in(dir), config("{root: p, test_fraction: 0.4, mode: grey}"));
    assertArrayEquals(new float[] {200 / 255f, 76 / 255f, pilLuma(0, 255, 0) / 255f, pilLuma(10, 20, 30) / 255f}, grey.train().pixels());
    assertEquals(150, pilLuma(0, 255, 0));
    // an all-grey palette (as 2-bit grey PNGs decode): grey in auto mode
    byte[] ramp = {0, 85, (byte) 170, (byte) 255};
    BufferedImage q = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(2, 4, ramp, ramp, ramp));
    q.getRaster().setPixels(0, 0, 4, 1, new int[] {0, 1, 2, 3});
    png(dir.resolve("q/a/1.png"), q);
    Split gq = source.load(TestSourceContext.in(dir), config("{root: q, test_fraction: 0.4}"));
    assertEquals(1, gq.train().channels());
    assertArrayEquals(new float[] {0, 85 / 255f, 170 / 255f, 1}, gq.train().pixels());
  }

  // alpha is dropped: the colour components as they are, not composited on any background
  @Test
  void alphaIsDropped() throws IOException {
    BufferedImage a = new BufferedImage(2, 1, BufferedImage.TYPE_4BYTE_ABGR);
    a.getRaster().setPixels(0, 0, 2, 1, new int[] {10, 20, 30, 0, 200, 100, 50, 128});
    png(dir.resolve("a/x/1.png"), a);
    Split s = source.load(TestSourceContext.in(dir), config("{root: a, test_fraction: 0.4}"));
    assertArrayEquals(new float[] {10 / 255f, 200 / 255f, 20 / 255f, 100 / 255f, 30 / 255f, 50 / 255f}, s.train().pixels());
  }

  static Path jpeg(Path f, BufferedImage img) throws IOException {
    Files.createDirectories(f.getParent());
    ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = w.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(1.0f);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
      w.setOutput(out);
      w.write(null, new IIOImage(img, null, null), param);
    }
    w.dispose();
    return f;
  }

  // JPEG is lossy: a smooth image at quality 1.0 decodes close to what was written
  @Test
  void jpegDecodesApproximately() throws IOException {
    BufferedImage img = rgb(16, 16, (x, y) -> new int[] {40 + 8 * x, 30 + 10 * y, 120 + 4 * x + 3 * y});
    jpeg(dir.resolve("j/a/1.jpg"), img);
    png(dir.resolve("j/a/2.png"), img);
    Split s = source.load(TestSourceContext.in(dir), config("{root: j, test_fraction: 0.4}"));
    assertEquals(3, s.train().channels());
    float[] px = s.train().pixels(); // 1.jpg first, then 2.png (the test image)
    float[] exact = s.test().pixels();
    double worst = 0;
    for (int i = 0; i < 768; i++) worst = Math.max(worst, Math.abs(px[i] - exact[i]));
    assertTrue(worst <= 6 / 255.0, "JPEG within 6 levels of the pixels written, worst " + worst * 255);
  }

  // an embedded ICC profile is ignored, as PIL ignores it (Java would convert from it to sRGB): the same JPEG with a
  // linear-RGB profile spliced in after SOI decodes to the same values
  @Test
  void anIccProfileInAJpegIsIgnored() throws IOException {
    byte[] plain = Files.readAllBytes(jpeg(dir.resolve("icc/a/1.jpg"), rgb(16, 16, (x, y) -> new int[] {20 + 9 * x, 60 + 5 * y, 200 - 7 * x})));
    byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    byte[] tag = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    int length = 2 + tag.length + 2 + profile.length;
    ByteBuffer withIcc = ByteBuffer.allocate(plain.length + 2 + length);
    withIcc.put(plain, 0, 2).put((byte) 0xff).put((byte) 0xe2).putShort((short) length).put(tag).put((byte) 1).put((byte) 1).put(profile).put(plain, 2, plain.length - 2);
    Files.write(dir.resolve("icc/a/2.jpg"), withIcc.array());
    Split s = source.load(TestSourceContext.in(dir), config("{root: icc, test_fraction: 0.4}"));
    assertArrayEquals(s.train().pixels(), s.test().pixels());
  }

  // ---- resizing ----

  // a constant image stays constant whether an axis shrinks or grows
  @Test
  void aConstantImageStaysConstant() throws IOException {
    png(dir.resolve("k/a/1.png"), rgb(5, 7, (x, y) -> new int[] {153, 0, 255}));
    for (String size : List.of("[3, 11]", "[9, 2]", "2", "[5, 7]", "40")) {
      Split s = source.load(TestSourceContext.in(dir), config("{root: k, test_fraction: 0.4, size: " + size + "}"));
      float[] px = s.train().pixels();
      int plane = s.train().width() * s.train().height();
      for (int i = 0; i < plane; i++) {
        assertEquals(153 / 255f, px[i], size);
        assertEquals(0f, px[plane + i], size);
        assertEquals(1f, px[2 * plane + i], size);
      }
    }
  }

  // a 2x2 checkerboard enlarged to 4x4: bilinear with half-pixel centres samples at -0.25 (edge), 0.25, 0.75, 1.25 (edge)
  @Test
  void aCheckerboardEnlargedIsBilinear() throws IOException {
    png(dir.resolve("cb/a/1.png"), grey(2, 2, (x, y) -> x == y ? 255 : 0));
    TestSourceContext ctx = TestSourceContext.in(dir);
    Split s = source.load(ctx, config("{root: cb, test_fraction: 0.4, size: 4}"));
    // along an axis [1, 0] -> [1, 0.75, 0.25, 0]; the rows mix the same way
    float[] expected = {
        1f, .75f, .25f, 0f,
        .75f, .625f, .375f, .25f,
        .25f, .375f, .625f, .75f,
        0f, .25f, .75f, 1f};
    assertArrayEquals(expected, s.train().pixels());
    assertEquals("4x4 (resized)", ctx.records().get("size"));
  }

  // shrinking averages areas: 4 -> 2 the mean of pairs, 3 -> 2 weights 2/3, 1/3 and 1/3, 2/3
  @Test
  void shrinkingAveragesAreas() throws IOException {
    png(dir.resolve("s4/a/1.png"), grey(4, 1, (x, y) -> new int[] {0, 100, 200, 255}[x]));
    Split s = source.load(TestSourceContext.in(dir), config("{root: s4, test_fraction: 0.4, size: [2, 1]}"));
    assertArrayEquals(new float[] {(0 + 100) / 255f / 2, (200 + 255) / 255f / 2}, s.train().pixels(), 1e-6f);
    png(dir.resolve("s3/a/1.png"), grey(3, 1, (x, y) -> new int[] {30, 90, 150}[x]));
    s = source.load(TestSourceContext.in(dir), config("{root: s3, test_fraction: 0.4, size: [2, 1]}"));
    assertArrayEquals(new float[] {(30 * 2 / 3f + 90 / 3f) / 255f, (90 / 3f + 150 * 2 / 3f) / 255f}, s.train().pixels(), 1e-6f);
  }

  // ---- determinism and provenance ----

  // two loads give the same data checksum and sha256; sha256 is the recipe in ImageFolderConfig's Javadoc, computed here by hand
  @Test
  void deterministicWithTheDocumentedSha256() throws IOException, NoSuchAlgorithmException {
    Path root = colourSet();
    Files.write(root.resolve("train/.DS_Store"), new byte[] {9});
    TestSourceContext a = TestSourceContext.in(dir);
    TestSourceContext b = TestSourceContext.in(dir);
    Split s1 = source.load(a, config("{root: shapes}"));
    Split s2 = source.load(b, config("{root: shapes}"));
    assertEquals(s1.checksum(), s2.checksum());
    assertEquals(a.records(), b.records());
    assertEquals("1", a.records().get("skipped"));
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    List<String> paths = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(p -> p.toString().endsWith(".png")).forEach(p -> paths.add(root.relativize(p).toString().replace('\\', '/')));
    }
    paths.sort(null); // ASCII names: String order is code point order
    assertEquals("test/circle/img4.png", paths.get(0));
    for (String p : paths) {
      byte[] bytes = Files.readAllBytes(root.resolve(p));
      md.update(p.getBytes(StandardCharsets.UTF_8));
      md.update(new byte[] {0});
      md.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
      md.update(bytes);
    }
    assertEquals(HexFormat.of().formatHex(md.digest()), a.records().get("sha256"));
    // one changed byte of one file changes it
    png(root.resolve("test/square/img5.png"), rgb(16, 16, (x, y) -> shapePixel(1, 5, x, y == 0 && x == 0 ? 1 : y)));
    TestSourceContext c = TestSourceContext.in(dir);
    source.load(c, config("{root: shapes}"));
    assertNotEquals(a.records().get("sha256"), c.records().get("sha256"));
  }

  // progress: one phase "images" of as many steps as files, advanced once per file, closed
  @Test
  void progressCountsFiles() throws IOException {
    colourSet();
    TestSourceContext inner = TestSourceContext.in(dir);
    List<String> calls = new ArrayList<>();
    long[] done = {0};
    SourceContext ctx = new SourceContext() {
      @Override public Path cacheDir() { return inner.cacheDir(); }
      @Override public Path resolve(String path) { return inner.resolve(path); }
      @Override public void record(String key, String value) { inner.record(key, value); }
      @Override public Progress progress(String phase, long total) {
        calls.add(phase + " " + total);
        return new Progress() {
          @Override public void done(long steps) { done[0] = steps; }
          @Override public void advance(long steps) { done[0] += steps; }
          @Override public void value(String name, double value) {}
          @Override public void close() { calls.add("closed at " + done[0]); }
        };
      }
    };
    source.load(ctx, config("{root: shapes}"));
    assertEquals(List.of("images 18", "closed at 18"), calls);
  }

  // symbolic links are followed (a linked class folder, a linked subfolder); a link back to an enclosing folder is an error
  @Test
  void symbolicLinks() throws IOException {
    png(dir.resolve("elsewhere/x.png"), grey(1, 1, (x, y) -> 7));
    png(dir.resolve("r/a/1.png"), grey(1, 1, (x, y) -> 1));
    png(dir.resolve("r/b/1.png"), grey(1, 1, (x, y) -> 2));
    try {
      Files.createSymbolicLink(dir.resolve("r/c"), dir.resolve("elsewhere"));
      Files.createSymbolicLink(dir.resolve("r/a/sub"), dir.resolve("elsewhere"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "no symbolic links here: " + e);
    }
    Split s = source.load(TestSourceContext.in(dir), config("{root: r, test_fraction: 0.01}"));
    assertEquals(List.of("a", "b", "c"), s.classes());
    assertArrayEquals(new float[] {1, 7, 2, 7}, firstValues(s.train()));
    Files.createSymbolicLink(dir.resolve("r/b/loop"), dir.resolve("r/b"));
    InvalidConfig e = assertThrows(InvalidConfig.class, () -> source.load(TestSourceContext.in(dir), config("{root: r}")));
    assertTrue(e.getMessage().startsWith(dir.resolve("r/b/loop") + " is a symbolic link back to "), e.getMessage());
  }

  // ---- config ----

  @Test
  void configDefaultsAndChecks() throws IOException {
    ImageFolderConfig d = config("{root: data/My Shapes!}");
    assertEquals(ImageFolderConfig.Mode.AUTO, d.mode());
    assertEquals(0.2, d.testFractionOrDefault());
    assertEquals(null, d.size());
    assertEquals("My-Shapes-", d.name());
    assertEquals("cifar10", config("{root: ./data/cifar10/}").name());
    assertEquals(List.of(32, 32), config("{root: r, size: 32}").size());
    assertEquals(List.of(32, 24), config("{root: r, size: [32, 24]}").size());
    assertEquals("Mine", config("{root: r, name: Mine}").name());
    assertEquals(ImageFolderConfig.Mode.GREY, config("{root: r, mode: grey}").mode());
    Map<String, String> bad = new TreeMap<>(Map.of(
        "{root: r, size: [0, 3]}", "size.0",
        "{root: r, size: [1, 2, 3]}", "size",
        "{root: r, size: 0}", "size",
        "{root: r, test_fraction: 1.5}", "test_fraction",
        "{root: r, test_fraction: 0.0}", "test_fraction",
        "{root: r, name: ''}", "name",
        "{root: ' '}", "root",
        "{root: .}", "root",
        "{root: data/..}", "root"));
    for (Map.Entry<String, String> b : bad.entrySet()) {
      ValueInstantiationException e = assertThrows(ValueInstantiationException.class, () -> config(b.getKey()), b.getKey());
      assertEquals(b.getValue(), assertInstanceOf(InvalidConfig.class, e.getCause()).field(), b.getKey());
    }
    assertThrows(InvalidFormatException.class, () -> config("{root: r, mode: colour}"));
    assertThrows(UnrecognizedPropertyException.class, () -> config("{root: r, train_limit: 5}"));
    assertThrows(MismatchedInputException.class, () -> config("{mode: rgb}"));
  }

  // the module contributes the source under its name
  @Test
  void registered() {
    assertInstanceOf(ImageFolderSource.class, PluginRegistry.of(List.of(new ImageFolderModule())).sources().get("image-folder"));
  }
}
