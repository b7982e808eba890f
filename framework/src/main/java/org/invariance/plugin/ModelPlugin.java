package org.invariance.plugin;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.invariance.data.ImageShape;
import org.invariance.model.Model;

/**
 * Builds one kind of model: trains it (its training code lives here, in the plugin) and reads back
 * what its {@link Model#write} stored. A model may build on another stage of the experiment, named
 * with {@code on:} (a frozen softmax head on a pretrained encoder, a classifier fine-tuned from an
 * encoder). Training runs on a compute worker, may take minutes, reports progress through the
 * context, and must be deterministic for a given config, seed and data.
 */
public interface ModelPlugin<C> extends Plugin<C> {
  /** Whether a model of this plugin builds on another stage. */
  enum Upstream {
    /** Trained from scratch; {@code on:} is an error. */
    NONE,
    /** May start from another stage ({@code on:} optional). */
    OPTIONAL,
    /** Sits on another stage ({@code on:} required). */
    REQUIRED
  }

  default Upstream upstream() {
    return Upstream.NONE;
  }

  Model train(TrainingContext context, C config) throws Exception;

  /**
   * How many layers ({@link Model#layers()}, 1 = the input) the model will have, known from its
   * config before training, so {@code validate} catches a probe asking for a layer that will not
   * exist; 0 when only training (or reading a file) tells.
   *
   * @param upstreamLayers the layers of the stage it builds on (0 for none, or when not known)
   */
  default int layers(C config, int upstreamLayers) {
    return 0;
  }

  /**
   * The files a model reads (a network trained elsewhere), by the config field that names them,
   * paths as written (relative to the experiment file). The run checks they exist before any work
   * (a missing one is bad input at its line), puts their SHA-256 in the model's identity (a changed
   * file is a different model) and in the provenance. Open them with {@link TrainingContext#resolve}.
   */
  default Map<String, String> files(C config) {
    return Map.of();
  }

  /**
   * Checks the files a model reads before any data loads ({@code validate} and the run call it):
   * that the plugin can read them, run what they hold, and feed them images of the data's shape.
   * Throws an {@link org.invariance.config.InvalidConfig} naming the field at fault, in words (the
   * run reports it at that line of the experiment file, exit code 2). Checks nothing by default.
   *
   * @param files each field of {@link #files} with its path resolved against the experiment file (each exists and is readable)
   * @param data the shape of the data's images when the source tells it before loading ({@code Source.shape})
   */
  default void check(C config, Map<String, Path> files, Optional<ImageShape> data) throws IOException {}

  /**
   * Reads a model this plugin wrote.
   *
   * @param upstream the stage it builds on, already read, or null
   */
  Model read(DataInputStream in, C config, Model upstream) throws IOException;
}
