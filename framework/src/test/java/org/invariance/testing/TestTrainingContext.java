package org.invariance.testing;

import java.util.Optional;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.config.Seeds;
import org.invariance.metrics.Progress;
import org.invariance.model.Model;
import org.invariance.plugin.Checkpoint;
import org.invariance.plugin.TrainingContext;

/** A training context over given images, for model plugin unit tests; with a checkpoint to test resuming. */
public record TestTrainingContext(String modelName, Images trainImages, TransformFamily transform, Model upstreamModel, long experimentSeed, Checkpoint checkpoint)
    implements TrainingContext {
  public TestTrainingContext(String modelName, Images trainImages, TransformFamily transform, Model upstreamModel, long experimentSeed) {
    this(modelName, trainImages, transform, upstreamModel, experimentSeed, Checkpoint.NONE);
  }

  @Override public Optional<Model> upstream() { return Optional.ofNullable(upstreamModel); }
  @Override public long seed(String purpose) { return Seeds.derive(experimentSeed, purpose); }
  @Override public Progress progress(String phase, long total) { return Progress.silent(); }
}
