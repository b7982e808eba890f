package org.invariance.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image folders written from images whose every value is known, read back with ImageIO. */
class ImageFolderWriterTest {
  @TempDir Path dir;

  /** n grey 3x2 images; value p of image i is ((11 i + 37 p) mod 256) / 255. */
  static Images grey(int n, byte[] labels, List<String> classes) {
    float[] px = new float[n * 6];
    for (int i = 0; i < n; i++) for (int p = 0; p < 6; p++) px[i * 6 + p] = ((11 * i + 37 * p) % 256) / 255f;
    return new Images("G", 3, 2, px, labels, classes);
  }

  static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  // grey: train/<class>/<index>.png with the index padded per half; every sample read back is the byte written
  @Test
  void greyImagesComeBackByteForByte() throws IOException {
    Images train = grey(12, new byte[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2}, List.of("zero", "one", "two"));
    Images test = grey(3, new byte[] {2, 1, 0}, List.of("zero", "one", "two"));
    AtomicLong told = new AtomicLong();
    int n = ImageFolderWriter.write(new Split(train, test), dir, told::addAndGet);
    assertEquals(15, n);
    assertEquals(15, told.get());
    List<Path> files = files(dir);
    assertEquals(15, files.size());
    assertTrue(files.contains(dir.resolve("train/one/04.png")), files.toString());
    assertTrue(files.contains(dir.resolve("train/zero/00.png")), files.toString());
    assertTrue(files.contains(dir.resolve("test/two/0.png")), files.toString());
    assertTrue(files.contains(dir.resolve("test/zero/2.png")), files.toString());
    for (int i = 0; i < 12; i++) {
      BufferedImage img = ImageIO.read(dir.resolve("train").resolve(train.classes().get(train.label(i))).resolve(String.format("%02d.png", i)).toFile());
      assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
      assertEquals(3, img.getWidth());
      assertEquals(2, img.getHeight());
      int[] samples = img.getRaster().getSamples(0, 0, 3, 2, 0, (int[]) null);
      for (int p = 0; p < 6; p++) assertEquals((11 * i + 37 * p) % 256, samples[p], "image " + i + " pixel " + p);
    }
  }

  // rgb: the three planes become the red, green and blue samples of each pixel
  @Test
  void rgbPlanesBecomeRedGreenBlue() throws IOException {
    // 2 images of 2x2; value of channel c, pixel p, image i: (60 c + 20 p + 5 i) / 255
    float[] px = new float[2 * 3 * 4];
    for (int i = 0; i < 2; i++) for (int c = 0; c < 3; c++) for (int p = 0; p < 4; p++) px[i * 12 + c * 4 + p] = (60 * c + 20 * p + 5 * i) / 255f;
    Images im = new Images("C", 2, 2, 3, px, new byte[] {0, 1}, List.of("a", "b"));
    assertEquals(2, ImageFolderWriter.write(im, dir.resolve("all"), n -> {}));
    for (int i = 0; i < 2; i++) {
      BufferedImage img = ImageIO.read(dir.resolve("all").resolve(i == 0 ? "a" : "b").resolve(i + ".png").toFile());
      for (int p = 0; p < 4; p++) {
        int[] rgb = img.getRaster().getPixel(p % 2, p / 2, (int[]) null);
        assertArrayEquals(new int[] {20 * p + 5 * i, 60 + 20 * p + 5 * i, 120 + 20 * p + 5 * i}, rgb, "image " + i + " pixel " + p);
      }
    }
  }

