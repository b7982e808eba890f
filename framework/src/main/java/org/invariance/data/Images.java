package org.invariance.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Labelled grey-scale images in [0, 1], row-major, on the heap (views are built from it). The
 * classes and their names come from the source (ten digits for MNIST, ten garments for
 * Fashion-MNIST); a label is an index into {@link #classes()}.
 *
 * @param name the source's name ("MNIST"), the base of dataset names (MNIST_30)
 * @param width image width in pixels
 * @param height image height in pixels
 * @param pixels {@code count * width * height} values
 * @param labels one class index per image (unsigned byte: at most 256 classes)
 * @param classes the class names, by index
 */
public record Images(String name, int width, int height, float[] pixels, byte[] labels, List<String> classes) {
  public Images {
    if (pixels.length != (long) labels.length * width * height) {
      throw new IllegalArgumentException(pixels.length + " pixels do not make " + labels.length + " images of " + width + "x" + height);
    }
    classes = List.copyOf(classes);
    if (classes.isEmpty() || classes.size() > 256) throw new IllegalArgumentException("between 1 and 256 classes, got " + classes.size());
    for (int i = 0; i < labels.length; i++) {
      if ((labels[i] & 0xff) >= classes.size()) throw new IllegalArgumentException("image " + i + " has label " + (labels[i] & 0xff) + ", but there are only " + classes.size() + " classes");
    }
  }

  /** Images whose classes are named by their index ("0", "1", ...), as many as the largest label needs. */
  public Images(String name, int width, int height, float[] pixels, byte[] labels) {
    this(name, width, height, pixels, labels, numbered(labels));
  }

  /** Class names "0", "1", ..., "n-1". */
  public static List<String> numbered(int n) {
    List<String> c = new ArrayList<>(n);
    for (int i = 0; i < n; i++) c.add(Integer.toString(i));
    return c;
  }

  private static List<String> numbered(byte[] labels) {
    int max = 0;
    for (byte l : labels) max = Math.max(max, l & 0xff);
    return numbered(max + 1);
  }

  public int count() {
    return labels.length;
  }

  public int size() {
    return width * height;
  }

  /** The class index of image i. */
  public int label(int i) {
    return labels[i] & 0xff;
  }

  /** The images whose indices are given, in that order. */
  public Images select(int[] indices) {
    int s = size();
    float[] p = new float[indices.length * s];
    byte[] l = new byte[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(pixels, indices[i] * s, p, i * s, s);
      l[i] = labels[indices[i]];
    }
    return new Images(name, width, height, p, l, classes);
  }

  /** The same images under another name. */
  public Images named(String newName) {
    return new Images(newName, width, height, pixels, labels, classes);
  }

  /** SHA-256 over shape, pixels (as IEEE bits), labels and class names: the data's identity in provenance. */
  public String checksum() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer head = ByteBuffer.allocate(12).putInt(width).putInt(height).putInt(count());
      md.update(head.array());
      ByteBuffer buf = ByteBuffer.allocate(4 * 4096);
      for (int i = 0; i < pixels.length; i++) {
        if (!buf.hasRemaining()) {
          md.update(buf.array(), 0, buf.position());
          buf.clear();
        }
        buf.putFloat(pixels[i]);
      }
      md.update(buf.array(), 0, buf.position());
      md.update(labels);
      if (!classes.equals(numbered(classes.size()))) md.update(String.join("\n", classes).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
