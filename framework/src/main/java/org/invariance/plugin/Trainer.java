package org.invariance.plugin;

import org.invariance.nn.Model;

/**
 * Trains one model. Runs on a compute worker, may take minutes, reports progress through the
 * context, and must be deterministic for a given config, seed and data.
 */
public interface Trainer<C> extends Plugin<C> {
  ModelKind produces();

  Model train(TrainingContext context, C config) throws Exception;
}
