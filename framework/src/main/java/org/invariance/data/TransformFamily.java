package org.invariance.data;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One transform family of an experiment bound to its config and amounts: T_a for each declared
 * amount a, and random draws from those amounts (T_mix, corruption during training), on images of
 * one shape (every channel). Prepares each amount's operation once.
 */
public final class TransformFamily {
  /** Prepares the operation of one amount for whole images of one shape (a transform plugin bound to its config). */
  @FunctionalInterface
  public interface Preparer {
    ImageOp prepare(double amount, ImageShape shape);
  }

  /** Prepares the operation of one amount on grey-scale images of one size. */
  @FunctionalInterface
  public interface PlanePreparer {
    ImageOp prepare(double amount, int width, int height);
  }

  private final String name;
  private final Preparer preparer;
  private final List<Double> amounts;
  private final ImageShape shape;
  private final ConcurrentHashMap<Double, ImageOp> ops = new ConcurrentHashMap<>();

  public TransformFamily(String name, Preparer preparer, List<Double> amounts, ImageShape shape) {
    if (amounts.isEmpty()) throw new IllegalArgumentException("transform " + name + " declares no amounts");
    this.name = name;
    this.preparer = preparer;
    this.amounts = List.copyOf(amounts);
    this.shape = shape;
  }

  /** A family on grey-scale images of {@code width x height}. */
  public TransformFamily(String name, PlanePreparer preparer, List<Double> amounts, int width, int height) {
    this(name, (a, shape) -> preparer.prepare(a, shape.width(), shape.height()), amounts, ImageShape.grey(width, height));
  }

  /** Its name in the experiment ("rotation"). */
  public String name() {
    return name;
  }

  /** The declared amounts, which T_mix draws from. */
  public List<Double> amounts() {
    return amounts;
  }

  /** The operation of {@code amount} on one whole image (every channel). */
  public ImageOp op(double amount) {
    return ops.computeIfAbsent(amount, a -> preparer.prepare(a, shape));
  }

  /** The shape of the images it transforms. */
  public ImageShape shape() {
    return shape;
  }

  /** Transforms one image by a random amount of the declared set; returns the amount drawn. */
  public double applyRandom(SplittableRandom rng, float[] src, int srcOffset, float[] dst, int dstOffset) {
    double a = amounts.get(rng.nextInt(amounts.size()));
    op(a).apply(src, srcOffset, dst, dstOffset);
    return a;
  }
}
