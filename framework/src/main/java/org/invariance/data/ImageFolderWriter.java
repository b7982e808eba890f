package org.invariance.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.invariance.files.AtomicWrite;

/**
 * Writes labelled images as an image folder, the layout torchvision's {@code ImageFolder} reads
 * and the {@code image-folder} source loads: {@code root/train/<class>/<index>.png} and
 * {@code root/test/<class>/<index>.png}, where {@code <index>} is the image's index in its half,
 * zero-padded to the same width for every file of that half (so the sorted file order of a class
 * folder is the images' order).
 *
 * <p>Each file is an 8-bit PNG: grey (one channel, {@code TYPE_BYTE_GRAY} written from the raster,
 * so reading its samples back gives exactly the bytes written) or RGB (three channels). A value v
 * in [0, 1] becomes {@code round(v * 255)} clamped to 0..255 (NaN gives 0), so values that are
 * already k/255 (every 8-bit source) come back bit-identical as k/255f.
 *
 * <p>Class folder names are the class names made safe for any file system ({@link #folderName}):
 * '/', '\', ':', '*', '?', '"', {@code '<'}, {@code '>'}, '|' and control characters become '_', a leading '.'
 * becomes '_' (a hidden folder would be skipped when read back); ".", ".." and empty names are
 * refused, and so are two classes whose folders would have the same name, also when they differ
 * only in case (one folder on macOS and Windows). Read back, the classes are the folder names in
 * sorted order, so labels are renumbered: compare by class name.
 *
 * <p>A class with no image in a half is refused (an image folder has no way to say a class is
 * there but empty: it would read back without it).
 *
 * <p>Every file is written through {@link AtomicWrite} (a temporary sibling, forced, renamed): a
 * kill leaves whole PNGs or none. An existing {@code root/train} or {@code root/test} is refused
 * rather than mixed with stale files.
 */
public final class ImageFolderWriter {
  private static final int CHUNK = 512;
  private static final int IO_THREADS = 16;

  private ImageFolderWriter() {}

  /** Writes {@code split} under {@code root}; returns the number of files written. */
  public static int write(Split split, Path root) throws IOException {
    return write(split, root, n -> {});
  }

  /**
   * Writes {@code split} under {@code root} ({@code train/} and {@code test/}); {@code advance}
   * is told of files written as they are (from the calling thread). Returns the number of files.
   */
  public static int write(Split split, Path root, LongConsumer advance) throws IOException {
    Path train = root.resolve("train");
    Path test = root.resolve("test");
    for (Path p : List.of(train, test)) {
      if (Files.exists(p)) throw new FileAlreadyExistsException(p.toAbsolutePath() + ": already exists; write an image folder to a new directory");
    }
    folderNames(split.classes()); // refuse unsafe classes and empty ones before writing anything
    for (Images half : List.of(split.train(), split.test())) {
      int[] perClass = new int[split.classes().size()];
      for (int i = 0; i < half.count(); i++) perClass[half.label(i)]++;
      for (int c = 0; c < perClass.length; c++) {
        if (perClass[c] == 0) {
          throw new IllegalArgumentException("class '" + split.classes().get(c) + "' has no " + (half == split.train() ? "training" : "test")
              + " image, and an image folder cannot hold an empty class (it would read back without it)");
        }
      }
    }
    return writeHalf(split.train(), train, advance) + writeHalf(split.test(), test, advance);
  }

  /**
   * Writes {@code images} as one folder of class folders, {@code dir/<class>/<index>.png} (the
   * layout the {@code image-folder} source splits by {@code test_fraction}). Returns the number of files.
   */
  public static int write(Images images, Path dir, LongConsumer advance) throws IOException {
    if (Files.exists(dir) && !isEmptyDirectory(dir)) throw new FileAlreadyExistsException(dir.toAbsolutePath() + ": already exists and is not empty; write an image folder to a new directory");
    return writeHalf(images, dir, advance);
  }

  /**
   * The folder name of each class, by label: each name made safe by {@link #folderName}; an
   * {@link IllegalArgumentException} when two classes would share a folder.
   */
  public static List<String> folderNames(List<String> classes) {
    List<String> names = new ArrayList<>(classes.size());
    Map<String, Integer> seen = new HashMap<>();
    for (int c = 0; c < classes.size(); c++) {
      String f = folderName(classes.get(c));
      Integer other = seen.putIfAbsent(f.toLowerCase(Locale.ROOT), c);
      if (other != null) {
        throw new IllegalArgumentException("classes '" + classes.get(other) + "' and '" + classes.get(c) + "' would share the folder '" + f
            + "' (folder names replace characters a file system refuses by '_' and may be case-insensitive): rename one");
      }
      names.add(f);
    }
    return names;
  }

