package org.invariance.plugins.imagefolder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.invariance.config.InvalidConfig;
import org.invariance.data.ImageShape;
import org.invariance.data.Images;
import org.invariance.data.Split;
import org.invariance.metrics.Progress;
import org.invariance.plugin.Source;
import org.invariance.plugin.SourceContext;
import org.invariance.plugins.imagefolder.Decoder.Decoded;
import org.invariance.plugins.imagefolder.Folders.ImageFile;
import org.invariance.plugins.imagefolder.Folders.Scan;
import org.invariance.plugins.imagefolder.ImageFolderConfig.Mode;

/**
 * Labelled images from PNG and JPEG files in class folders, as torchvision's {@code ImageFolder}
 * reads them ({@link Folders} says the order), with the values PIL and torchvision's
 * {@code ToTensor} give 8-bit PNGs (each sample / 255 as a float). {@code root/train/} and
 * {@code root/test/} are the split when both exist; else {@code root}'s class folders are split
 * by {@code test_fraction}.
 *
 * <p>Values ({@link Decoder}): samples are read from the raster, never through {@code getRGB}:
 * 8-bit v gives {@code v / 255f}, 16-bit PNG samples {@code v / 65535f} (PIL would cut 16-bit
 * colour to 8 bits); palette images go through their palette. Grey from colour is PIL's
 * {@code convert("L")} exactly: {@code (R * 19595 + G * 38470 + B * 7471 + 0x8000) >> 16}, the
 * ITU-R 601-2 luma rounded to the nearest level (Pillow 7 and later; Pillow 6 truncated). Colour
 * from grey repeats the grey. Alpha is dropped, not composited on a background, as PIL's
 * {@code convert("RGB")} does. JPEGs are decoded by Java's own libjpeg (IJG 6b), PIL's by
 * libjpeg-turbo: the baseline, progressive, 4:2:0 and 4:4:4 JPEGs checked agree to the level, but
 * other decoders or options may differ by a level or two; an embedded ICC profile is ignored, as
 * PIL ignores it; CMYK/YCCK JPEGs are refused (PIL converts them). Hidden entries (names starting with '.') are never classes or
 * images; torchvision would take them.
 *
 * <p>Resizing ({@code size}, {@link Resize}) works on the [0, 1] values in double precision, per
 * channel and axis: bilinear with half-pixel centres where an axis grows, area averaging where it
 * shrinks (PIL resizes 8-bit images and rounds; here nothing is rounded).
 *
 * <p>Files are read and decoded on every core; each image lands at its own place and the
 * checksum is taken in one fixed order, so the result does not depend on the threads.
 */
public final class ImageFolderSource implements Source<ImageFolderConfig> {
  /** Files read ahead of the checksum, per thread. */
  private static final int AHEAD_PER_THREAD = 64;

  @Override
  public Class<ImageFolderConfig> configType() {
    return ImageFolderConfig.class;
  }

  /** None: the root is a folder, which {@link #load} and {@link #shape} check themselves. */
  @Override
  public Map<String, String> files(ImageFolderConfig config) {
    return Map.of();
  }

  /** From the config when it gives size and a mode other than auto; else from the first image (the one {@link #load} reads first). */
  @Override
  public Optional<ImageShape> shape(ImageFolderConfig config, SourceContext context) throws IOException {
    Path root = Folders.root(context.resolve(config.root()));
    Folders.trainTest(root, config);
    if (config.size() != null && config.mode() != Mode.AUTO) {
      return Optional.of(new ImageShape(config.mode() == Mode.RGB ? 3 : 1, config.size().get(1), config.size().get(0)));
    }
    ImageFile first = Folders.first(root, config);
    Decoded d = Decoder.decode(read(first.path()), first.path());
    int channels = channels(config.mode(), d);
    return Optional.of(config.size() != null ? new ImageShape(channels, config.size().get(1), config.size().get(0)) : new ImageShape(channels, d.height(), d.width()));
  }

  /** The class folders in label order, from a listing of the folders only (no image is read). */
  @Override
  public Optional<List<String>> classes(ImageFolderConfig config, SourceContext context) throws IOException {
    Path root = Folders.root(context.resolve(config.root()));
    Path half = Folders.trainTest(root, config) ? root.resolve("train") : root;
    return Optional.of(Folders.ordered(Folders.classes(half, new int[1]), config, half));
  }

