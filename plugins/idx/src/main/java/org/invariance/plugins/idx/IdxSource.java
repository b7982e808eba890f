package org.invariance.plugins.idx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Labelled images from IDX files on disk (MNIST's layout, raw or gzip): a training pair and
 * optionally a test pair, else a stratified split of the one pair. Each file's SHA-256 goes into
 * the run's provenance.
 */
public final class IdxSource implements Source<IdxConfig> {
  @Override
  public Class<IdxConfig> configType() {
    return IdxConfig.class;
  }

  // docs-region: load (docs/WRITING-A-SOURCE.md shows it; DocsTest keeps the two the same)
  @Override
  public Map<String, String> files(IdxConfig config) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("images", config.images());
    files.put("labels", config.labels());
    if (config.separateTest()) {
      files.put("test_images", config.testImages());
      files.put("test_labels", config.testLabels());
    }
    return files;
  }

  @Override
  public Split load(SourceContext context, IdxConfig config) throws IOException {
    Map<String, Path> files = new LinkedHashMap<>();
    files(config).forEach((field, path) -> files.put(field, context.resolve(path)));
    for (Map.Entry<String, Path> f : files.entrySet()) {
      if (!Files.isRegularFile(f.getValue())) throw new InvalidConfig(f.getKey(), "no such file: " + f.getValue());
    }
    List<String> classes = config.classes() != null ? config.classes() : numberedClasses(files);
    Images train = IdxReader.images(config.name(), files.get("images"), files.get("labels"), classes);
    Split split;
    if (config.separateTest()) {
      Images test = IdxReader.images(config.name(), files.get("test_images"), files.get("test_labels"), classes);
      if (test.width() != train.width() || test.height() != train.height()) {
        throw new IOException(files.get("test_images") + ": the test images are " + test.width() + "x" + test.height() + ", the training images in "
            + files.get("images") + " are " + train.width() + "x" + train.height());
      }
      split = new Split(train, test);
      context.record("split", "the test files");
    } else {
      split = Split.stratified(train, config.testFraction());
      context.record("split", "stratified: the last " + config.testFraction() + " of each class (file order) is test");
    }
    for (Map.Entry<String, Path> f : files.entrySet()) {
      context.record(f.getKey(), f.getValue().toString());
      context.record(f.getKey() + "_sha256", NpmPackage.sha256(f.getValue()));
    }
    return split;
  }
  // docs-end: load

  /** Rows x columns of grey pixels, from the images file's header (nothing else is read). */
  @Override
  public Optional<ImageShape> shape(IdxConfig config, SourceContext context) throws IOException {
    int[] dims = IdxReader.dims(context.resolve(config.images()));
    return dims.length == 3 ? Optional.of(ImageShape.grey(dims[2], dims[1])) : Optional.empty();
  }

  /** "0", "1", ..., up to the largest label in the label files. */
  private static List<String> numberedClasses(Map<String, Path> files) throws IOException {
    int max = 0;
    for (String key : List.of("labels", "test_labels")) {
      Path p = files.get(key);
      if (p == null) continue;
      for (byte b : IdxReader.read(p).data()) max = Math.max(max, b & 0xff);
    }
    return Images.numbered(max + 1);
  }

  /** The classes the config names; without them, only the label files tell. */
  @Override
  public Optional<List<String>> classes(IdxConfig config, SourceContext context) {
    return Optional.ofNullable(config.classes());
  }
}
