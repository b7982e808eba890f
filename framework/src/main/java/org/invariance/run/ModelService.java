package org.invariance.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.invariance.bus.Addresses;
import org.invariance.bus.Bus;
import org.invariance.bus.Events;
import org.invariance.experiment.PluginUse;
import org.invariance.experiment.Seeds;
import org.invariance.metrics.Progress;
import org.invariance.nn.Classifier;
import org.invariance.nn.Encoder;
import org.invariance.nn.Model;
import org.invariance.plugin.ModelKind;
import org.invariance.plugin.Trainer;
import org.invariance.plugin.TrainingContext;
import org.invariance.data.Digits;
import org.invariance.data.MixSampler;
import org.invariance.results.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves models by name: an encoder (trained by its {@code encoders:} plugin) or the classifier on
 * it (trained by the {@code heads:} plugin). Each is trained at most once per run, and not at all
 * when the model store already holds one with the same identity.
 */
final class ModelService extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);
  private static final int FORMAT = 1;
  private final RunEnvironment env;
  private final Map<Events.ModelRequest, Future<Model>> models = new HashMap<>();

  ModelService(RunEnvironment env) {
    this.env = env;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<Events.ModelRequest>consumer(Addresses.MODEL_REQUESTED, m -> {
      Events.ModelRequest r = m.body();
      Replies.reply(m, models.computeIfAbsent(r, this::obtain), "model " + r.name(), env.metrics);
    }).completion();
  }

  private Future<Model> obtain(Events.ModelRequest r) {
    PluginUse enc = env.experiment.encoders().get(r.name());
    if (enc == null) return Future.failedFuture("no model named '" + r.name() + "'; models: " + String.join(", ", env.experiment.encoders().keySet()));
    if (r.kind() == ModelKind.ENCODER) {
      return env.compute(() -> obtain(r.name(), ModelKind.ENCODER, enc, encoderKey(r.name()), null));
    }
    Future<Encoder> upstream = Bus.request(vertx, Addresses.MODEL_REQUESTED, new Events.ModelRequest(r.name(), ModelKind.ENCODER));
    return upstream.compose(e -> env.compute(() -> obtain(r.name(), ModelKind.CLASSIFIER, env.experiment.heads(), headKey(r.name()), e)));
  }

  ObjectNode identity(PluginUse use, String upstreamKey) {
    ObjectNode id = JsonNodeFactory.instance.objectNode();
    id.put("format", FORMAT);
    id.put("plugin", use.plugin());
    id.set("config", use.configTree());
    id.put("seed", env.experiment.seed());
    id.put("data", env.split.checksum());
    ObjectNode t = id.putObject("transform");
    t.put("plugin", env.experiment.transform().plugin());
    t.set("config", env.experiment.transform().configTree());
    var mix = t.putArray("mix");
    env.experiment.mix().forEach(mix::add);
    if (upstreamKey != null) id.put("upstream", upstreamKey);
    return id;
  }

  String encoderKey(String name) {
    return ModelStore.key(identity(env.experiment.encoders().get(name), null));
  }

  String headKey(String name) {
    return ModelStore.key(identity(env.experiment.heads(), encoderKey(name)));
  }

  private Model obtain(String name, ModelKind kind, PluginUse use, String key, Encoder upstream) throws Exception {
    String storeName = name + (kind == ModelKind.CLASSIFIER ? "-head" : "");
    long t0 = System.nanoTime();
    Optional<Model> cached = env.store.load(storeName, key);
    Model model;
    String how;
    if (cached.isPresent()) {
      model = cached.get();
      how = "reused";
      LOG.info("{} {}: reusing the stored model {}", name, kind, env.store.modelFile(storeName, key));
    } else {
      @SuppressWarnings("unchecked")
      Trainer<Object> trainer = (Trainer<Object>) env.plugins.trainers().get(use.plugin());
      LOG.info("{} {}: training with '{}'", name, kind, use.plugin());
      model = trainer.train(new Context(name, kind, upstream), use.config());
      boolean fits = kind == ModelKind.ENCODER ? model instanceof Encoder : model instanceof Classifier;
      if (!fits) throw new IllegalStateException("trainer '" + use.plugin() + "' returned a " + model.getClass().getSimpleName() + " where a " + kind + " was due");
      ObjectNode prov = identity(use, upstream == null ? null : encoderKey(name));
      prov.put("name", storeName);
      prov.put("trained_at", Provenance.now());
      prov.put("train_seconds", (System.nanoTime() - t0) / 1e9);
      prov.set("versions", Provenance.versions());
      prov.put("git_commit", Provenance.gitCommit(env.experiment.file().toAbsolutePath().getParent()));
      env.store.save(storeName, key, model, prov);
      how = "trained";
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    Path file = env.store.modelFile(storeName, key);
    synchronized (env.provenance) {
      ObjectNode m = env.provenance.section("models").putObject(storeName);
      m.put("kind", kind.toString());
      m.put("plugin", use.plugin());
      m.put("key", key);
      m.put("file", file.toString());
      m.put("origin", how);
      m.put("seconds", secs);
      env.provenance.write();
    }
    vertx.eventBus().publish(Addresses.MODEL_READY, new Events.Ready(name + "/" + kind, secs, how));
    return model;
  }

  /** What a trainer sees. */
  private final class Context implements TrainingContext {
    private final String name;
    private final ModelKind kind;
    private final Encoder upstream;

    Context(String name, ModelKind kind, Encoder upstream) {
      this.name = name;
      this.kind = kind;
      this.upstream = upstream;
    }

    @Override public String modelName() { return name; }
    @Override public Digits trainDigits() { return env.split.train(); }
    @Override public MixSampler mix() { return env.sampler; }
    @Override public Optional<Encoder> upstream() { return Optional.ofNullable(upstream); }
    @Override public long seed(String purpose) { return Seeds.derive(env.experiment.seed(), purpose); }

    @Override
    public Progress progress(String phase, long total) {
      return env.metrics.training(name, phase, total);
    }

    @Override
    public String toString() {
      return name + " " + kind;
    }
  }
}
