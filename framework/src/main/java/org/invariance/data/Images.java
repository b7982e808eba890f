package org.invariance.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Labelled images with values in [0, 1], on the heap (views are built from it): grey-scale (one
 * channel) or colour (three), each image its channels one after the other, each channel a
 * row-major plane ({@link ImageShape}). The classes and their names come from the source (ten
 * digits for MNIST, ten garments for Fashion-MNIST, the folders of an image folder); a label is an
 * index into {@link #classes()}. Plugins are lent them to read only: the framework takes a fingerprint
 * of the pixels before a trainer runs and fails the model whose plugin changed them.
 *
 * @param name the source's name ("MNIST"), the base of dataset names (MNIST_30)
 * @param width image width in pixels
 * @param height image height in pixels
 * @param channels values per pixel: 1 (grey) or 3 (red, green, blue)
 * @param pixels {@code count * channels * width * height} values
 * @param labels one class index per image (unsigned byte: at most 256 classes)
 * @param classes the class names, by index
 */
public record Images(String name, int width, int height, int channels, float[] pixels, byte[] labels, List<String> classes) {
  public Images {
    if (channels < 1) throw new IllegalArgumentException("images have at least one channel, got " + channels);
    if (pixels.length != (long) labels.length * channels * width * height) {
      throw new IllegalArgumentException(pixels.length + " values do not make " + labels.length + " images of " + new ImageShape(channels, height, width));
    }
    classes = List.copyOf(classes);
    if (classes.isEmpty() || classes.size() > 256) throw new IllegalArgumentException("between 1 and 256 classes, got " + classes.size());
    for (int i = 0; i < labels.length; i++) {
      if ((labels[i] & 0xff) >= classes.size()) throw new IllegalArgumentException("image " + i + " has label " + (labels[i] & 0xff) + ", but there are only " + classes.size() + " classes");
    }
  }

  /** Grey-scale images (one channel). */
  public Images(String name, int width, int height, float[] pixels, byte[] labels, List<String> classes) {
    this(name, width, height, 1, pixels, labels, classes);
  }

  /** Grey-scale images whose classes are named by their index ("0", "1", ...), as many as the largest label needs. */
  public Images(String name, int width, int height, float[] pixels, byte[] labels) {
    this(name, width, height, 1, pixels, labels, numbered(labels));
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

  /** Values per image: channels x width x height. */
  public int size() {
    return channels * width * height;
  }

  /** One image's shape. */
  public ImageShape shape() {
    return new ImageShape(channels, height, width);
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
    return new Images(name, width, height, channels, p, l, classes);
  }

  /** The same images under another name. */
  public Images named(String newName) {
    return new Images(newName, width, height, channels, pixels, labels, classes);
  }

  /** SHA-256 over shape, values (as IEEE bits), labels and class names: the data's identity in provenance. */
  public String checksum() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer head = ByteBuffer.allocate(12).putInt(width).putInt(height).putInt(count());
      md.update(head.array());
      if (channels != 1) md.update(ByteBuffer.allocate(4).putInt(channels).array()); // grey images keep their earlier checksums
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