  /**
   * A class name as a folder name any file system takes: '/', '\', ':', '*', '?', '"', {@code '<'}, {@code '>'},
   * '|' and control characters (below U+0020, and U+007F) replaced by '_', and a leading '.' too;
   * ".", ".." and the empty name are refused ({@link IllegalArgumentException}).
   */
  public static String folderName(String className) {
    if (className == null || className.isEmpty() || className.equals(".") || className.equals("..")) {
      throw new IllegalArgumentException("the class name '" + className + "' cannot be a folder name");
    }
    StringBuilder b = new StringBuilder(className.length());
    for (int i = 0; i < className.length(); i++) {
      char ch = className.charAt(i);
      boolean bad = ch < 0x20 || ch == 0x7f || "/\\:*?\"<>|".indexOf(ch) >= 0 || (i == 0 && ch == '.');
      b.append(bad ? '_' : ch);
    }
    return b.toString();
  }

  private static int writeHalf(Images images, Path dir, LongConsumer advance) throws IOException {
    if (images.channels() != 1 && images.channels() != 3) {
      throw new IllegalArgumentException("PNG folders hold grey (1 channel) or RGB (3 channel) images, not " + images.channels() + " channels");
    }
    List<String> folders = folderNames(images.classes());
    int[] perClass = new int[folders.size()];
    for (int i = 0; i < images.count(); i++) perClass[images.label(i)]++;
    for (int c = 0; c < folders.size(); c++) {
      if (perClass[c] == 0) {
        throw new IllegalArgumentException(dir.toAbsolutePath() + ": class '" + images.classes().get(c) + "' has no image here, and an image folder cannot hold an empty class (it would read back without it)");
      }
    }
    for (String f : folders) Files.createDirectories(dir.resolve(f));
    int digits = Integer.toString(Math.max(0, images.count() - 1)).length();
    // more threads than cores: each file is forced to the disk, and concurrent forces share the journal's commits
    int threads = Math.max(IO_THREADS, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "image-folder-writer");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int start = 0; start < images.count(); start += CHUNK) {
        int end = Math.min(images.count(), start + CHUNK);
        List<Future<?>> done = new ArrayList<>(threads);
        int per = (end - start + threads - 1) / threads;
        for (int from = start; from < end; from += per) {
          int a = from;
          int b = Math.min(end, from + per);
          done.add(pool.submit(() -> {
            ImageWriter png = pngWriter();
            try {
              for (int i = a; i < b; i++) {
                Path file = dir.resolve(folders.get(images.label(i))).resolve(String.format(Locale.ROOT, "%0" + digits + "d.png", i));
                byte[] bytes = encode(png, images, i);
                AtomicWrite.bytes(file, out -> out.write(bytes));
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            } finally {
              png.dispose();
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          try {
            f.get();
          } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException(e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing " + dir, e);
          }
        }
        advance.accept(end - start);
      }
    } finally {
      pool.shutdownNow();
    }
    return images.count();
  }

  /** Image {@code i} of {@code images} as PNG bytes. */
  static byte[] encode(ImageWriter png, Images images, int i) throws IOException {
    int w = images.width();
    int h = images.height();
    int plane = w * h;
    float[] px = images.pixels();
    int base = i * images.size();
    BufferedImage img;
    if (images.channels() == 1) {
      img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
      byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
      for (int p = 0; p < plane; p++) data[p] = (byte) toByte(px[base + p]);
    } else {
      img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
      byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData(); // B, G, R per pixel
      for (int p = 0; p < plane; p++) {
        data[3 * p + 2] = (byte) toByte(px[base + p]);
        data[3 * p + 1] = (byte) toByte(px[base + plane + p]);
        data[3 * p] = (byte) toByte(px[base + 2 * plane + p]);
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(plane * images.channels() + 128);
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      png.setOutput(out);
      png.write(img);
    } finally {
      png.reset();
    }
    return bytes.toByteArray();
  }

  /** A value in [0, 1] as the nearest of 0..255 (clamped; NaN gives 0). */
  public static int toByte(float v) {
    int b = Math.round(v * 255f);
    return b < 0 ? 0 : Math.min(255, b);
  }

  private static ImageWriter pngWriter() {
    Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("png");
    if (!it.hasNext()) throw new IllegalStateException("this Java has no PNG writer (javax.imageio)");
    return it.next();
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return false;
    try (var s = Files.list(dir)) {
      return s.findFirst().isEmpty();
    }
  }
}
