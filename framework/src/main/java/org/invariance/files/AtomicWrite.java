package org.invariance.files;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files that are either whole or absent: written to a temporary sibling, forced to the disk, renamed
 * over the target, and the rename itself forced. A kill at any moment leaves the old file or the new
 * one, never half of one; the forcing makes that hold across a power cut too, so a checkpoint or a
 * stored model the next run trusts is never empty.
 */
public final class AtomicWrite {
  /** What goes into the file. Closing the stream it is given only flushes it. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Text in UTF-8 written through a {@link Writer}. */
  @FunctionalInterface
  public interface TextBody {
    void writeTo(Writer out) throws IOException;
  }

  private AtomicWrite() {}

  public static void bytes(Path target, Body body) throws IOException {
    Path tmp = tmpFor(target);
    try (FileOutputStream file = new FileOutputStream(tmp.toFile())) {
      OutputStream buffered = new BufferedOutputStream(file, 1 << 16);
      body.writeTo(new FlushOnClose(buffered));
      buffered.flush();
      file.getChannel().force(true);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw named(target, e);
    } catch (RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    rename(tmp, target);
  }

  /**
   * The same failure, saying which file could not be written and why in words ("No space left on
   * device" names no file of its own).
   */
  public static IOException named(Path target, IOException e) {
    String why = e instanceof AccessDeniedException ? "permission denied"
        : e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
    if (why != null && why.contains(target.toString())) return e;
    return new IOException("cannot write " + target + ": " + (why == null ? e.getClass().getSimpleName() : why), e);
  }

  public static void text(Path target, TextBody body) throws IOException {
    bytes(target, out -> {
      Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      body.writeTo(w);
      w.flush();
    });
  }

  public static void text(Path target, CharSequence text) throws IOException {
    text(target, w -> w.append(text));
  }

  /** Puts an already written file ({@code done}, in the same directory) in place of {@code target}, durably. */
  public static void replace(Path done, Path target) throws IOException {
    try (FileChannel c = FileChannel.open(done, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    rename(done, target);
  }

  /** The temporary sibling a write goes through; a leftover one is never read as a result. */
  public static Path tmpFor(Path target) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    return parent.resolve(target.getFileName() + ".tmp");
  }

  private static void rename(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    forceDirectory(to.toAbsolutePath().getParent());
  }

  /** The directory entry of a rename reaches the disk only when the directory is forced (Linux allows it; elsewhere it is skipped). */
  private static void forceDirectory(Path dir) {
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // a file system that cannot force a directory still renamed atomically
    }
  }

  /** Lets a body (or a library it calls, such as Jackson) close its stream without closing the file before it is forced. */
  private static final class FlushOnClose extends FilterOutputStream {
    FlushOnClose(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
