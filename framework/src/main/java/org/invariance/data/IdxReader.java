package org.invariance.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (LeCun's MNIST format, also Fashion-MNIST), raw or gzip-compressed. Only unsigned
 * bytes (type 0x08) are supported, which is what both datasets use. Every size claimed by the
 * header is checked against the bytes that really arrive before anything large is allocated, so a
 * bad file gives an {@link IdxFormatException} with a byte offset, never an OutOfMemoryError. For
 * gzip files the offsets count decompressed bytes (damaged gzip data too: the offset is where the
 * decompressed bytes stop).
 */
public final class IdxReader {
  /** The content of an IDX file: its dimensions and unsigned byte data. */
  public record IdxArray(int[] dims, byte[] data) {
    public int dim(int i) {
      return dims[i];
    }
  }

  private static final int MAX_RANK = 4;

  private IdxReader() {}

  public static IdxArray read(Path file) throws IOException {
    boolean gzip;
    try (InputStream probe = Files.newInputStream(file)) {
      gzip = probe.read() == 0x1f && probe.read() == 0x8b;
    }
    long rawSize = Files.size(file);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      if (!gzip) return read(file, in, rawSize);
      InputStream unzipped;
      try {
        unzipped = new GZIPInputStream(in, 1 << 16);
      } catch (ZipException | EOFException e) {
        throw new IdxFormatException(file, 0, "starts like a gzip file (1f 8b) but its gzip header is damaged or cut short");
      }
      Counting counted = new Counting(unzipped);
      try {
        return read(file, counted, -1);
      } catch (IdxFormatException e) {
        throw e;
      } catch (EOFException e) {
        // offsets in a gzip file count decompressed bytes: the damage comes after the last byte that arrived
        throw new IdxFormatException(file, counted.count, "the gzip data ends early (the compressed file is cut short)");
      } catch (ZipException e) {
        throw new IdxFormatException(file, counted.count, "the gzip data is damaged (" + plain(e.getMessage()) + ")");
      }
    }
  }

  /** zlib's own words ("invalid distance too far back", "Corrupt GZIP trailer"), lower-cased, on one line. */
  private static String plain(String zlib) {
    if (zlib == null || zlib.isBlank()) return "unreadable compressed data";
    String s = zlib.strip().replaceAll("[\\p{Cntrl}]", " ");
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  /** Counts the bytes read through it, so an error in the gzip layer can name its decompressed offset. */
  private static final class Counting extends FilterInputStream {
    long count;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) count++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) count += n;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long k = super.skip(n);
      count += k;
      return k;
    }
  }

  /**
   * The most data bytes one file may hold: half the heap, since reading a stream of unknown length
   * holds its chunks and the array they become at once. A gzip file can decompress to far more than
   * its size, so without this bound a real 2 GB file would end in an OutOfMemoryError.
   */
  static long maxDataBytes() {
    return Runtime.getRuntime().maxMemory() / 2;
  }

  private static String bytes(long n) {
    return n < 1 << 20 ? n + " bytes" : (n >> 20) + " MB";
  }

  /** @param knownSize the stream's length when known up front (raw files), else -1 */
  static IdxArray read(Path file, InputStream in, long knownSize) throws IOException {
    return read(file, in, knownSize, maxDataBytes());
  }

  /** The dimensions an IDX file's header declares (raw or gzip), reading nothing past the header. */
  public static int[] dims(Path file) throws IOException {
    boolean gzip;
    try (InputStream probe = Files.newInputStream(file)) {
      gzip = probe.read() == 0x1f && probe.read() == 0x8b;
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 12); InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
      return header(file, in);
    } catch (ZipException | EOFException e) {
      throw new IdxFormatException(file, 0, "starts like a gzip file (1f 8b) but its gzip header is damaged or cut short");
    }
  }

  /** Reads and checks the header: magic, type, rank and dimensions (their product fits an array). */
  private static int[] header(Path file, InputStream in) throws IOException {
    byte[] magic = in.readNBytes(4);
    if (magic.length < 4) throw new IdxFormatException(file, magic.length, "truncated: the header needs 4 magic bytes, the file has " + magic.length);
    if (magic[0] != 0 || magic[1] != 0) {
      throw new IdxFormatException(file, 0, String.format("bad magic: expected 0x0000 then type and rank, got 0x%02x%02x (not an IDX file)", magic[0] & 0xff, magic[1] & 0xff));
    }
    if ((magic[2] & 0xff) != 0x08) {
      throw new IdxFormatException(file, 2, String.format("data type 0x%02x is not supported; MNIST and Fashion-MNIST use 0x08 (unsigned byte)", magic[2] & 0xff));
    }
    int rank = magic[3] & 0xff;
    if (rank < 1 || rank > MAX_RANK) throw new IdxFormatException(file, 3, "rank " + rank + " is not between 1 and " + MAX_RANK);
    byte[] dimBytes = in.readNBytes(4 * rank);
    if (dimBytes.length < 4 * rank) {
      throw new IdxFormatException(file, 4 + dimBytes.length, "truncated: the header declares " + rank + " dimensions (" + 4 * rank + " bytes) but the file ends");
    }
    int[] dims = new int[rank];
    long total = 1;
    for (int i = 0; i < rank; i++) {
      int d = ((dimBytes[4 * i] & 0xff) << 24) | ((dimBytes[4 * i + 1] & 0xff) << 16) | ((dimBytes[4 * i + 2] & 0xff) << 8) | (dimBytes[4 * i + 3] & 0xff);
      if (d <= 0) throw new IdxFormatException(file, 4 + 4L * i, "dimension " + i + " is " + Integer.toUnsignedString(d) + (d == 0 ? "" : " (negative as a signed int)"));
      dims[i] = d;
      total *= d;
      if (total > Integer.MAX_VALUE - 16) throw new IdxFormatException(file, 4 + 4L * i, "the header's sizes make more than 2^31 bytes of data");
    }
    return dims;
  }

  static IdxArray read(Path file, InputStream in, long knownSize, long maxData) throws IOException {
    int[] dims = header(file, in);
    int rank = dims.length;
    long total = 1;
    for (int d : dims) total *= d;
    long header = 4 + 4L * rank;
    if (knownSize >= 0 && knownSize != header + total) {
      String what = knownSize < header + total ? "truncated" : "trailing bytes";
      throw new IdxFormatException(file, Math.min(knownSize, header + total), what + ": the header's sizes " + Arrays.toString(dims)
          + " need " + total + " data bytes after the " + header + "-byte header (file length " + (header + total) + "), but the file has " + knownSize + " bytes");
    }
    if (total > maxData) {
      throw new IdxFormatException(file, 4, "the header's sizes " + Arrays.toString(dims) + " make " + bytes(total) + " of data, more than this JVM's heap ("
          + bytes(2 * maxData) + ") can read; if the file really is that large, give the JVM more heap (INVARIANCE_JAVA_OPTS=-Xmx...)");
    }
    // readNBytes grows its buffer as bytes arrive, so a lying header cannot allocate more than the stream holds
    byte[] data = in.readNBytes((int) total);
    if (data.length < total) {
      throw new IdxFormatException(file, header + data.length, "truncated: the header's sizes " + Arrays.toString(dims) + " need " + total
          + " data bytes, the data ends after " + data.length);
    }
    if (in.read() != -1) throw new IdxFormatException(file, header + total, "trailing bytes after the " + total + " data bytes the header declares");
    return new IdxArray(dims, data);
  }

  /** Reads an images file (rank 3) and a labels file (rank 1) of the same count, with classes named by index ("0".."9"). */
  public static Images digits(String name, Path images, Path labels) throws IOException {
    return images(name, images, labels, Images.numbered(10));
  }

  /**
   * Reads an images file (rank 3) and a labels file (rank 1) of the same count; every label must
   * index {@code classes}.
   */
  public static Images images(String name, Path images, Path labels, List<String> classes) throws IOException {
    IdxArray im = read(images);
    IdxArray lb = read(labels);
    if (im.dims().length != 3) throw new IdxFormatException(images, 3, "an images file has rank 3 (count, rows, columns), this one has rank " + im.dims().length);
    if (lb.dims().length != 1) throw new IdxFormatException(labels, 3, "a labels file has rank 1, this one has rank " + lb.dims().length);
    if (im.dim(0) != lb.dim(0)) throw new IdxFormatException(labels, 4, "holds " + lb.dim(0) + " labels but " + images.getFileName() + " holds " + im.dim(0) + " images");
    int n = im.dim(0);
    int rows = im.dim(1);
    int cols = im.dim(2);
    float[] pixels = new float[im.data().length];
    for (int i = 0; i < pixels.length; i++) pixels[i] = (im.data()[i] & 0xff) / 255f;
    byte[] l = lb.data();
    for (int i = 0; i < n; i++) {
      if ((l[i] & 0xff) >= classes.size()) throw new IdxFormatException(labels, 8 + i, "label " + (l[i] & 0xff) + " is not a class 0.." + (classes.size() - 1));
    }
    return new Images(name, cols, rows, pixels, l.clone(), classes);
  }
}
