package org.invariance.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/** NativeMemory reads JavaCPP's limit as JavaCPP does, without initialising JavaCPP (which loads native code). */
class NativeMemoryTest {
  @Test
  void parsesSizesAsJavaCppDoes() {
    long heap = 3L << 30;
    for (String s : List.of("640m", "640M", "640mb", "2g", "2 GB", "1t", "12k", "12kb", "12345", "50%", "0")) {
      assertEquals(Pointer.parseBytes(s, heap), NativeMemory.parseBytes(s, heap), s);
    }
    assertEquals(640L * 1024 * 1024, NativeMemory.parseBytes("640m", heap), "powers of 1024");
    assertEquals(heap / 2, NativeMemory.parseBytes("50%", heap), "relative to the heap");
    assertThrows(NumberFormatException.class, () -> NativeMemory.parseBytes("640q", heap));
    assertThrows(NumberFormatException.class, () -> Pointer.parseBytes("640q", heap));
  }

  @Test
  void theLimitIsJavaCppsOwn() {
    assertEquals(Pointer.maxBytes(), NativeMemory.javacppMaxBytes(), "this JVM's properties, read both ways");
  }
}
