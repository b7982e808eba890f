package org.invariance.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.invariance.experiment.ConfigException;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.Plan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run writes: each run its own directory, {@code runs/<experiment>/<time>-<config id>/}, with
 * {@code runs/<experiment>/latest} pointing at the newest. A rerun or a {@code --set} variant never
 * writes into an earlier run's directory; the one exception is a run of the same configuration that
 * did not finish (killed, interrupted, failed): running the same command again resumes it there.
 * {@code --out DIR} names the directory itself, which must be empty or new unless the user resumes
 * (an unfinished run of the same configuration, or {@code --resume}) or overwrites it.
 */
public final class RunDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(RunDirectory.class);
  // its trees are hashed into the config id, not bound: another mapper could change every run's id
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  /** Sections that never change a number: a new value resumes the same run. */
  private static final List<String> NOT_RESULTS = List.of("metrics", "checkpoints");

  /** What the user asked for an existing directory. */
  public enum Mode { DEFAULT, RESUME, OVERWRITE }

  private RunDirectory() {}

  /** The configuration's id: 8 hex digits of the SHA-256 of what determines the run's numbers (config, overrides, sweep). */
  public static String configId(Plan plan) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.set("config", results(plan.base()));
    if (plan.isSweep()) n.set("sweep", JSON.valueToTree(plan.sweep()));
    return ModelStore.key(n).substring(0, 8);
  }

  /** A single run's configuration id (the same as its one-point plan's). */
  public static String configId(Experiment e) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.set("config", results(e));
    return ModelStore.key(n).substring(0, 8);
  }

  private static JsonNode results(Experiment e) {
    ObjectNode c = e.resolved().deepCopy();
    NOT_RESULTS.forEach(c::remove);
    return c;
  }

  /**
   * The directory this plan's run writes to, created; a refused directory is bad input (exit 2).
   *
   * @param out {@code --out}, or null for {@code runs/<experiment>/...} under {@code runsRoot}
   */
  public static Path choose(Plan plan, Path out, Path runsRoot, Mode mode) throws IOException {
    try {
      return chooseOrFail(plan, out, runsRoot, mode);
    } catch (ConfigException e) {
      throw e;
    } catch (IOException e) {
      Path where = out != null ? out : runsRoot.resolve(plan.base().name());
      throw new ConfigException(where.toString(), 0, 0, null, "the run directory is not writable (" + DiskChecks.plain(e) + ")");
    }
  }

  private static Path chooseOrFail(Plan plan, Path out, Path runsRoot, Mode mode) throws IOException {
    String id = configId(plan);
    if (out == null) return chooseDefault(plan, runsRoot.resolve(plan.base().name()), id, mode);
    if (!Files.exists(out) || isEmpty(out)) {
      Files.createDirectories(out);
      return out;
    }
    if (!Files.isDirectory(out)) throw refuse(out, "is a file, not a directory");
    Optional<Status> s = status(out);
    if (s.isEmpty()) throw refuse(out, "is not empty and holds no run; choose a new or empty directory");
    if (mode == Mode.OVERWRITE) {
      List<Path> kept = RunFiles.removeRun(out);
      LOG.info("overwriting the run in {}", out);
      if (!kept.isEmpty()) LOG.warn("--overwrite kept {} file(s) in {} that no run wrote: {}", kept.size(), out, kept.stream().limit(5).map(Path::toString).toList()
          + (kept.size() > 5 ? " ..." : ""));
      return out;
    }
    if (!id.equals(s.get().configId())) {
      throw refuse(out, "holds a run of another configuration (id " + s.get().configId() + ", this one " + id + "); choose a new directory, or add --overwrite to replace it");
    }
    if (mode == Mode.RESUME || !s.get().finished()) {
      LOG.info("resuming the {} run in {}", s.get().status(), out);
      return out;
    }
    throw refuse(out, "already holds a finished run of this configuration; add --resume to run it again there (finished parts are kept) or --overwrite to replace it, or choose a new directory");
  }

  private static Path chooseDefault(Plan plan, Path parent, String id, Mode mode) throws IOException {
    Files.createDirectories(parent);
    Optional<Path> unfinished;
    try (Stream<Path> dirs = Files.list(parent)) {
      unfinished = dirs.filter(d -> d.getFileName().toString().endsWith("-" + id) && Files.isDirectory(d) && !Files.isSymbolicLink(d))
          .filter(d -> status(d).map(s -> mode == Mode.RESUME || !s.finished()).orElse(false))
          .filter(d -> !locked(d))
          .max(Comparator.comparing(d -> d.getFileName().toString()));
    }
    Path dir;
    if (unfinished.isPresent() && mode != Mode.OVERWRITE) {
      dir = unfinished.get();
      LOG.info("resuming the {} run in {}", status(dir).map(Status::status).orElse("unfinished"), dir);
    } else {
      String time = ZonedDateTime.now(ZoneOffset.UTC).format(TIME);
      dir = parent.resolve(time + "-" + id);
      for (int n = 2; Files.exists(dir); n++) dir = parent.resolve(time + "." + n + "-" + id);
      Files.createDirectories(dir);
    }
    pointLatest(parent, dir);
    return dir;
  }

  /** {@code latest} -> the newest run (a relative link, replaced atomically); a file or folder of that name that is no link is left alone. */
  static void pointLatest(Path parent, Path dir) {
    Path link = parent.resolve("latest");
    Path tmp = parent.resolve(".latest." + ProcessHandle.current().pid());
    if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
      LOG.warn("{} is not a link a run made: left as it is (runs/<experiment>/latest is not updated)", link);
      return;
    }
    try {
      Files.deleteIfExists(tmp);
      Files.createSymbolicLink(tmp, dir.getFileName());
      Files.move(tmp, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("no 'latest' link in {}: {}", parent, e.getMessage());
    }
  }

  /** A run's status as its files say: sweep.json for a sweep or cluster run, else provenance.json. */
  public record Status(String status, String configId) {
    boolean finished() {
      return "finished".equals(status);
    }
  }

  /** The status of the run in {@code dir}, when its record says it is one ({@link RunFiles#record}). */
  static Optional<Status> status(Path dir) {
    return RunFiles.record(dir).map(n -> new Status(n.path("status").asText("unknown"), n.path("config_id").asText("")));
  }

  private static boolean isEmpty(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return false;
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  private static ConfigException refuse(Path out, String problem) {
    return new ConfigException(out.toString(), 0, 0, "--out", problem);
  }

  /** Held while a run writes its directory, so a second process never picks it to resume; the OS drops it when the process dies. */
  public static AutoCloseable lock(Path dir) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new ConfigException(dir.toString(), 0, 0, null, "the run directory is not writable: its lock file cannot be made (" + DiskChecks.plain(e) + ")");
    }
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      ch.close();
      throw new ConfigException(dir.toString(), 0, 0, null, "is in use by another run right now");
    }
    FileLock held = lock;
    return () -> {
      held.release();
      ch.close();
    };
  }

  private static boolean locked(Path dir) {
    Path f = dir.resolve(".lock");
    if (!Files.exists(f)) return false;
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      FileLock l = ch.tryLock();
      if (l == null) return true;
      l.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
