package org.invariance.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.invariance.data.NpmPackage;
import org.invariance.files.AtomicWrite;
import org.invariance.model.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trained models on disk, keyed by a hash of everything that determines them (plugin, resolved
 * config, seed, data checksum, transform, upstream model). The same config and seed ask again ->
 * the stored model is reused; each model file has a JSON of its provenance beside it, which also
 * records the file's SHA-256. A file is a small envelope (magic, format, the plugin's name) around
 * what the model's plugin writes. A model whose file no longer has the SHA-256 of its record
 * (changed, truncated, another model's copied over it), or has no record, is never reused: one
 * line says so, naming the file, and the model is trained again.
 */
public final class ModelStore {
  private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
  // writes each model's record, not a config binder: ConfigMapper's settings would change its bytes
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int MAGIC = 0x494e564d; // "INVM"
  private static final int FORMAT = 2;
  private final Path dir;

  /** Reads a model's body given its stream (the plugin's {@code read}). */
  @FunctionalInterface
  public interface Reader {
    Model read(DataInputStream in) throws IOException;
  }

  public ModelStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** The key of a model identity: SHA-256 of its canonical JSON (keys sorted), 24 hex digits. */
  public static String key(JsonNode identity) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(canonical(identity).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest()).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String canonical(JsonNode n) {
    if (n.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        sorted.put(e.getKey(), e.getValue());
      }
      StringBuilder b = new StringBuilder("{");
      sorted.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(canonical(v)));
      return b.append('}').toString();
    }
    if (n.isArray()) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < n.size(); i++) b.append(i > 0 ? "," : "").append(canonical(n.get(i)));
      return b.append(']').toString();
    }
    if (n.isNumber()) return Double.toString(n.asDouble());
    return n.toString();
  }

  public Path modelFile(String name, String key) {
    return dir.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + key + ".model");
  }

  /** Where a model's training keeps its checkpoint until the model is stored. */
  public Path checkpointFile(String name, String key) {
    return checkpointOf(modelFile(name, key));
  }

  /** The checkpoint beside a model file ({@code A-<key>.model} -> {@code A-<key>.checkpoint}). */
  public static Path checkpointOf(Path modelFile) {
    return modelFile.resolveSibling(modelFile.getFileName().toString().replaceFirst("\\.model$", ".checkpoint"));
  }

  /** The record beside a model file ({@code A-<key>.model.json}): its provenance and SHA-256. */
  public static Path recordOf(Path modelFile) {
    return modelFile.resolveSibling(modelFile.getFileName() + ".json");
  }

  /**
   * The stored model, read by {@code reader}, if one with this key exists, was written by
   * {@code plugin} and still has the SHA-256 its record holds; empty (after one line saying why)
   * when it must be trained again.
   */
  public Optional<Model> load(String name, String key, String plugin, Reader reader) throws IOException {
    Path f = modelFile(name, key);
    if (!Files.isRegularFile(f)) return Optional.empty();
    String problem = integrity(f);
    if (problem != null) {
      LOG.warn("{}: {}; training the model again", f, problem);
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(f), 1 << 16))) {
      if (in.readInt() != MAGIC) throw new IOException("not an invariance model file");
      int v = in.readInt();
      if (v != FORMAT) return Optional.empty();
      String by = in.readUTF();
      if (!by.equals(plugin)) throw new IOException("written by plugin '" + by + "', expected '" + plugin + "'");
      return Optional.of(reader.read(in));
    } catch (IOException | RuntimeException e) {
      LOG.warn("{}: cannot be read ({}); training the model again", f, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      return Optional.empty();
    }
  }

  /** Why a stored model may not be trusted (no record, or a SHA-256 other than its record's), or null when it may. */
  static String integrity(Path modelFile) throws IOException {
    Path record = recordOf(modelFile);
    if (!Files.isRegularFile(record)) return "it has no record beside it (" + record.getFileName() + ")";
    String recorded;
    try {
      recorded = JSON.readTree(record.toFile()).path("sha256").asText("");
    } catch (IOException e) {
      return "its record " + record.getFileName() + " is not JSON";
    }
    if (recorded.isEmpty()) return "its record " + record.getFileName() + " holds no SHA-256";
    String actual = NpmPackage.sha256(modelFile);
    if (!actual.equals(recorded)) return "its SHA-256 is " + actual.substring(0, 16) + "..., its record says " + recorded.substring(0, Math.min(16, recorded.length())) + "...: it changed after it was stored";
    return null;
  }

  public Path save(String name, String key, String plugin, Model model, ObjectNode provenance) throws IOException {
    Files.createDirectories(dir);
    Path f = modelFile(name, key);
    AtomicWrite.bytes(f, os -> {
      DataOutputStream out = new DataOutputStream(os);
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      out.writeUTF(plugin);
      model.write(out);
      out.flush();
    });
    provenance.put("sha256", NpmPackage.sha256(f));
    provenance.put("bytes", Files.size(f));
    AtomicWrite.bytes(recordOf(f), os -> JSON.writeValue(os, provenance));
    return f;
  }
}
