package org.invariance.plugins.onnx;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.invariance.config.InvalidConfig;
import org.invariance.data.ImageShape;
import org.invariance.data.Images;
import org.invariance.model.Model;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.TrainingContext;

/**
 * Networks trained elsewhere and exported to ONNX, probed as they are: "training" reads the file
 * (its SHA-256 is part of the model's identity, so a changed file is a new model), checks that it
 * runs on the data's images and tells their classes apart, and stores it. Everything is checked
 * before any data loads when the source tells its image shape ({@link #check}): a file that is no
 * ONNX model, an operator ONNX Runtime lacks, an input shape the images do not fit, a layer the
 * graph does not make.
 */
public final class OnnxPlugin implements ModelPlugin<OnnxConfig> {
  @Override
  public Class<OnnxConfig> configType() {
    return OnnxConfig.class;
  }

  @Override
  public Map<String, String> files(OnnxConfig config) {
    return Map.of("file", config.file());
  }

  /** The input, then one layer per value of {@code layers}; unknown (0) without the key, until the graph is read. */
  @Override
  public int layers(OnnxConfig config, int upstreamLayers) {
    return config.layers() == null ? 0 : config.layers().size() + 1;
  }

  @Override
  public void check(OnnxConfig config, Map<String, Path> files, Optional<ImageShape> data) throws IOException {
    Path file = files.get("file");
    byte[] bytes = read(file);
    if (data.isPresent()) {
      open(bytes, config, data.get(), file).close();
      return;
    }
    try {
      OnnxNetwork.checkLoads(bytes);
    } catch (IOException e) {
      throw new InvalidConfig("file", file + ": " + e.getMessage());
    }
  }

  @Override
  public Model train(TrainingContext ctx, OnnxConfig config) throws IOException {
    Path file = ctx.resolve(config.file());
    Images images = ctx.trainImages();
    OnnxNetwork net = open(read(file), config, images.shape(), file);
    if (net.classes() != images.classes().size()) {
      net.close();
      throw new InvalidConfig("file", file + " scores " + net.classes() + " classes, but " + images.name() + " has " + images.classes().size() + " (" + String.join(", ", images.classes()) + ")");
    }
    return net;
  }

  /** The network on images of {@code shape}; what does not fit is an {@link InvalidConfig} on the field at fault. */
  /**
   * A network opened from an ONNX file's bytes exactly as an experiment opens it, outside a run (for
   * {@code ./invariance bench}); it is {@link AutoCloseable}: close it when done.
   */
  public static Model network(byte[] bytes, OnnxConfig config, ImageShape image) throws IOException {
    return new OnnxNetwork(bytes, config, image);
  }

  private static OnnxNetwork open(byte[] bytes, OnnxConfig config, ImageShape shape, Path file) {
    try {
      return new OnnxNetwork(bytes, config, shape);
    } catch (IOException e) {
      throw new InvalidConfig("file", file + ": " + e.getMessage());
    }
  }

  private static byte[] read(Path file) {
    try {
      long size = Files.size(file);
      if (size > Integer.MAX_VALUE - 16) throw new InvalidConfig("file", file + " is larger than 2 GB; ONNX files that large keep their weights in external data files, which this plugin does not read");
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidConfig("file", file + " cannot be read: " + e.getMessage());
    }
  }

  @Override
  public Model read(DataInputStream in, OnnxConfig config, Model upstream) throws IOException {
    return OnnxNetwork.read(in, config);
  }
}
