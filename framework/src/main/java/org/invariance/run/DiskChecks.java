package org.invariance.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.invariance.experiment.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the run's directories can take what it will write, asked before any data is fetched or
 * model trained: a directory that is not writable, or a disk too full, is bad input said at once
 * rather than a failure an hour in.
 */
final class DiskChecks {
  /** Runner's logger: run.log names it, and these lines were always the run's. */
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  private DiskChecks() {}

  /** The run directory takes files, checked before any data is loaded or model trained. */
  static void checkWritable(Path out) {
    writable(out, "the run directory is not writable (", ")");
  }

  /** The cache takes files (downloads, models, checkpoints), checked before any data is fetched. */
  static void checkCacheWritable(Path cache) {
    writable(cache, "the cache (data, models, checkpoints) is not writable (", "): choose another with --cache or INVARIANCE_CACHE");
  }

  /** Creates {@code dir} and writes and removes a file in it; a failure is one line between {@code before} and {@code after}. */
  private static void writable(Path dir, String before, String after) {
    Path probe = dir.resolve(".invariance-write-check");
    try {
      Files.createDirectories(dir);
      Files.writeString(probe, "");
      Files.delete(probe);
    } catch (IOException e) {
      throw new ConfigException(dir.toString(), 0, 0, null, before + plain(e) + after);
    }
  }

  /** @param needs who needs the room, worded for the message ("a run needs", "its 12 unfinished points need") */
  static void checkSpace(Path dir, long needed, String what, String needs) {
    try {
      Path existing = dir.toAbsolutePath();
      while (existing != null && !Files.exists(existing)) existing = existing.getParent();
      if (existing == null) return;
      long free = Files.getFileStore(existing).getUsableSpace();
      if (free < needed) {
        throw new ConfigException(dir.toString(), 0, 0, null,
            what + " has " + (free >> 20) + " MB free; " + needs + " at least " + (needed >> 20) + " MB: free some space or choose another directory");
      }
    } catch (IOException e) {
      LOG.warn("cannot tell the free space of {}: {}", dir, e.getMessage());
    }
  }

  /** Why a file operation failed, in words (Java names the path and leaves the reason out). */
  static String plain(IOException e) {
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
    if (e instanceof NoSuchFileException) return "no folder can be made there";
    if (e instanceof FileAlreadyExistsException) return "a file of that name is in the way";
    return e.getMessage();
  }
}
