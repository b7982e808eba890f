package org.invariance.plugin;

import java.util.OptionalDouble;
import org.invariance.data.ImageOp;
import org.invariance.data.ImageShape;

/**
 * A family of input transformations indexed by one number, the <em>amount</em> (an angle for
 * rotation, a factor for scaling). The framework builds the study's datasets from it: MNIST_a
 * (every image transformed by amount a) and MNIST_mix (each image by a seeded random amount from a
 * declared set).
 */
public interface Transform<C> extends Plugin<C> {
  /**
   * Prepares the operation for one amount on one channel of images of the given size (a row-major
   * plane of {@code width x height} values); called once per amount. An amount the transform cannot
   * apply is an {@link IllegalArgumentException} in words, which {@code validate} reports at the
   * line that asks for it.
   */
  ImageOp prepare(C config, double amount, int width, int height);

  /**
   * Prepares the operation for one amount on whole images of {@code shape}, every channel at once.
   * By default each channel is transformed alike by {@link #prepare(Object, double, int, int)}
   * (geometric transforms); a transform whose channels interact, or that draws random numbers per
   * image (noise), overrides it.
   */
  default ImageOp prepare(C config, double amount, ImageShape shape) {
    return ImageOp.perChannel(prepare(config, amount, shape.width(), shape.height()), shape);
  }

  /**
   * The amount that leaves every image as it is (rotation 0, scale 1, translation 0, noise 0):
   * probes compare the other amounts with it, and their defaults name it ({@code reference}, the
   * first dataset of a set). Empty when the family has none; probes then need their datasets
   * written out, and {@code validate} says so.
   */
  default OptionalDouble identity(C config) {
    return OptionalDouble.empty();
  }
}
