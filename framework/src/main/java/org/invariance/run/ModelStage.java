package org.invariance.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.bus.Addresses;
import org.invariance.bus.Bus;
import org.invariance.bus.Events;
import org.invariance.metrics.RunMetrics;

/**
 * The run's models, asked of the model service stage by stage, and their training curves written
 * once all are there (a model read from the store brings the curve it was trained with).
 */
final class ModelStage {
  private ModelStage() {}

  /** Step 5: every model stage, each after the one it builds on (trained or read from the store). */
  static void trainModels(RunEnvironment env, List<String> models) {
    env.metrics.state(RunMetrics.State.TRAINING);
    for (String model : models) {
      Bus.await(Bus.request(env.vertx, Addresses.MODEL_REQUESTED, new Events.ModelRequest(model)));
    }
  }

  /** Every model's training curve, as stored with it (trained now, earlier, or on another machine): {@code training.csv}. */
  static void writeTrainingCurves(RunEnvironment env) throws IOException {
    ModelIdentity ids = new ModelIdentity(env.experiment, env.split.checksum(), env.plugins);
    Map<String, List<TrainingCurve.Point>> curves = new LinkedHashMap<>();
    for (String model : env.experiment.models().keySet()) {
      Path json = env.store.modelFile(model, ids.key(model)).resolveSibling(env.store.modelFile(model, ids.key(model)).getFileName() + ".json");
      if (!Files.isRegularFile(json)) continue;
      curves.put(model, TrainingCurve.read(new ObjectMapper().readTree(json.toFile()).path("training")));
    }
    TrainingCurve.write(env.outDir.resolve("training.csv"), env.runId(), env.experiment.seed(), curves);
    RunHeadlines.losses(env.provenance, curves);
  }
}
