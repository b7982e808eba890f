package org.invariance.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.invariance.data.IdxFormatException;
import org.invariance.data.IdxReader;
import org.invariance.data.Images;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IDX reader on any bytes, raw or gzip (inputs starting 1f 8b): an array whose data matches its
 * dimensions, or one {@link IdxFormatException} naming a byte offset, in one line. When the input
 * holds more than the first IDX file's header declares, the rest is read as a labels file and the
 * pair as digits ({@link IdxReader#digits}). Seeds: {@code IdxReaderFuzzTestInputs/readIdx/}.
 */
class IdxReaderFuzzTest {
  @TempDir Path dir;

  @FuzzTest(maxDuration = "30s")
  void readIdx(byte[] input) throws IOException {
    Path file = dir.resolve("data.idx");
    Files.write(file, input);
    boolean gzip = input.length >= 2 && (input[0] & 0xff) == 0x1f && (input[1] & 0xff) == 0x8b;
    read(file, input.length, gzip);
    long split = declaredLength(input);
    if (split > 0 && split < input.length) {
      Path images = dir.resolve("images.idx");
      Path labels = dir.resolve("labels.idx");
      Files.write(images, Arrays.copyOf(input, (int) split));
      Files.write(labels, Arrays.copyOfRange(input, (int) split, input.length));
      try {
        Images d = IdxReader.digits("FUZZ", images, labels);
        assertEquals(d.count(), d.labels().length);
        assertEquals((long) d.count() * d.width() * d.height(), d.pixels().length);
      } catch (IdxFormatException e) {
        Contract.plainOneLine(e, "");
      }
    }
  }

  private static void read(Path file, int length, boolean gzip) throws IOException {
    try {
      IdxReader.IdxArray a = IdxReader.read(file);
      long n = 1;
      for (int d : a.dims()) {
        assertTrue(d > 0, "dimensions are positive: " + Arrays.toString(a.dims()));
        n *= d;
      }
      assertEquals(n, a.data().length, "the data is as long as the dimensions say");
    } catch (IdxFormatException e) {
      Contract.plainOneLine(e, "");
      assertTrue(e.getMessage().startsWith(file + ": byte " + e.offset() + ": "), e.getMessage());
      assertTrue(e.offset() >= 0, e.getMessage());
      // gzip offsets count decompressed bytes
      if (!gzip) assertTrue(e.offset() <= length, "an offset within the file: " + e.getMessage());
    }
  }

  /** The length of a raw IDX file as its header declares it, or -1 (no complete raw header). */
  private static long declaredLength(byte[] b) {
    if (b.length < 4 || b[0] != 0 || b[1] != 0) return -1;
    int rank = b[3] & 0xff;
    if (rank < 1 || rank > 4 || b.length < 4 + 4 * rank) return -1;
    long n = 1;
    for (int i = 0; i < rank; i++) {
      int at = 4 + 4 * i;
      long d = ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
      n *= d;
      if (n > Integer.MAX_VALUE) return -1;
    }
    return 4 + 4L * rank + n;
  }
}