  @Override
  public Split load(SourceContext context, ImageFolderConfig config) throws IOException {
    Path root = Folders.root(context.resolve(config.root()));
    Scan scan = Folders.scan(root, config);
    List<ImageFile> files = scan.all();
    int n = files.size();
    ImageFile firstFile = files.get(0);
    Decoded first = Decoder.decode(read(firstFile.path()), firstFile.path());
    int channels = channels(config.mode(), first);
    boolean resize = config.size() != null;
    int width = resize ? config.size().get(0) : first.width();
    int height = resize ? config.size().get(1) : first.height();
    ImageShape shape;
    try {
      shape = new ImageShape(channels, height, width);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfig(resize ? "size" : "root", firstFile.path() + ": " + e.getMessage());
    }
    int size = shape.size();
    int nTrain = scan.train().size();
    int nTest = n - nTrain;
    if ((long) Math.max(nTrain, nTest) * size > Integer.MAX_VALUE - 8) {
      throw new InvalidConfig("root", root + " holds " + n + " images of " + shape + " values, more than one array holds: set size smaller or split the folder");
    }
    float[] trainPixels = new float[nTrain * size];
    float[] testPixels = new float[nTest * size];
    byte[] trainLabels = new byte[nTrain];
    byte[] testLabels = new byte[nTest];
    for (int i = 0; i < n; i++) {
      if (i < nTrain) trainLabels[i] = (byte) files.get(i).label();
      else testLabels[i - nTrain] = (byte) files.get(i).label();
    }

    // each file is read once, decoded into its place on any thread; the checksum takes them in sorted path order
    int[] order = IntStream.range(0, n).boxed()
        .sorted((a, b) -> Folders.CODE_POINTS.compare(files.get(a).relative(), files.get(b).relative()))
        .mapToInt(Integer::intValue).toArray();
    MessageDigest sha = sha256();
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "image-folder");
      t.setDaemon(true);
      return t;
    });
    try (Progress progress = context.progress("images", n, "images")) {
      Deque<Future<byte[]>> ahead = new ArrayDeque<>();
      int next = 0;
      for (int k = 0; k < n; k++) {
        int i = order[k];
        ImageFile f = files.get(i);
        float[] out = i < nTrain ? trainPixels : testPixels;
        int offset = (i < nTrain ? i : i - nTrain) * size;
        ahead.add(pool.submit(() -> {
          byte[] bytes = read(f.path());
          Decoded d = Decoder.decode(bytes, f.path());
          place(d, f, firstFile, first, channels, resize, width, height, out, offset);
          return bytes;
        }));
        if (ahead.size() >= threads * AHEAD_PER_THREAD) digest(sha, files.get(order[next++]), take(ahead), progress);
      }
      while (!ahead.isEmpty()) digest(sha, files.get(order[next++]), take(ahead), progress);
    } finally {
      pool.shutdownNow();
    }

    List<String> classes = scan.classes();
    Images train = new Images(config.name(), width, height, channels, trainPixels, trainLabels, classes);
    Split split;
    String layout;
    if (scan.trainTest()) {
      split = new Split(train, new Images(config.name(), width, height, channels, testPixels, testLabels, classes));
      layout = "train/test folders";
    } else {
      split = Split.stratified(train, config.testFractionOrDefault());
      layout = "stratified: the last " + config.testFractionOrDefault() + " of each class (sorted file order) is test";
    }
    context.record("root", root.toString());
    context.record("layout", layout);
    context.record("files", Integer.toString(n));
    context.record("skipped", Integer.toString(scan.skipped()));
    context.record("mode", channels == 3 ? "rgb" : "grey");
    context.record("size", width + "x" + height + (resize ? " (resized)" : ""));
    context.record("sha256", HexFormat.of().formatHex(sha.digest()));
    return split;
  }

  /** The image's values at {@code out[offset...]}: at its size, or resized; without size, a size other than the first image's is an error. */
  private static void place(Decoded d, ImageFile f, ImageFile firstFile, Decoded first, int channels, boolean resize, int width, int height, float[] out, int offset) {
    if (!resize) {
      if (d.width() != width || d.height() != height) {
        throw new InvalidConfig("root", f.path() + ": " + d.width() + "x" + d.height() + " pixels, but the first image (" + firstFile.path() + ") is "
            + first.width() + "x" + first.height() + ": every image must have one size, or set size to resize them all");
      }
      d.values(channels, out, offset);
    } else if (d.width() == width && d.height() == height) {
      d.values(channels, out, offset);
    } else {
      float[] own = new float[channels * d.width() * d.height()];
      d.values(channels, own, 0);
      Resize.resize(own, channels, d.width(), d.height(), out, offset, width, height);
    }
  }

  /** Adds one file to the checksum: its relative path in UTF-8, a 0 byte, its length as 8 bytes big-endian, its bytes. */
  private static void digest(MessageDigest sha, ImageFile f, byte[] bytes, Progress progress) {
    sha.update(f.relative().getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
    sha.update(bytes);
    progress.advance(1);
  }

  private static byte[] take(Deque<Future<byte[]>> ahead) throws IOException {
    Future<byte[]> f = ahead.removeFirst();
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) throw r;
      if (cause instanceof IOException io) throw io;
      if (cause instanceof Error err) throw err;
      throw new IOException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading images", e);
    }
  }

  private static int channels(Mode mode, Decoded first) {
    return switch (mode) {
      case GREY -> 1;
      case RGB -> 3;
      case AUTO -> first.colour() ? 3 : 1;
    };
  }

  static byte[] read(Path file) throws IOException {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw Decoder.unreadable(file, "cannot read the file: " + (e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName()));
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
