package org.invariance.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Labelled grey-scale images in [0, 1], row-major, on the heap (a few MB; views are built from it).
 *
 * @param name the source's name ("MNIST")
 * @param width image width in pixels
 * @param height image height in pixels
 * @param pixels {@code count * width * height} values
 * @param labels one class per image, 0..9
 */
public record Digits(String name, int width, int height, float[] pixels, byte[] labels) {
  public Digits {
    if (pixels.length != (long) labels.length * width * height) {
      throw new IllegalArgumentException(pixels.length + " pixels do not make " + labels.length + " images of " + width + "x" + height);
    }
  }

  public int count() {
    return labels.length;
  }

  public int size() {
    return width * height;
  }

  /** The images whose indices are given, in that order. */
  public Digits select(int[] indices) {
    int s = size();
    float[] p = new float[indices.length * s];
    byte[] l = new byte[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(pixels, indices[i] * s, p, i * s, s);
      l[i] = labels[indices[i]];
    }
    return new Digits(name, width, height, p, l);
  }

  /** SHA-256 over shape, pixels (as IEEE bits) and labels: the data's identity in provenance. */
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
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
