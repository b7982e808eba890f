package org.invariance.plugin;

import org.invariance.data.ImageOp;

/**
 * A family of input transformations indexed by one number, the <em>amount</em> (an angle for
 * rotation, a factor for scaling). The framework builds the study's datasets from it: MNIST_a
 * (every image transformed by amount a) and MNIST_mix (each image by a seeded random amount from a
 * declared set).
 */
public interface Transform<C> extends Plugin<C> {
  /** Prepares the operation for one amount on images of the given size; called once per amount. */
  ImageOp prepare(C config, double amount, int width, int height);
}
