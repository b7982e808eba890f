package org.invariance.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.invariance.data.ImageFolderWriter;
import org.invariance.data.Split;
import org.invariance.experiment.ConfigException;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.ExperimentLoader;
import org.invariance.metrics.Progress;
import org.invariance.metrics.RunMetrics;
import org.invariance.plugin.PluginRegistry;
import org.invariance.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code export-images}: any data source's images written as an image folder, the layout of
 * torchvision's {@code ImageFolder} (and of the {@code image-folder} source): a way to hand the
 * project's data to PyTorch, or to try an image-folder experiment on known data.
 */
@Command(name = "export-images", mixinStandardHelpOptions = true,
    description = {"Write a data source's images as PNG files in an image folder: OUT/train/<class>/*.png and OUT/test/<class>/*.png.",
        "Example: export-images fashion-mnist data/fashion-mnist (Debian's Fashion-MNIST as 70,000 PNGs)."})
final class ExportImages implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SOURCE", description = "a source plugin (see 'invariance plugins')")
  String source;

  @Parameters(index = "1", paramLabel = "OUT", description = "the folder to write; it must not exist or be empty")
  Path out;

  @Parameters(index = "2..*", arity = "0..*", paramLabel = "KEY=VALUE", description = "the source's keys, as under data: in an experiment (train_limit=1000, dir=..., ...)")
  List<String> keys = new ArrayList<>();

  @Option(names = "--cache", paramLabel = "DIR", description = "fetched data (default: $INVARIANCE_CACHE or ~/.cache/invariance)")
  Path cache;

  @Override
  public Integer call() throws IOException {
    PluginRegistry plugins = PluginRegistry.discover();
    Experiment data = new ExperimentLoader(plugins).dataOnly(source, keys);
    if (Files.exists(out) && (!Files.isDirectory(out) || !isEmpty(out))) {
      throw new ConfigException(out.toString(), 0, 0, null, Files.isDirectory(out) ? "is not empty: choose a new folder" : "is a file, not a folder");
    }
    Path cacheDir = cache != null ? cache : CacheDir.resolve();
    RunMetrics metrics = new RunMetrics(new SimpleMeterRegistry(), "export-images", Verbosity.current.progress());
    try {
      Split split = Runner.loadSplit(plugins, data, cacheDir, JsonNodeFactory.instance.objectNode(), metrics);
      int written;
      try (Progress p = metrics.probe("export-images", "images", (long) split.train().count() + split.test().count(), "images")) {
        written = ImageFolderWriter.write(split, out, p::advance);
      } catch (IllegalArgumentException | FileAlreadyExistsException e) {
        // class names that make no folder, or one a run of this command left: bad input, in words
        throw new ConfigException(out.toString(), 0, 0, null, e.getMessage());
      }
      System.out.println(out.toAbsolutePath() + ": " + written + " images of " + split.train().shape() + " (" + split.train().count() + " training, "
          + split.test().count() + " test); the class folders in label order (the image-folder source numbers them sorted unless its classes: key says this): ["
          + String.join(", ", ImageFolderWriter.folderNames(split.classes())) + "]");
    } finally {
      metrics.close();
    }
    return 0;
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.findAny().isEmpty();
    }
  }
}
