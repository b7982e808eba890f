package org.invariance.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.invariance.bus.Addresses;
import org.invariance.bus.Bus;
import org.invariance.bus.Events;
import org.invariance.data.Fingerprint;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.experiment.Experiment;
import org.invariance.metrics.Progress;
import org.invariance.model.DenseLayers;
import org.invariance.model.Model;
import org.invariance.plugin.Checkpoint;
import org.invariance.plugin.ModelPlugin;
import org.invariance.plugin.PluginException;
import org.invariance.plugin.TrainingContext;
import org.invariance.results.Provenance;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves model stages by name. A stage that builds on another ({@code on:}) asks for that one
 * first. Each is trained at most once per run by its plugin, and not at all when the model store
 * already holds one with the same identity.
 */
final class ModelService extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);
  private static final ObjectMapper RECORDS = new ObjectMapper();
  private final RunEnvironment env;
  private final Map<String, Future<Model>> models = new HashMap<>();
  private final ModelIdentity ids;
  private final TrainingWatch watch;

  ModelService(RunEnvironment env) {
    this.env = env;
    this.ids = new ModelIdentity(env.experiment, env.split.checksum(), env.plugins);
    this.watch = TrainingWatch.of(env.experiment, env.plugins, env.split.test());
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<Events.ModelRequest>consumer(Addresses.MODEL_REQUESTED, m -> {
      String name = m.body().name();
      Replies.reply(m, models.computeIfAbsent(name, this::obtain), "model " + name, env.metrics);
    }).completion();
  }

  private Future<Model> obtain(String name) {
    Experiment.ModelUse use = env.experiment.models().get(name);
    if (use == null) return Future.failedFuture("no model named '" + name + "'; models: " + String.join(", ", env.experiment.models().keySet()));
    if (use.on() == null) return env.compute(() -> obtain(name, use, null));
    Future<Model> upstream = Bus.request(vertx, Addresses.MODEL_REQUESTED, new Events.ModelRequest(use.on()));
    return upstream.compose(u -> env.compute(() -> obtain(name, use, u)));
  }

  String key(String name) {
    return ids.key(name);
  }

  private Map<String, String> files(Experiment.ModelUse use) {
    return ids.files(use);
  }

  private String sha256(Path file) {
    return ids.sha256(file);
  }

  /** Of an upstream stage's weights and biases, when it exposes them (0 otherwise). */
  private static long weightsFingerprint(Model upstream) {
    if (!(upstream instanceof DenseLayers d)) return 0;
    List<INDArray> all = new ArrayList<>(d.weights());
    all.addAll(d.biases());
    return Fingerprint.of(all.toArray(INDArray[]::new));
  }

  private Model obtain(String name, Experiment.ModelUse use, Model upstream) throws Exception {
    @SuppressWarnings("unchecked")
    ModelPlugin<Object> plugin = (ModelPlugin<Object>) env.plugins.models().get(use.use().plugin());
    String key = key(name);
    long t0 = System.nanoTime();
    Optional<Model> cached = env.store.load(name, key, use.use().plugin(), in -> plugin.read(in, use.use().config(), upstream));
    Model model;
    Context ctx = null;
    String how;
    if (cached.isPresent()) {
      model = cached.get();
      how = "reused";
      LOG.info("{}: reusing the stored model {}", name, env.store.modelFile(name, key));
    } else {
      LOG.info("{}: training with '{}'{} (store key {})", name, use.use().plugin(), use.on() == null ? "" : " on " + use.on(), key);
      TrainingCurve curve = new TrainingCurve();
      FileCheckpoint checkpoint = new FileCheckpoint(env.store.checkpointFile(name, key), name, key, env.experiment.checkpoints(), curve, env.checkpointSaved);
      ctx = new Context(name, use, upstream, checkpoint, curve);
      long lent = Fingerprint.of(env.split.train().pixels());
      long upstreamLent = weightsFingerprint(upstream);
      try {
        model = plugin.train(ctx, use.use().config());
        if (Fingerprint.of(env.split.train().pixels()) != lent) {
          // the next model would train on its changes: the run fails here, naming the plugin
          throw new IllegalStateException("model " + name + " (plugin '" + use.use().plugin() + "') wrote into the training images it was lent; trainers only read them (copy what you change)");
        }
        if (weightsFingerprint(upstream) != upstreamLent) {
          // probes of the upstream stage, and its stored file, would no longer agree
          throw new IllegalStateException("model " + name + " (plugin '" + use.use().plugin() + "') wrote into the weights of " + use.on()
              + ", the stage it builds on; trainers only read them (copy what you change, as a layer fine-tuned from them does)");
        }
        Divergence.checkActivity(name, model, env.split.train());
      } catch (Divergence.Diverged e) {
        checkpoint.close();
        checkpoint.delete(); // a checkpoint of diverged weights would only diverge again
        throw e;
      } catch (Exception | LinkageError e) {
        // one line naming the plugin's class and jar
        throw new PluginException("model " + name + ": " + PluginException.threw(use.use().plugin(), plugin, e).getMessage(), e);
      } finally {
        checkpoint.close();
      }
      ObjectNode prov = ids.identity(name);
      prov.put("name", name);
      prov.put("trained_at", Provenance.now());
      prov.put("train_seconds", (System.nanoTime() - t0) / 1e9);
      prov.set("versions", Provenance.versions());
      prov.set("code", Provenance.build());
      prov.put("trained_on", Provenance.worker());
      prov.set("training", curve.json());
      prov.set("seeds", ctx.seeds.json()); // a run that reuses the model records the seeds it was trained with
      if (ctx.looks > 0) {
        prov.put("watch_looks", ctx.looks);
        prov.put("watch_seconds", ctx.watchNanos / 1e9);
      }
      env.store.save(name, key, use.use().plugin(), model, prov);
      checkpoint.delete();
      how = "trained";
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    m.put("plugin", use.use().plugin());
    if (use.on() != null) m.put("on", use.on());
    m.put("layers", String.join(", ", model.layerNames()));
    m.put("classes", model.classes());
    m.put("key", key);
    Path stored = env.store.modelFile(name, key);
    m.put("file", stored.toString());
    m.put("origin", how);
    // the store's file and record by their own names: "file" is a file-read model's input below
    JsonNode record = RECORDS.readTree(ModelStore.recordOf(stored).toFile());
    m.put("stored_file", stored.toString());
    m.put("stored_sha256", record.path("sha256").asText());
    files(use).forEach((field, path) -> {
      Path f = env.experiment.resolve(path);
      m.put(field, f.toString());
      m.put(field + "_sha256", sha256(f));
    });
    m.put("seconds", secs);
    if (ctx != null && ctx.looks > 0) {
      // the watch's cost, inside those seconds
      m.put("watch_looks", ctx.looks);
      m.put("watch_seconds", ctx.watchNanos / 1e9);
    }
    m.set("seeds", SeedsAsked.copyOf(record.path("seeds")));
    env.provenance.record("models", name, m);
    vertx.eventBus().publish(Addresses.MODEL_READY, new Events.Ready(name, secs, how));
    return model;
  }

  /** What a model plugin sees. */
  private final class Context implements TrainingContext {
    private final String name;
    private final Experiment.ModelUse use;
    private final Model upstream;
    private final Checkpoint checkpoint;
    private final TrainingCurve curve;
    /** What the trainer asked, for the model's record and the run's provenance. */
    final SeedsAsked seeds = new SeedsAsked(env.experiment.seed());

    Context(String name, Experiment.ModelUse use, Model upstream, Checkpoint checkpoint, TrainingCurve curve) {
      this.curve = curve;
      this.name = name;
      this.use = use;
      this.upstream = upstream;
      this.checkpoint = env.experiment.checkpoints().off() ? Checkpoint.NONE : checkpoint;
    }

    @Override public String modelName() { return name; }
    @Override public Images trainImages() { return env.split.train(); }
    @Override public TransformFamily transform() { return env.families.get(use.transform()); }
    @Override public Optional<Model> upstream() { return Optional.ofNullable(upstream); }
    @Override public Path resolve(String path) { return env.experiment.resolve(path); }
    @Override public long seed(String purpose) { return seeds.derive(purpose); }
    @Override public Checkpoint checkpoint() { return checkpoint; }
    @Override public Progress progress(String phase, long total) {
      return progress(phase, total, "iterations");
    }

    @Override public Progress progress(String phase, long total, String unit) {
      return Divergence.guard(name, phase, curve.record(phase, total, env.metrics.training(name, phase, total, unit)));
    }

    /** Looks taken and the time they took, for the model's provenance (the watch's cost). */
    int looks;
    long watchNanos;

    @Override public void watch(long iteration, Supplier<Model> now) {
      if (watch == null || !watch.watches(name) || !watch.due(iteration, curve.phaseTotal())) return;
      long t0 = System.nanoTime();
      List<TrainingCurve.Point> values = watch.look(now.get(), transform(), curve.phase(), iteration, curve.seconds());
      curve.watched(iteration, values);
      for (TrainingCurve.Point p : values) env.metrics.watched(name, p.phase(), p.metric(), p.layer(), TrainingCurve.amount(p.amount()), p.value());
      long nanos = System.nanoTime() - t0;
      env.metrics.watchTime(name, nanos);
      looks++;
      watchNanos += nanos;
    }
    @Override public String toString() { return name; }
  }
}
