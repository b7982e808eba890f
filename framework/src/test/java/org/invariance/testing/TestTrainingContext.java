package org.invariance.testing;

import java.util.Optional;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.experiment.Seeds;
import org.invariance.metrics.Progress;
import org.invariance.nn.Encoder;
import org.invariance.plugin.TrainingContext;

/** A training context over given digits, for trainer unit tests. */
public record TestTrainingContext(String modelName, Images trainImages, TransformFamily mix, Encoder upstreamEncoder, long experimentSeed)
    implements TrainingContext {
  @Override public Optional<Encoder> upstream() { return Optional.ofNullable(upstreamEncoder); }
  @Override public long seed(String purpose) { return Seeds.derive(experimentSeed, purpose); }
  @Override public Progress progress(String phase, long total) { return Progress.silent(); }
}
