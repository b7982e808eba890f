package org.invariance.plugins.imagefolder;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.invariance.config.InvalidConfig;

/**
 * PNG and JPEG bytes to the integer samples of their colour components, read from the raster
 * (never through {@code getRGB}, whose colour-space conversion changes grey values): grey or red,
 * green and blue, 8 or 16 bits; palette images through their palette; alpha dropped. The format
 * is told by the file's first bytes (as PIL does), not its name.
 */
final class Decoder {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private static final ThreadLocal<ImageReader> PNG_READER = ThreadLocal.withInitial(() -> reader("png"));
  private static final ThreadLocal<ImageReader> JPEG_READER = ThreadLocal.withInitial(() -> reader("jpeg"));

  private Decoder() {}

  /**
   * One decoded image: {@code width} x {@code height} pixels of {@code components} planes (1: grey,
   * 3: red, green, blue), each row-major, samples from 0 to {@code max} (255, or 65535 for 16-bit PNGs).
   */
  record Decoded(int width, int height, int components, int max, int[] samples) {
    boolean colour() {
      return components == 3;
    }

    /**
     * The image's values in [0, 1] as {@code channels} planes at {@code out[offset...]}: a sample v
     * is {@code v / 255f} (or {@code / 65535f}), as torchvision's ToTensor divides; grey from colour
     * is PIL's {@code convert("L")}, the ITU-R 601-2 luma in fixed point
     * {@code (R * 19595 + G * 38470 + B * 7471 + 0x8000) >> 16} (R 0.299, G 0.587, B 0.114, rounded
     * to the nearest integer); colour from grey repeats the grey plane.
     */
    void values(int channels, float[] out, int offset) {
      int plane = width * height;
      float m = max;
      if (channels == components) {
        for (int i = 0; i < samples.length; i++) out[offset + i] = samples[i] / m;
      } else if (channels == 3) {
        for (int p = 0; p < plane; p++) {
          float v = samples[p] / m;
          out[offset + p] = v;
          out[offset + plane + p] = v;
          out[offset + 2 * plane + p] = v;
        }
      } else {
        for (int p = 0; p < plane; p++) out[offset + p] = luma(samples[p], samples[plane + p], samples[2 * plane + p]) / m;
      }
    }
  }

  /** PIL's RGB to L: {@code (R * 19595 + G * 38470 + B * 7471 + 0x8000) >> 16}, in long arithmetic so 16-bit samples fit. */
  static int luma(int r, int g, int b) {
    return (int) ((r * 19595L + g * 38470L + b * 7471L + 0x8000L) >> 16);
  }

  /** Decodes {@code bytes} (the content of {@code file}); an {@link InvalidConfig} on root naming the file when it cannot. */
  static Decoded decode(byte[] bytes, Path file) {
    boolean jpeg = bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff;
    if (!jpeg && !startsWith(bytes, PNG)) throw unreadable(file, bytes.length == 0 ? "an empty file" : "it starts with neither PNG's nor JPEG's signature");
    ImageReader reader = jpeg ? JPEG_READER.get() : PNG_READER.get();
    BufferedImage image;
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, false);
      image = jpeg ? readJpeg(reader) : reader.read(0);
    } catch (IOException | RuntimeException e) {
      throw unreadable(file, message(e));
    } finally {
      reader.reset();
    }
    try {
      return samples(image);
    } catch (IllegalArgumentException e) {
      throw unreadable(file, e.getMessage());
    }
  }

  /**
   * A JPEG as its decoder's RGB, as libjpeg gives it to PIL: Java converts a JPEG with an
   * embedded ICC profile from that profile to sRGB, unless it decodes into an image of the
   * profile's own colour space, which it offers among its types.
   */
  private static BufferedImage readJpeg(ImageReader reader) throws IOException {
    ImageReadParam param = reader.getDefaultReadParam();
    for (Iterator<ImageTypeSpecifier> it = reader.getImageTypes(0); it.hasNext(); ) {
      ImageTypeSpecifier t = it.next();
      ColorSpace cs = t.getColorModel().getColorSpace();
      if (cs.getType() == ColorSpace.TYPE_RGB && !cs.isCS_sRGB() && t.getColorModel().getNumColorComponents() == 3) {
        param.setDestination(t.createBufferedImage(reader.getWidth(0), reader.getHeight(0)));
        break;
      }
    }
    return reader.read(0, param);
  }

  /** The colour components' samples of a decoded image. */
  static Decoded samples(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int plane = w * h;
    Raster raster = image.getRaster();
    ColorModel cm = image.getColorModel();
    if (cm instanceof IndexColorModel icm) {
      int[] index = raster.getSamples(0, 0, w, h, 0, (int[]) null);
      boolean colour = false;
      for (int i = 0; i < icm.getMapSize() && !colour; i++) colour = icm.getRed(i) != icm.getGreen(i) || icm.getGreen(i) != icm.getBlue(i);
      int[] s = new int[(colour ? 3 : 1) * plane];
      for (int p = 0; p < plane; p++) {
        int k = index[p];
        s[p] = icm.getRed(k);
        if (colour) {
          s[plane + p] = icm.getGreen(k);
          s[2 * plane + p] = icm.getBlue(k);
        }
      }
      return new Decoded(w, h, colour ? 3 : 1, 255, s);
    }
    int type = cm.getColorSpace().getType();
    int components = cm.getNumColorComponents();
    if (!(type == ColorSpace.TYPE_GRAY && components == 1) && !(type == ColorSpace.TYPE_RGB && components == 3)) {
      throw new IllegalArgumentException("its " + components + " colour components are neither grey nor RGB (CMYK or YCCK?)");
    }
    int bits = cm.getComponentSize(0);
    for (int c = 1; c < components; c++) {
      if (cm.getComponentSize(c) != bits) throw new IllegalArgumentException("its colour components differ in bits");
    }
    if (bits != 8 && bits != 16) throw new IllegalArgumentException(bits + "-bit samples (8 or 16 are read)");
    int bands = raster.getNumBands();
    int[] all = raster.getPixels(0, 0, w, h, (int[]) null);
    int[] s = new int[components * plane];
    if (bands == 1) {
      System.arraycopy(all, 0, s, 0, plane);
    } else {
      for (int p = 0; p < plane; p++) for (int c = 0; c < components; c++) s[c * plane + p] = all[p * bands + c];
    }
    return new Decoded(w, h, components, (1 << bits) - 1, s);
  }

  static InvalidConfig unreadable(Path file, String why) {
    return new InvalidConfig("root", file + ": not a PNG or JPEG image ImageIO can read (" + why + ")");
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
    return m.replaceAll("\\s+", " ").trim();
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) return false;
    for (int i = 0; i < prefix.length; i++) if (bytes[i] != prefix[i]) return false;
    return true;
  }

  private static ImageReader reader(String format) {
    Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format);
    if (!it.hasNext()) throw new IllegalStateException("this Java has no " + format + " reader (javax.imageio)");
    return it.next();
  }
}
