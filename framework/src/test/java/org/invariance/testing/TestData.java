package org.invariance.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files for tests: images (count x rows x cols) and labels. */
public final class TestData {
  private TestData() {}

  public static byte[] idx(int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
    for (int d : dims) b.putInt(d);
    b.put(data);
    return b.array();
  }

  public static void write(Path file, byte[] bytes, boolean gzip) throws IOException {
    if (!gzip) {
      Files.write(file, bytes);
      return;
    }
    ByteArrayOutputStream bo = new ByteArrayOutputStream();
    try (OutputStream o = new GZIPOutputStream(bo)) {
      o.write(bytes);
    }
    Files.write(file, bo.toByteArray());
  }

  /**
   * {@code n} 28x28 "digits": image i of class c = i % 10 has a vertical bar at column 4 + 2c (so
   * classes are distinguishable), brightness 255.
   */
  public static void writeBars(Path images, Path labels, int n) throws IOException {
    byte[] px = new byte[n * 784];
    byte[] lb = new byte[n];
    for (int i = 0; i < n; i++) {
      int c = i % 10;
      lb[i] = (byte) c;
      for (int y = 4; y < 24; y++) px[i * 784 + y * 28 + 4 + 2 * c] = (byte) 255;
    }
    write(images, idx(new int[] {n, 28, 28}, px), false);
    write(labels, idx(new int[] {n}, lb), false);
  }
}
