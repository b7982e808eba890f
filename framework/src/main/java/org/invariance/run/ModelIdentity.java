package org.invariance.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.invariance.data.NpmPackage;
import org.invariance.experiment.Experiment;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.PluginRegistry;

/**
 * Everything that determines a trained model, and its key in the model store: its plugin and
 * resolved config, the seed, the data's checksum, its transform and its upstream model's key, and
 * the SHA-256 of every file it reads. The same identity on any JVM gives the same key, so a
 * cluster's units are named by it and a model trained anywhere is found everywhere.
 */
public final class ModelIdentity {
  private final Experiment experiment;
  private final String dataChecksum;
  private final PluginRegistry plugins;
  private final Map<Path, String> fileHashes = new ConcurrentHashMap<>();

  public ModelIdentity(Experiment experiment, String dataChecksum, PluginRegistry plugins) {
    this.experiment = experiment;
    this.dataChecksum = dataChecksum;
    this.plugins = plugins;
  }

  public ObjectNode identity(String name) {
    Experiment.ModelUse use = experiment.models().get(name);
    Experiment.TransformUse t = experiment.transforms().get(use.transform());
    ObjectNode id = JsonNodeFactory.instance.objectNode();
    id.put("plugin", use.use().plugin());
    id.set("config", use.use().configTree());
    id.put("seed", experiment.seed());
    id.put("data", dataChecksum);
    ObjectNode tn = id.putObject("transform");
    tn.put("plugin", t.use().plugin());
    tn.set("config", t.use().configTree());
    var amounts = tn.putArray("amounts");
    t.amounts().forEach(amounts::add);
    if (use.on() != null) id.put("upstream", key(use.on()));
    Map<String, String> files = files(use);
    if (!files.isEmpty()) {
      ObjectNode fn = id.putObject("files");
      files.forEach((field, path) -> fn.put(field, sha256(experiment.resolve(path))));
    }
    return id;
  }

  public String key(String name) {
    return ModelStore.key(identity(name));
  }

  /** The files a model stage reads, field -> path as written. */
  @SuppressWarnings("unchecked")
  public Map<String, String> files(Experiment.ModelUse use) {
    return ((ModelPlugin<Object>) plugins.models().get(use.use().plugin())).files(use.use().config());
  }

  /** A file's SHA-256, hashed once. */
  public String sha256(Path file) {
    return fileHashes.computeIfAbsent(file.toAbsolutePath(), f -> {
      try {
        return NpmPackage.sha256(f);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
      }
    });
  }
}
