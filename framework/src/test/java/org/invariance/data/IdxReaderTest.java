package org.invariance.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.invariance.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readsImagesAndLabelsRawAndGzip(boolean gzip) throws IOException {
    byte[] px = new byte[3 * 2 * 4];
    for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 10);
    TestData.write(dir.resolve("im"), TestData.idx(new int[] {3, 2, 4}, px), gzip);
    TestData.write(dir.resolve("lb"), TestData.idx(new int[] {3}, new byte[] {7, 0, 9}), gzip);
    Images d = IdxReader.digits("T", dir.resolve("im"), dir.resolve("lb"));
    assertEquals(3, d.count());
    assertEquals(4, d.width(), "columns are the width");
    assertEquals(2, d.height());
    assertArrayEquals(new byte[] {7, 0, 9}, d.labels());
    assertEquals(230 / 255f, d.pixels()[23], 1e-7);
    assertEquals(0f, d.pixels()[0]);
  }

  @Test
  void badMagicIsAtByteZero() throws IOException {
    Files.write(dir.resolve("x"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(dir.resolve("x")));
    assertEquals(0, e.offset());
    assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
  }

  @Test
  void unsupportedTypeIsAtByteTwo() throws IOException {
    byte[] b = TestData.idx(new int[] {1}, new byte[] {1});
    b[2] = 0x0D;
    Files.write(dir.resolve("x"), b);
    assertEquals(2, assertThrows(IdxFormatException.class, () -> IdxReader.read(dir.resolve("x"))).offset());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void truncatedDataNamesWhereItEnds(boolean gzip) throws IOException {
    byte[] full = TestData.idx(new int[] {2, 28, 28}, new byte[2 * 784]);
    TestData.write(dir.resolve("x"), Arrays.copyOf(full, full.length - 100), gzip);
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(dir.resolve("x")));
    assertEquals(full.length - 100, e.offset());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aHeaderClaimingGigabytesIsRejectedWithoutAllocatingThem(boolean gzip) throws IOException {
    // 60000 x 28 x 28 x 2 = 94 MB claimed by a 40-byte file; and 2^31-sized claims are refused outright
    ByteBuffer b = ByteBuffer.allocate(4 + 16 + 20);
    b.put(new byte[] {0, 0, 8, 4}).putInt(60000).putInt(28).putInt(28).putInt(2);
    TestData.write(dir.resolve("x"), b.array(), gzip);
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(dir.resolve("x")));
    assertEquals(40, e.offset(), "where the data really ends");
    ByteBuffer huge = ByteBuffer.allocate(16);
    huge.put(new byte[] {0, 0, 8, 3}).putInt(Integer.MAX_VALUE).putInt(28).putInt(28);
    TestData.write(dir.resolve("y"), huge.array(), gzip);
    IdxFormatException h = assertThrows(IdxFormatException.class, () -> IdxReader.read(dir.resolve("y")));
    assertTrue(h.getMessage().contains("2^31"), h.getMessage());
    assertEquals(4, h.offset(), "the dimension that overflows");
  }

  @Test
  void aFileLargerThanTheHeapCanHoldIsRefusedAtItsHeaderNotByAnOutOfMemoryError() throws IOException {
    // 4 images of 28 x 28 = 3,136 data bytes, read through gzip (whose decompressed length is unknown up front)
    byte[] file = TestData.idx(new int[] {4, 28, 28}, new byte[4 * 784]);
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(dir.resolve("x.gz"), new ByteArrayInputStream(file), -1, 3135));
    assertEquals(4, e.offset(), "the header's sizes");
    assertTrue(e.getMessage().contains("3136 bytes of data, more than this JVM's heap (6270 bytes) can read"), e.getMessage());
    assertTrue(e.getMessage().contains("-Xmx"), "says what to do: " + e.getMessage());
    assertEquals(4 * 784, IdxReader.read(dir.resolve("x.gz"), new ByteArrayInputStream(file), -1, 3136).data().length, "exactly the bound is read");
  }

  @Test
  void trailingBytesAreReported() throws IOException {
    byte[] full = TestData.idx(new int[] {2}, new byte[] {1, 2});
    Files.write(dir.resolve("x"), Arrays.copyOf(full, full.length + 3));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(dir.resolve("x")));
    assertEquals(full.length, e.offset());
  }

  @Test
  void zeroDimensionAndMismatchedCounts() throws IOException {
    TestData.write(dir.resolve("z"), TestData.idx(new int[] {0, 28}, new byte[0]), false);
    assertEquals(4, assertThrows(IdxFormatException.class, () -> IdxReader.read(dir.resolve("z"))).offset());
    TestData.write(dir.resolve("im"), TestData.idx(new int[] {2, 2, 2}, new byte[8]), false);
    TestData.write(dir.resolve("lb"), TestData.idx(new int[] {3}, new byte[3]), false);
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.digits("T", dir.resolve("im"), dir.resolve("lb")));
    assertTrue(e.getMessage().contains("3 labels but im holds 2 images"), e.getMessage());
  }

  @Test
  void labelOutsideTheClassesIsAtItsByte() throws IOException {
    TestData.write(dir.resolve("im"), TestData.idx(new int[] {3, 1, 1}, new byte[3]), false);
    TestData.write(dir.resolve("lb"), TestData.idx(new int[] {3}, new byte[] {1, 12, 3}), false);
    assertEquals(9, assertThrows(IdxFormatException.class, () -> IdxReader.digits("T", dir.resolve("im"), dir.resolve("lb"))).offset());
  }

  /** Found by fuzzing: a damaged gzip stream escaped as java.util.zip's own exceptions, with no file or offset. */
  @Test
  void damagedGzipDataIsAnIdxErrorAtTheDecompressedOffset() throws IOException {
    byte[] full = TestData.idx(new int[] {2, 28, 28}, new byte[2 * 784]);
    TestData.write(dir.resolve("x.gz"), full, true);
    byte[] gz = Files.readAllBytes(dir.resolve("x.gz"));

    // cut short: the offset is where the decompressed bytes stop
    Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length - 12));
    IdxFormatException cut = assertThrows(IdxFormatException.class, () -> IdxReader.read(dir.resolve("cut.gz")));
    assertTrue(cut.getMessage().startsWith(dir.resolve("cut.gz") + ": byte " + cut.offset() + ": the gzip data ends early"), cut.getMessage());
    assertTrue(cut.offset() >= 0 && cut.offset() <= full.length, cut.getMessage());

    // a wrong checksum in the trailer: found after the last data byte
    byte[] crc = gz.clone();
    crc[crc.length - 8] ^= 0x01;
    Files.write(dir.resolve("crc.gz"), crc);
    IdxFormatException bad = assertThrows(IdxFormatException.class, () -> IdxReader.read(dir.resolve("crc.gz")));
    assertEquals(dir.resolve("crc.gz") + ": byte " + full.length + ": the gzip data is damaged (corrupt GZIP trailer)", bad.getMessage());

    // gzip's magic, then an unknown compression method
    Files.write(dir.resolve("head.gz"), new byte[] {0x1f, (byte) 0x8b, 7, 0, 0, 0, 0, 0, 0, 0});
    IdxFormatException head = assertThrows(IdxFormatException.class, () -> IdxReader.read(dir.resolve("head.gz")));
    assertEquals(0, head.offset());
    assertTrue(head.getMessage().contains("gzip header is damaged"), head.getMessage());
  }

  /** Debian's dataset-fashion-mnist (installed by .ci/run): the real thing, gzip IDX. */
  @Test
  void readsDebiansFashionMnist() throws IOException {
    Path base = Path.of("/usr/share/datasets/fashion-mnist");
    Path images = base.resolve("t10k-images-idx3-ubyte.gz");
    Path labels = base.resolve("t10k-labels-idx1-ubyte.gz");
    assumeTrue(Files.isRegularFile(images) && Files.isRegularFile(labels), "dataset-fashion-mnist is not installed");
    Images d = IdxReader.digits("FashionMNIST", images, labels);
    assertEquals(10000, d.count());
    assertEquals(28, d.width());
    int[] perClass = new int[10];
    for (byte l : d.labels()) perClass[l]++;
    for (int c = 0; c < 10; c++) assertEquals(1000, perClass[c], "Fashion-MNIST's test set has 1000 images per class");
    float max = 0;
    for (float p : d.pixels()) max = Math.max(max, p);
    assertEquals(1f, max);
  }
}
