package org.invariance.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.invariance.bus.Bus;
import org.invariance.data.NpmPackage;
import org.invariance.files.AtomicWrite;

/**
 * Files between members, by content: a member serves the files under its roots in binary chunks at
 * its own address; another fetches one chunk at a time into a temporary file, checks the SHA-256 it
 * was promised and only then renames it into place. Only a short JSON request crosses as JSON.
 */
public final class Artifacts {
  /** Bytes per message: large enough to keep the link busy, small enough that a lost one costs little. */
  public static final int CHUNK = 4 << 20;
  static final long REQUEST_TIMEOUT_MS = 30_000;

  private Artifacts() {}

  public static String address(String nodeId) {
    return "invariance.artifacts." + nodeId;
  }

  /**
   * Serves {@code root}'s files: a request {path, offset} gets up to {@link #CHUNK} bytes; a path
   * leaving the root is refused.
   */
  public static MessageConsumer<JsonObject> serve(Vertx vertx, String nodeId, Path root) {
    Path base = root.toAbsolutePath().normalize();
    return vertx.eventBus().<JsonObject>consumer(address(nodeId), m -> {
      String rel = m.body().getString("path", "");
      long offset = m.body().getLong("offset", 0L);
      Path f = base.resolve(rel).normalize();
      if (!f.startsWith(base) || rel.isEmpty()) {
        m.fail(400, "not an artifact path: " + rel);
        return;
      }
      vertx.<Buffer>executeBlocking(() -> {
        try (RandomAccessFile in = new RandomAccessFile(f.toFile(), "r")) {
          long len = Math.max(0, Math.min(CHUNK, in.length() - offset));
          byte[] bytes = new byte[(int) len];
          in.seek(offset);
          in.readFully(bytes);
          return Buffer.buffer(bytes);
        }
      }, false).onComplete(r -> {
        if (r.succeeded()) m.reply(r.result());
        else m.fail(404, rel + ": " + r.cause().getMessage());
      });
    });
  }

  /** Fetches {@code path} of size {@code size} from a member into {@code target}; blocking (call off the event loop). */
  public static long fetch(Vertx vertx, String nodeId, String path, long size, String sha256, Path target) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path tmp = target.resolveSibling(target.getFileName() + ".part");
    MessageDigest md = sha();
    try (OutputStream out = Files.newOutputStream(tmp)) {
      long offset = 0;
      while (offset < size) {
        Buffer b = Bus.await(vertx.eventBus().<Buffer>request(address(nodeId), new JsonObject().put("path", path).put("offset", offset),
            new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MS)).map(msg -> msg.body()));
        if (b.length() == 0) throw new IOException(path + ": the member sent no bytes at offset " + offset + " of " + size);
        byte[] bytes = b.getBytes();
        out.write(bytes);
        md.update(bytes);
        offset += bytes.length;
      }
    } catch (RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw new IOException("fetching " + path + " from " + nodeId + ": " + e.getMessage(), e);
    }
    String got = HexFormat.of().formatHex(md.digest());
    if (!got.equals(sha256)) {
      Files.deleteIfExists(tmp);
      throw new IOException(path + ": SHA-256 " + got + " differs from the promised " + sha256);
    }
    AtomicWrite.replace(tmp, target);
    return size;
  }

  /** A file's description for a fetch: path relative to its root, size, SHA-256. */
  public static JsonObject describe(Path root, Path file) throws IOException {
    return new JsonObject().put("path", root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/'))
        .put("size", Files.size(file)).put("sha256", NpmPackage.sha256(file));
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
