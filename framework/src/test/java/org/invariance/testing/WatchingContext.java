package org.invariance.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.metrics.Progress;
import org.invariance.model.Model;
import org.invariance.plugin.Checkpoint;
import org.invariance.plugin.TrainingContext;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training context that looks at the model at every iteration the trainer offers, as the
 * harshest {@code watch:} would: it runs the view on {@code sample} and keeps the iterations seen,
 * so a model plugin's test can check that being watched changes no weight.
 */
public final class WatchingContext implements TrainingContext {
  private final TrainingContext inner;
  private final INDArray sample;
  public final List<Long> looked = new ArrayList<>();

  public WatchingContext(TrainingContext inner, INDArray sample) {
    this.inner = inner;
    this.sample = sample;
  }

  @Override public void watch(long iteration, Supplier<Model> now) {
    now.get().forward(sample.dup());
    looked.add(iteration);
  }

  @Override public String modelName() { return inner.modelName(); }
  @Override public Images trainImages() { return inner.trainImages(); }
  @Override public TransformFamily transform() { return inner.transform(); }
  @Override public Optional<Model> upstream() { return inner.upstream(); }
  @Override public long seed(String purpose) { return inner.seed(purpose); }
  @Override public Checkpoint checkpoint() { return inner.checkpoint(); }
  @Override public Progress progress(String phase, long total) { return inner.progress(phase, total); }
}
