package org.invariance.data;

import java.io.IOException;
import java.nio.file.Path;

/** A malformed IDX file, with the byte offset where the problem was found. */
public final class IdxFormatException extends IOException {
  private static final long serialVersionUID = 1L;
  private final long offset;

  public IdxFormatException(Path file, long offset, String problem) {
    super(file + ": byte " + offset + ": " + problem);
    this.offset = offset;
  }

  public long offset() {
    return offset;
  }
}
