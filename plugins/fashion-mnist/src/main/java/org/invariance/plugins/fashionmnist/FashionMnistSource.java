package org.invariance.plugins.fashionmnist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.invariance.config.InvalidConfig;
import org.invariance.data.IdxReader;
import org.invariance.data.ImageShape;
import org.invariance.data.Images;
import org.invariance.data.NpmPackage;
import org.invariance.data.Split;
import org.invariance.plugin.Source;
import org.invariance.plugin.SourceContext;

/**
 * Zalando's Fashion-MNIST (60,000 training and 10,000 test images of ten garments, 28x28) from the
 * IDX files of Debian's {@code dataset-fashion-mnist} ({@value FashionMnistConfig#DEBIAN_DIR}) or
 * any directory holding the same four files, raw or gzip. Nothing is downloaded.
 */
public final class FashionMnistSource implements Source<FashionMnistConfig> {
  /** The class names, by label, as Zalando lists them. */
  public static final List<String> CLASSES =
      List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  @Override
  public Class<FashionMnistConfig> configType() {
    return FashionMnistConfig.class;
  }

  @Override
  public Split load(SourceContext context, FashionMnistConfig config) throws IOException {
    Path dir = context.resolve(config.dir());
    List<Path> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String base : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
      Path f = find(dir, base);
      if (f == null) missing.add(base + "[.gz]");
      found.add(f);
    }
    if (!missing.isEmpty()) {
      throw new InvalidConfig("dir", "no Fashion-MNIST in " + dir + " (missing " + String.join(", ", missing)
          + "): install Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or set dir to a directory holding the four IDX files");
    }
    context.record("dir", dir.toString());
    for (Path f : found) context.record(f.getFileName() + "_sha256", NpmPackage.sha256(f));
    Images train = IdxReader.images(config.name(), found.get(0), found.get(1), CLASSES);
    Images test = IdxReader.images(config.name(), found.get(2), found.get(3), CLASSES);
    context.record("split", "the dataset's own: train-* is training, t10k-* is test");
    return new Split(train, test);
  }

  /** Fashion-MNIST's garments are 28 x 28 grey pixels. */
  @Override
  public Optional<ImageShape> shape(FashionMnistConfig config, SourceContext context) {
    return Optional.of(ImageShape.grey(28, 28));
  }

  /** {@code dir/base.gz} or {@code dir/base}, whichever exists (gzip first, as Debian ships it). */
  static Path find(Path dir, String base) {
    for (String name : List.of(base + ".gz", base)) {
      Path f = dir.resolve(name);
      if (Files.isRegularFile(f)) return f;
    }
    return null;
  }

  /** Zalando's ten garments. */
  @Override
  public Optional<List<String>> classes(FashionMnistConfig config, SourceContext context) {
    return Optional.of(CLASSES);
  }
}
