package org.invariance.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.invariance.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labelled images carry their class names; splits and files keep every label inside them. */
class ImagesTest {
  @TempDir Path dir;

  static Images of(byte[] labels, List<String> classes) {
    return new Images("T", 2, 1, new float[labels.length * 2], labels, classes);
  }

  @Test
  void withoutNamesTheClassesAreNumberedUpToTheLargestLabel() {
    Images i = new Images("T", 1, 1, new float[2], new byte[] {0, 2});
    assertEquals(List.of("0", "1", "2"), i.classes());
    assertEquals(List.of("0", "1"), Images.numbered(2));
  }

  @Test
  void aLabelOutsideTheClassesOrPixelsOfAnotherShapeAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> of(new byte[] {0, 3}, List.of("a", "b")));
    assertTrue(e.getMessage().contains("image 1 has label 3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Images("T", 2, 2, new float[3], new byte[] {0}, List.of("a")));
    assertThrows(IllegalArgumentException.class, () -> of(new byte[0], List.of()));
  }

  @Test
  void selectingAndRenamingKeepTheClasses() {
    Images i = of(new byte[] {1, 0, 1}, List.of("cat", "dog"));
    Images s = i.select(new int[] {2, 1});
    assertEquals(List.of("cat", "dog"), s.classes());
    assertEquals(1, s.label(0));
    assertEquals(0, s.label(1));
    assertEquals(List.of("cat", "dog"), i.named("U").classes());
    assertEquals("U", i.named("U").name());
  }

  @Test
  void theChecksumCoversTheClassNames() {
    byte[] labels = {0, 1};
    assertEquals(of(labels, List.of("0", "1")).checksum(), new Images("T", 2, 1, new float[4], labels).checksum());
    assertNotEquals(of(labels, List.of("0", "1")).checksum(), of(labels, List.of("cat", "dog")).checksum());
  }

  @Test
  void aSplitHasOneSetOfClassesAndOneImageSize() {
    Images a = of(new byte[] {0, 1}, List.of("cat", "dog"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Split(a, of(new byte[] {0, 1}, List.of("cat", "cow"))));
    assertTrue(e.getMessage().contains("different classes"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Split(a, new Images("T", 1, 2, new float[4], new byte[] {0, 1}, List.of("cat", "dog"))));
    assertEquals(List.of("cat", "dog"), new Split(a, a).classes());
  }

  @Test
  void stratifiedSplitTakesTheLastFractionOfEachClass() {
    // classes a, b, c in turn: 4 images each
    byte[] labels = new byte[12];
    float[] px = new float[12];
    for (int i = 0; i < 12; i++) {
      labels[i] = (byte) (i % 3);
      px[i] = i;
    }
    Split s = Split.stratified(new Images("T", 1, 1, px, labels, List.of("a", "b", "c")), 0.5);
    assertEquals(6, s.test().count());
    assertEquals(List.of("a", "b", "c"), s.test().classes());
    assertArrayEquals(new float[] {6, 7, 8, 9, 10, 11}, s.test().pixels(), "the last two of each class, in file order");
  }

  @Test
  void aLimitKeepsEachClassItsShareInFileOrder() {
    // sorted by class as an image folder lists them: six of a, three of b, three of c
    byte[] labels = {0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    float[] px = new float[12];
    for (int i = 0; i < 12; i++) px[i] = i;
    Split s = new Split(new Images("T", 1, 1, px, labels, List.of("a", "b", "c")), new Images("T", 1, 1, px.clone(), labels.clone(), List.of("a", "b", "c")));
    // shares of 4: a 2, b 1, c 1; the first of each class, in file order
    assertArrayEquals(new float[] {0, 1, 6, 9}, s.limit(null, 4).test().pixels());
    assertEquals(s.train(), s.limit(null, 4).train(), "no training limit: the training half is untouched");
    // shares of 5: a 2.5, b 1.25, c 1.25; the one left over goes to the largest remainder (a)
    assertArrayEquals(new float[] {0, 1, 2, 6, 9}, s.limit(5, null).train().pixels());
    assertEquals(s, s.limit(12, 100), "nothing to drop: the same split");
    assertEquals("; 2 training images (each class its share); 20 test images (each class its share)", Split.describeLimits(2, 20));
  }

  @Test
  void idxFilesReadWithClassNamesAndALabelBeyondThemIsAtItsByte() throws IOException {
    TestData.write(dir.resolve("im"), TestData.idx(new int[] {3, 1, 2}, new byte[] {0, (byte) 255, 0, 0, 1, 2}), false);
    TestData.write(dir.resolve("lb"), TestData.idx(new int[] {3}, new byte[] {1, 0, 2}), false);
    Images i = IdxReader.images("C", dir.resolve("im"), dir.resolve("lb"), List.of("x", "y", "z"));
    assertEquals(List.of("x", "y", "z"), i.classes());
    assertEquals(2, i.width());
    assertEquals(1, i.height());
    assertEquals(1f, i.pixels()[1]);
    assertEquals(2, i.label(2));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.images("C", dir.resolve("im"), dir.resolve("lb"), List.of("x", "y")));
    assertEquals(10, e.offset(), "the header is 8 bytes; the third label");
  }
}
