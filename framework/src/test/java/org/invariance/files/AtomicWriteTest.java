package org.invariance.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {
  @TempDir Path dir;

  @Test
  void aWriteThatFailsHalfwayLeavesTheOldFileWholeAndNoLeftover() throws IOException {
    Path f = dir.resolve("provenance.json");
    AtomicWrite.text(f, "old");
    IOException e = assertThrows(IOException.class, () -> AtomicWrite.bytes(f, out -> {
      out.write(new byte[100_000]); // past the buffer, so part of it is already in the temporary file
      throw new IOException("disk full");
    }));
    assertEquals("cannot write " + f + ": disk full", e.getMessage(), "the failure names the file it could not write");
    assertEquals("old", Files.readString(f));
    assertFalse(Files.exists(AtomicWrite.tmpFor(f)), "the temporary file is removed");
  }

  @Test
  void aLibraryThatClosesItsStreamStillGetsEveryByteIntoTheFile() throws IOException {
    Path f = dir.resolve("sub").resolve("x.json");
    // Jackson closes the stream it writes to; the file must still be forced and renamed after that
    AtomicWrite.bytes(f, out -> new ObjectMapper().writeValue(out, Map.of("status", "finished")));
    assertEquals("{\"status\":\"finished\"}", Files.readString(f));
  }

  @Test
  void replacePutsAWrittenFileInPlaceOfTheOld() throws IOException {
    Path partial = dir.resolve("p10.csv.partial");
    Path done = dir.resolve("p10.csv");
    Files.writeString(done, "stale");
    Files.writeString(partial, "a,b\n1,2\n");
    AtomicWrite.replace(partial, done);
    assertEquals("a,b\n1,2\n", Files.readString(done));
    assertFalse(Files.exists(partial));
  }
}