  // values round to the nearest byte and clamp: 127.5/255 -> 128, 127.49/255 -> 127, below 0 -> 0, above 1 -> 255, NaN -> 0
  @Test
  void valuesRoundToTheNearestByteAndClamp() throws IOException {
    assertEquals(128, ImageFolderWriter.toByte(127.5f / 255f));
    assertEquals(127, ImageFolderWriter.toByte(127.49f / 255f));
    assertEquals(0, ImageFolderWriter.toByte(-0.3f));
    assertEquals(255, ImageFolderWriter.toByte(1.7f));
    assertEquals(0, ImageFolderWriter.toByte(Float.NaN));
    for (int k = 0; k < 256; k++) assertEquals(k, ImageFolderWriter.toByte(k / 255f), "k=" + k);
    Images im = new Images("R", 4, 1, new float[] {-0.3f, 127.5f / 255f, 1.7f, 0.2f}, new byte[] {0}, List.of("x"));
    ImageFolderWriter.write(im, dir.resolve("r"), n -> {});
    int[] s = ImageIO.read(dir.resolve("r/x/0.png").toFile()).getRaster().getSamples(0, 0, 4, 1, 0, (int[]) null);
    assertArrayEquals(new int[] {0, 128, 255, 51}, s); // 0.2 * 255 = 51
  }

  // folder names: characters a file system refuses become '_', a leading dot too; '.', '..' and '' are refused
  @Test
  void classNamesBecomeSafeFolderNames() {
    assertEquals("T-shirt_top", ImageFolderWriter.folderName("T-shirt/top"));
    assertEquals("a_b_c_d_e_f_g_h_i_j", ImageFolderWriter.folderName("a/b\\c:d*e?f\"g<h>i|j"));
    assertEquals("tab_new_line_del_", ImageFolderWriter.folderName("tab\tnew\nline\u0001del\u007f"));
    assertEquals("_hidden", ImageFolderWriter.folderName(".hidden"));
    assertEquals("Ankle boot", ImageFolderWriter.folderName("Ankle boot"));
    assertEquals("a.b", ImageFolderWriter.folderName("a.b"));
    assertEquals("Straße", ImageFolderWriter.folderName("Straße"));
    for (String bad : new String[] {".", "..", ""}) assertThrows(IllegalArgumentException.class, () -> ImageFolderWriter.folderName(bad), bad);
    assertEquals(List.of("T-shirt_top", "Trouser"), ImageFolderWriter.folderNames(List.of("T-shirt/top", "Trouser")));
  }

  // two classes that land in one folder (also one differing only in case) are refused, and nothing is written
  @Test
  void classesSharingAFolderAreRefused() {
    for (List<String> classes : List.of(List.of("a/b", "a:b"), List.of("Cat", "cat"))) {
      Images im = new Images("X", 1, 1, new float[] {0, 1}, new byte[] {0, 1}, classes);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFolderWriter.write(new Split(im, im), dir.resolve("x")));
      assertTrue(e.getMessage().contains("'" + classes.get(0) + "' and '" + classes.get(1) + "'"), e.getMessage());
      assertFalse(Files.exists(dir.resolve("x")), "nothing written");
    }
  }

  // a class without an image in a half cannot be an image folder: refused before anything is written
  @Test
  void anEmptyClassIsRefused() {
    Images train = grey(2, new byte[] {0, 1}, List.of("a", "b"));
    Images test = grey(1, new byte[] {0}, List.of("a", "b"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFolderWriter.write(new Split(train, test), dir.resolve("x")));
    assertTrue(e.getMessage().contains("'b' has no test image"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("x")));
  }

  // an earlier export is never mixed with a new one; no temporary file is left behind
  @Test
  void anExistingFolderIsRefusedAndNoTemporaryFileIsLeft() throws IOException {
    Images im = grey(4, new byte[] {0, 1, 0, 1}, List.of("a", "b"));
    ImageFolderWriter.write(new Split(im, im), dir);
    assertTrue(files(dir).stream().allMatch(f -> f.toString().endsWith(".png")), files(dir).toString());
    FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> ImageFolderWriter.write(new Split(im, im), dir));
    assertTrue(e.getMessage().contains(dir.resolve("train").toString()), e.getMessage());
    assertEquals(8, files(dir).size());
  }

  // four channels have no 8-bit PNG colour type here
  @Test
  void onlyGreyOrRgb() {
    Images im = new Images("X", 1, 1, 2, new float[] {0, 1}, new byte[] {0}, List.of("a"));
    assertThrows(IllegalArgumentException.class, () -> ImageFolderWriter.write(im, dir.resolve("y"), n -> {}));
  }
}
