package org.invariance.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.invariance.config.CheckpointConfig;
import org.invariance.files.AtomicWrite;
import org.invariance.plugin.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model's checkpoint in the model store, beside the model it will become ({@code <name>-<key>.checkpoint}):
 * the key names everything that determines the model, so only the same training resumes from it.
 * Written through {@link AtomicWrite} (forced to the disk, then renamed), so a kill or a power cut leaves the previous checkpoint
 * or the new one, never half of one; the SHA-256 of its header, curve and body, written after them,
 * catches a file damaged or replaced otherwise (training then starts over, said in one line). The
 * training curve so far travels with it, so a resumed model's curve is whole.
 */
final class FileCheckpoint implements Checkpoint {
  private static final Logger LOG = LoggerFactory.getLogger(FileCheckpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAGIC = 0x494e5643; // "INVC"
  /** 3: a SHA-256 over everything before it (2 had a CRC-32 of the body only). */
  private static final int FORMAT = 3;
  private final Path file;
  private final String model;
  private final String key;
  private final CheckpointConfig every;
  private final TrainingCurve curve;
  private final Runner.CheckpointSaved saved;
  private long lastSaved = System.nanoTime();
  /** Set by {@link #saveActive}: save at the next iteration, whatever the interval says. */
  private volatile CountDownLatch saveNow;
  /** Checkpoints of trainings under way in this JVM, for a SIGTERM to save. */
  private static final Set<FileCheckpoint> ACTIVE = ConcurrentHashMap.newKeySet();

  FileCheckpoint(Path file, String model, String key, CheckpointConfig every, TrainingCurve curve) {
    this(file, model, key, every, curve, f -> {});
  }

  FileCheckpoint(Path file, String model, String key, CheckpointConfig every, TrainingCurve curve, Runner.CheckpointSaved saved) {
    this.file = file;
    this.model = model;
    this.key = key;
    this.every = every;
    this.curve = curve;
    this.saved = saved;
  }

  Path file() {
    return file;
  }

  @Override
  public long resume(Restore restore) throws IOException {
    ACTIVE.add(this);
    if (!Files.isRegularFile(file)) return 0;
    byte[] body;
    long iteration;
    byte[] curveJson;
    byte[] all = Files.readAllBytes(file);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all))) {
      if (in.readInt() != MAGIC || in.readInt() != FORMAT || !in.readUTF().equals(key)) {
        LOG.warn("{}: {} is not a checkpoint of this model; training from the start", model, file);
        return 0;
      }
      iteration = in.readLong();
      curveJson = new byte[in.readInt()];
      in.readFully(curveJson);
      body = new byte[in.readInt()];
      in.readFully(body);
      int signed = all.length - in.available();
      byte[] recorded = new byte[32];
      in.readFully(recorded);
      if (!MessageDigest.isEqual(recorded, sha256(all, signed))) {
        LOG.warn("{}: checkpoint {} does not have the SHA-256 it records (damaged or changed); training from the start", model, file);
        return 0;
      }
    } catch (IOException e) {
      LOG.warn("{}: checkpoint {} cannot be read ({}); training from the start", model, file, e.getMessage());
      return 0;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
      restore.read(in);
    }
    curve.restore(TrainingCurve.read(JSON.readTree(curveJson)));
    LOG.info("{}: resuming from the checkpoint after iteration {} ({})", model, iteration, file.getFileName());
    lastSaved = System.nanoTime();
    return iteration;
  }

  @Override
  public void after(long iteration, Save save) throws IOException {
    boolean byCount = every.everyIterations() > 0 && iteration % every.everyIterations() == 0;
    boolean byTime = every.everySeconds() > 0 && System.nanoTime() - lastSaved >= every.everySeconds() * 1e9;
    CountDownLatch asked = saveNow;
    if (byCount || byTime || asked != null) save(iteration, save);
    if (asked != null) {
      saveNow = null;
      asked.countDown();
    }
  }

  /**
   * Asks every training under way to save a checkpoint at its next iteration and waits for them
   * (SIGTERM: the JVM's other threads run on while shutdown hooks do), so an interrupted run loses
   * nothing. Returns how many saved in time.
   */
  static int saveActive(Duration wait) {
    List<CountDownLatch> asked = new ArrayList<>();
    for (FileCheckpoint c : ACTIVE) {
      CountDownLatch l = new CountDownLatch(1);
      c.saveNow = l;
      asked.add(l);
    }
    long deadline = System.nanoTime() + wait.toNanos();
    int saved = 0;
    for (CountDownLatch l : asked) {
      try {
        if (l.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) saved++;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return saved;
  }

  /** The training ended (stored, failed or abandoned): nothing to save for it any more. */
  void close() {
    ACTIVE.remove(this);
  }

  void save(long iteration, Save save) throws IOException {
    long t0 = System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 20);
    try (DataOutputStream out = new DataOutputStream(body)) {
      save.write(out);
    }
    byte[] bytes = body.toByteArray();
    ByteArrayOutputStream signed = new ByteArrayOutputStream(bytes.length + 4096);
    try (DataOutputStream out = new DataOutputStream(signed)) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      out.writeUTF(key);
      out.writeLong(iteration);
      byte[] curveJson = JSON.writeValueAsBytes(curve.json());
      out.writeInt(curveJson.length);
      out.write(curveJson);
      out.writeInt(bytes.length);
      out.write(bytes);
    }
    byte[] content = signed.toByteArray();
    AtomicWrite.bytes(file, os -> {
      os.write(content);
      os.write(sha256(content, content.length));
      os.flush();
    });
    lastSaved = System.nanoTime();
    LOG.info("{}: checkpoint after iteration {} ({} KiB, {} ms)", model, iteration, bytes.length >> 10, (lastSaved - t0) / 1_000_000);
    try {
      saved.saved(file);
    } catch (RuntimeException e) {
      LOG.warn("{}: the checkpoint after iteration {} is on this disk only ({})", model, iteration, e.getMessage());
    }
  }

  private static byte[] sha256(byte[] bytes, int length) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(bytes, 0, length);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Removes the checkpoint once its model is in the store. */
  void delete() throws IOException {
    close();
    Files.deleteIfExists(file);
  }
}
