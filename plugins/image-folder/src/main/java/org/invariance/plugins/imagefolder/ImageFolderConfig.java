package org.invariance.plugins.imagefolder;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.invariance.config.InvalidConfig;

/**
 * The {@code image-folder} source's options: PNG and JPEG files in class folders, laid out as
 * torchvision's {@code ImageFolder} reads them.
 *
 * <p>Provenance records {@code root} (the absolute folder), {@code layout}, {@code files} (images
 * read), {@code skipped} (other files seen, hidden ones included), {@code mode} (grey or rgb, as
 * resolved), {@code size} (width x height, "(resized)" when {@code size} was given) and
 * {@code sha256}: the SHA-256 of, for each image file read, in the order of their relative paths
 * ('/'-separated, relative to {@code root}, so "test/cat/1.png" in a train/test layout), sorted by
 * Unicode code point: the path's UTF-8 bytes, one 0 byte, the file's length as 8 bytes big-endian,
 * then the file's bytes. The same digest in Python, with {@code files} the (relative path, bytes)
 * pairs: {@code h = hashlib.sha256(); [h.update(p.encode() + b"\0" + len(b).to_bytes(8, "big") + b) for p, b in sorted(files)]}.
 *
 * @param root the folder (relative to the experiment file): either {@code root/train/<class>/...}
 *     and {@code root/test/<class>/...}, the folders' own split, or {@code root/<class>/...}, split
 *     by {@code test_fraction}. Required.
 * @param testFraction only for a root of class folders: the last fraction of each class, in sorted
 *     file order, is the test split; default 0.2 ({@link #testFractionOrDefault()}); an error with
 *     train/test folders
 * @param mode {@code grey}, {@code rgb} or {@code auto} (default): rgb when the first image has
 *     colour, else grey
 * @param size {@code [width, height]}, or one integer for a square: every image is resized to it;
 *     absent: every image must have the first image's size
 * @param name the dataset's name in results; default the root folder's own name with characters
 *     other than letters, digits and {@code . _ + -} replaced by '-'
 * @param classes the class folders in label order: class i is the i-th (a network trained with
 *     another order than the folders' sorted one needs this); every folder listed exactly once;
 *     default the folders sorted, as torchvision's {@code ImageFolder} numbers them
 */
public record ImageFolderConfig(
    @JsonProperty(required = true) String root,
    Double testFraction,
    Mode mode,
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Integer> size,
    String name,
    List<String> classes) {

  /** The default test fraction of a root of class folders. */
  public static final double DEFAULT_TEST_FRACTION = 0.2;

  /** How many channels the images get. */
  public enum Mode { GREY, RGB, AUTO;
    @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
  }

  public ImageFolderConfig {
    InvalidConfig.require(root != null && !root.isBlank(), "root", "required: the folder of class folders (or of train/ and test/ folders of them)");
    if (mode == null) mode = Mode.AUTO;
    InvalidConfig.require(testFraction == null || (testFraction > 0 && testFraction < 1), "test_fraction", "must be between 0 and 1 (exclusive), got " + testFraction);
    if (size != null) {
      InvalidConfig.require(size.size() == 1 || size.size() == 2, "size", "[width, height] or one integer for a square, got " + size.size() + " numbers");
      for (int i = 0; i < size.size(); i++) {
        Integer s = size.get(i);
        InvalidConfig.require(s != null && s >= 1 && s <= 16_384, size.size() == 1 ? "size" : "size." + i, "a size is an integer from 1 to 16384 pixels, got " + s);
      }
      size = size.size() == 1 ? List.of(size.get(0), size.get(0)) : List.copyOf(size);
    }
    if (name == null) name = defaultName(root);
    InvalidConfig.require(!name.isBlank(), "name", "must not be empty");
    if (classes != null) {
      InvalidConfig.require(!classes.isEmpty() && classes.size() <= 256, "classes", "1 to 256 class folders, got " + classes.size());
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < classes.size(); i++) {
        InvalidConfig.require(classes.get(i) != null && !classes.get(i).isBlank(), "classes." + i, "a class is the name of a class folder");
        InvalidConfig.require(seen.add(classes.get(i)), "classes." + i, "'" + classes.get(i) + "' is listed twice");
      }
      classes = List.copyOf(classes);
    }
  }

  /** {@code test_fraction}, or its default 0.2 where it was not given. */
  public double testFractionOrDefault() {
    return testFraction == null ? DEFAULT_TEST_FRACTION : testFraction;
  }

  /** The root folder's own name, characters other than [A-Za-z0-9._+-] replaced by '-'. */
  static String defaultName(String root) {
    Path file;
    try {
      file = Path.of(root).normalize().getFileName();
    } catch (InvalidPathException e) {
      throw new InvalidConfig("root", "not a path: " + e.getMessage());
    }
    String own = file == null ? "" : file.toString();
    if (own.isEmpty() || own.equals("..")) throw new InvalidConfig("root", "'" + root + "' names no folder of its own to name the dataset after: set name");
    StringBuilder b = new StringBuilder();
    own.codePoints().forEach(c -> b.append(c < 128 && (Character.isLetterOrDigit(c) || "._+-".indexOf(c) >= 0) ? (char) c : '-'));
    return b.toString();
  }
}
