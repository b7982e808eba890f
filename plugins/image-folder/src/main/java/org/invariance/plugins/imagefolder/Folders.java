package org.invariance.plugins.imagefolder;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.invariance.config.InvalidConfig;

/**
 * Finds the classes and image files of an image folder in torchvision's order: class folders
 * sorted by name; within a class, every folder under it (symbolic links followed) sorted by its
 * path, and each folder's files sorted by name, as {@code sorted(os.walk(class_dir))} then
 * {@code sorted(files)} gives them. Names compare by Unicode code point, as Python's strings do.
 * Unlike torchvision, entries whose names start with '.' (hidden: {@code .DS_Store},
 * {@code .ipynb_checkpoints}, macOS's {@code ._x.jpg}) are never classes or images.
 */
final class Folders {
  /** The file name endings read, compared without case. */
  static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

  /** Sorts as Python sorts str: by Unicode code point. */
  static final Comparator<String> CODE_POINTS = Folders::compareCodePoints;

  private Folders() {}

  /** One image file: where it is, its path relative to the root ('/'-separated) and its class. */
  record ImageFile(Path path, String relative, int label) {}

  /**
   * What an image folder holds: the sorted class names; the training files (all files, for a
   * root of class folders) and the test files (null for a root of class folders), each half
   * class by class; the count of other files seen.
   */
  record Scan(boolean trainTest, List<String> classes, List<ImageFile> train, List<ImageFile> test, int skipped) {
    List<ImageFile> all() {
      if (test == null) return train;
      List<ImageFile> all = new ArrayList<>(train.size() + test.size());
      all.addAll(train);
      all.addAll(test);
      return all;
    }
  }

