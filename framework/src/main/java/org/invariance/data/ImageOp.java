package org.invariance.data;

/**
 * One prepared image-to-image operation (e.g. "rotate by 30 degrees"), applied to many images.
 * Images are row-major float arrays; {@code src} and {@code dst} never overlap.
 */
@FunctionalInterface
public interface ImageOp {
  void apply(float[] src, int srcOffset, float[] dst, int dstOffset);
}