  /** The root folder, resolved against the experiment file and checked to be a folder. */
  static Path root(Path resolved) {
    Path root = resolved.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new InvalidConfig("root", (Files.exists(root) ? root + " is a file, not a folder" : "no folder " + root)
          + " (root is relative to the experiment file and holds one folder per class, or train/ and test/ folders of them)");
    }
    return root;
  }

  /**
   * Whether {@code root} has train/ and test/ folders (true) or is itself a folder of class
   * folders (false); one of them without the other, or {@code test_fraction} with both, is an error.
   */
  static boolean trainTest(Path root, ImageFolderConfig config) {
    boolean train = Files.isDirectory(root.resolve("train"));
    boolean test = Files.isDirectory(root.resolve("test"));
    if (train != test) {
      String has = train ? "train" : "test";
      String lacks = train ? "test" : "train";
      throw new InvalidConfig("root", root.resolve(has) + " is a folder but " + root.resolve(lacks) + " is not: a split image folder has both train/ and test/"
          + " (or, for a root of class folders split by test_fraction, rename the class folder '" + has + "')");
    }
    if (train && config.testFraction() != null) {
      throw new InvalidConfig("test_fraction", "only for a root of class folders: " + root + " has train/ and test/ folders, which are the split");
    }
    return train;
  }

  /** Every class and image file under {@code root} in load order, with every rule checked. */
  static Scan scan(Path root, ImageFolderConfig config) throws IOException {
    int[] skipped = {0};
    if (trainTest(root, config)) {
      Path train = root.resolve("train");
      Path test = root.resolve("test");
      List<String> classes = ordered(classes(train, skipped), config, train);
      List<String> testClasses = ordered(classes(test, skipped), config, test);
      if (!classes.equals(testClasses)) {
        for (String c : testClasses) {
          if (!classes.contains(c)) throw new InvalidConfig("root", test.resolve(c) + " has no counterpart " + train.resolve(c) + ": train/ and test/ must hold the same class folders");
        }
        for (String c : classes) {
          if (!testClasses.contains(c)) throw new InvalidConfig("root", train.resolve(c) + " has no counterpart " + test.resolve(c) + ": train/ and test/ must hold the same class folders");
        }
      }
      return new Scan(true, classes, files(root, train, classes, skipped), files(root, test, classes, skipped), skipped[0]);
    }
    List<String> classes = ordered(classes(root, skipped), config, root);
    return new Scan(false, classes, files(root, root, classes, skipped), null, skipped[0]);
  }

  /**
   * The class folders found (sorted) in the order of {@code classes:} when it is given: each listed
   * folder must exist, and each folder must be listed (its images would have no label).
   */
  static List<String> ordered(List<String> found, ImageFolderConfig config, Path dir) {
    if (config.classes() == null) return found;
    for (int i = 0; i < config.classes().size(); i++) {
      if (!found.contains(config.classes().get(i))) {
        throw new InvalidConfig("classes." + i, "no class folder " + dir.resolve(config.classes().get(i)) + "; class folders there: " + String.join(", ", found));
      }
    }
    for (String f : found) {
      if (!config.classes().contains(f)) throw new InvalidConfig("classes", "the class folder " + dir.resolve(f) + " is not listed: list every class folder, in label order");
    }
    return config.classes();
  }

  /**
   * The first image {@link #scan} would list (the first class's first file of the training half),
   * found by listing only that class's folders.
   */
  static ImageFile first(Path root, ImageFolderConfig config) throws IOException {
    Path half = trainTest(root, config) ? root.resolve("train") : root;
    List<String> classes = ordered(classes(half, new int[1]), config, half);
    List<ImageFile> files = classFiles(root, half.resolve(classes.get(0)), 0, new int[1], true);
    return files.get(0);
  }

  /** The class folders of {@code dir}, sorted; files beside them are counted in {@code skipped}. */
  static List<String> classes(Path dir, int[] skipped) throws IOException {
    List<String> classes = new ArrayList<>();
    for (Path p : list(dir)) {
      String name = p.getFileName().toString();
      if (Files.isDirectory(p)) {
        if (!hidden(name)) classes.add(name);
      } else {
        skipped[0]++;
      }
    }
    if (classes.isEmpty()) throw new InvalidConfig("root", dir + " holds no class folder (one folder per class, each holding that class's .png or .jpg images)");
    if (classes.size() > 256) throw new InvalidConfig("root", dir + " holds " + classes.size() + " class folders; at most 256 classes (labels are bytes)");
    return classes;
  }

  private static List<ImageFile> files(Path root, Path half, List<String> classes, int[] skipped) throws IOException {
    List<ImageFile> files = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) files.addAll(classFiles(root, half.resolve(classes.get(c)), c, skipped, false));
    return files;
  }

  /** A class folder's images in torchvision's order (only the first one when {@code firstOnly}); none is an error. */
  private static List<ImageFile> classFiles(Path root, Path classDir, int label, int[] skipped, boolean firstOnly) throws IOException {
    List<Path> dirs = new ArrayList<>();
    folders(classDir, dirs, new ArrayList<>());
    // sorted(os.walk(class_dir)): by the folder's path, and the class folder itself first
    dirs.sort(Comparator.comparing(d -> slashed(classDir.relativize(d)), CODE_POINTS));
    List<ImageFile> files = new ArrayList<>();
    for (Path d : dirs) {
      for (Path f : list(d)) {
        String name = f.getFileName().toString();
        if (Files.isDirectory(f)) continue;
        if (!hidden(name) && image(name) && Files.isRegularFile(f)) {
          files.add(new ImageFile(f, slashed(root.relativize(f)), label));
          if (firstOnly) return files;
        } else {
          skipped[0]++;
        }
      }
    }
    if (files.isEmpty()) throw new InvalidConfig("root", classDir + " holds no .png, .jpg or .jpeg image (nor do its subfolders): remove the class folder or add its images");
    return files;
  }

  /** {@code dir} and every non-hidden folder under it (links followed; a link back to an enclosing folder is an error). */
  private static void folders(Path dir, List<Path> out, List<Path> enclosing) throws IOException {
    Path real = dir.toRealPath();
    if (enclosing.contains(real)) throw new InvalidConfig("root", dir + " is a symbolic link back to " + real + ", which encloses it: remove the loop");
    out.add(dir);
    enclosing.add(real);
    for (Path p : list(dir)) {
      if (Files.isDirectory(p) && !hidden(p.getFileName().toString())) folders(p, out, enclosing);
    }
    enclosing.remove(enclosing.size() - 1);
  }

  /** The entries of {@code dir}, sorted by name. */
  static List<Path> list(Path dir) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) entries.add(p);
    }
    entries.sort(Comparator.comparing(p -> p.getFileName().toString(), CODE_POINTS));
    return entries;
  }

  static boolean hidden(String name) {
    return name.startsWith(".");
  }

  static boolean image(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String e : EXTENSIONS) if (lower.endsWith(e)) return true;
    return false;
  }

  /** A relative path with '/' between its names, whatever the platform's separator. */
  static String slashed(Path relative) {
    StringBuilder b = new StringBuilder();
    for (Path name : relative) {
      if (b.length() > 0) b.append('/');
      b.append(name);
    }
    return b.toString();
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) return Integer.compare(ca, cb);
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
